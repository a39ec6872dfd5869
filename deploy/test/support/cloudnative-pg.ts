import { z } from 'zod';

/*
 * No npm package ships CloudNativePG's CRD schemas, so these are written by hand from its API
 * reference (postgresql.cnpg.io/v1, operator 1.25+), for the fields deploy/k8s uses, and strict:
 * a field missing here is a field to look up in that reference before adding it.
 */

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti)?$/, 'must be a quantity');

const resources = z
  .object({
    requests: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).strict(),
    limits: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).strict(),
  })
  .partial()
  .strict();

const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a Postgres identifier');

const role = z
  .object({
    name: identifier,
    ensure: z.enum(['present', 'absent']).optional(),
    login: z.boolean().optional(),
    comment: z.string().optional(),
    passwordSecret: z
      .object({ name: z.string().min(1) })
      .strict()
      .optional(),
    inRoles: z.array(z.string()).optional(),
  })
  .strict();

const ClusterSpec = z
  .object({
    instances: z.number().int().min(1),
    imageName: z
      .string()
      .regex(/^[^:]+:[\w.-]+$/, 'must name an image with a tag')
      .optional(),
    primaryUpdateStrategy: z.enum(['unsupervised', 'supervised']).optional(),
    bootstrap: z
      .object({
        initdb: z
          .object({
            database: identifier,
            owner: identifier,
            secret: z.object({ name: z.string() }).strict().optional(),
          })
          .strict(),
      })
      .strict()
      .optional(),
    postgresql: z
      .object({ parameters: z.record(z.string(), z.string()).optional() })
      .strict()
      .optional(),
    managed: z
      .object({ roles: z.array(role).optional() })
      .strict()
      .optional(),
    storage: z.object({ size: quantity, storageClass: z.string().optional() }).strict(),
    resources: resources.optional(),
    affinity: z
      .object({
        enablePodAntiAffinity: z.boolean().optional(),
        topologyKey: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const DatabaseSpec = z
  .object({
    name: identifier,
    owner: identifier,
    cluster: z.object({ name: z.string().min(1) }).strict(),
    ensure: z.enum(['present', 'absent']).optional(),
  })
  .strict();

const metadata = z.object({ name: z.string().min(1) }).loose();

export const cloudNativePgKinds = {
  Cluster: z
    .object({
      apiVersion: z.literal('postgresql.cnpg.io/v1'),
      kind: z.literal('Cluster'),
      metadata,
      spec: ClusterSpec,
    })
    .strict(),
  Database: z
    .object({
      apiVersion: z.literal('postgresql.cnpg.io/v1'),
      kind: z.literal('Database'),
      metadata,
      spec: DatabaseSpec,
    })
    .strict(),
} as const;

/** The Secret CloudNativePG writes for the owner of a Cluster's initdb database (keys incl. uri). */
export const appSecretOf = (clusterName: string) => `${clusterName}-app`;
/** The read-write Service CloudNativePG creates for a Cluster: it follows the primary. */
export const readWriteServiceOf = (clusterName: string) => `${clusterName}-rw`;
