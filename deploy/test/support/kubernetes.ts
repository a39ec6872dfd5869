import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { cloudNativePgKinds } from './cloudnative-pg.ts';

/** An object as `kubectl kustomize` renders it; the fields the tests read are typed loosely. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked against their schemas, not types
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  [field: string]: any;
}

/** `kubectl` on PATH, or $KUBECTL; .ci/run installs one when the machine has none. */
const kubectl = process.env.KUBECTL ?? 'kubectl';

/** The objects a kustomization renders to, as `kubectl apply -k` would send them. */
export function kustomize(dir: string): KubernetesObject[] {
  let output: string;
  try {
    output = execFileSync(kubectl, ['kustomize', dir], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${kubectl} kustomize ${dir}: ${stderr || message}`);
  }
  return parseAllDocuments(output).map((document) => {
    if (document.errors.length > 0) throw new Error(`${dir}: ${document.errors[0]!.message}`);
    return document.toJS() as KubernetesObject;
  });
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** kubernetes-models (built from the Kubernetes OpenAPI) and its Prometheus Operator CRD models. */
async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module =
    group === 'monitoring.coreos.com'
      ? `@kubernetes-models/prometheus-operator/${apiVersion}`
      : `kubernetes-models/${group ? `${group}/${version}` : version}`;
  try {
    const models = (await import(module)) as Record<string, ModelClass>;
    return models[kind];
  } catch {
    return undefined;
  }
}

/**
 * Validates one object against its API schema: built-in kinds and the Prometheus Operator's CRDs
 * with kubernetes-models' validators, CloudNativePG's with ./cloudnative-pg.ts. Returns the
 * problems, empty when valid; a kind no schema covers is itself a problem.
 */
export async function schemaProblems(object: KubernetesObject): Promise<string[]> {
  const where = `${object.kind}/${object.metadata?.name}`;
  if (object.apiVersion === 'postgresql.cnpg.io/v1') {
    const schema = cloudNativePgKinds[object.kind as keyof typeof cloudNativePgKinds];
    if (!schema) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];
    const parsed = schema.safeParse(object);
    return parsed.success ? [] : [`${where}: ${z.prettifyError(parsed.error)}`];
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${where}: ${(error as Error).message}`];
  }
}
