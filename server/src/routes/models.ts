import { createRoute, z } from '@hono/zod-openapi';
import { ModelAliases, ModelVersionMetadata, ServedModels } from '@polarity/core/contracts';
import { type ModelRegistry, RegistryError } from '@polarity/core/registry';
import type { Context } from 'hono';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import { contentType, pickEncoding } from '../models/artifact-encoding.ts';
import type { ArtifactStore } from '../models/artifact-store.ts';
import { registryFailure } from '../models/registry-failure.ts';
import type { createVersionDescriber } from '../models/version-metadata.ts';
import { errorBody, errorResponses } from '../openapi/api-errors.ts';
import { createRouter } from '../openapi/router.ts';

const VersionParams = z.object({ name: z.string(), version: z.string() });

const listModels = createRoute({
  method: 'get',
  path: '/',
  summary: 'The models this server serves (its MODEL_NAME), so clients never assume a name',
  responses: {
    200: { description: 'the models', content: { 'application/json': { schema: ServedModels } } },
  },
});

const getAlias = createRoute({
  method: 'get',
  path: '/{name}/aliases/{alias}',
  summary: 'The version an alias (e.g. champion) points at',
  request: { params: z.object({ name: z.string(), alias: z.string() }) },
  responses: {
    200: {
      description: 'the version',
      content: { 'application/json': { schema: ModelVersionMetadata } },
    },
    ...errorResponses(404, 502, 503),
  },
});

const listAliases = createRoute({
  method: 'get',
  path: '/{name}/aliases',
  summary: 'The versions the champion and challenger aliases point at, null where one is not set',
  request: { params: z.object({ name: z.string() }) },
  responses: {
    200: { description: 'the aliases', content: { 'application/json': { schema: ModelAliases } } },
    ...errorResponses(404, 502, 503),
  },
});

const getVersion = createRoute({
  method: 'get',
  path: '/{name}/versions/{version}',
  summary: 'One model version: files with sha256 and URL, labels, metrics, aliases',
  request: { params: VersionParams },
  responses: {
    200: {
      description: 'the version',
      content: { 'application/json': { schema: ModelVersionMetadata } },
    },
    ...errorResponses(404, 502, 503),
  },
});

const getFile = createRoute({
  method: 'get',
  path: '/{name}/versions/{version}/files/{file}',
  summary: 'One file of a version, verified against its sha256',
  description:
    'Immutable: `ETag` is the quoted sha256, `If-None-Match` answers 304. JSON and ONNX files ' +
    'are compressed (br or gzip) when the client accepts it and it saves at least 10%.',
  request: {
    params: VersionParams.extend({ file: z.string() }),
    headers: z.object({
      'if-none-match': z.string().optional(),
      'accept-encoding': z.string().optional(),
    }),
  },
  responses: {
    200: {
      description: 'the bytes',
      content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
    },
    304: { description: 'the client already holds these bytes' },
    ...errorResponses(404, 502, 503),
  },
});

export interface ModelRouteDeps {
  registry: ModelRegistry;
  describe: ReturnType<typeof createVersionDescriber>;
  artifacts: ArtifactStore;
  metrics: ServiceMetrics;
  /** The model the server predicts with (MODEL_NAME). */
  servedModel: string;
}

const immutable = 'public, max-age=31536000, immutable';

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

export function modelRoutes({
  registry,
  describe,
  artifacts,
  metrics,
  servedModel,
}: ModelRouteDeps) {
  function failure(c: Context, error: unknown) {
    const known = registryFailure(error);
    if (!known) throw error;
    return c.json(errorBody(known.code, known.message), known.status);
  }

  return createRouter()
    .openapi(listModels, (c) => c.json({ models: [{ name: servedModel }] }, 200))
    .openapi(getAlias, async (c) => {
      const { name, alias } = c.req.valid('param');
      try {
        return c.json(await describe(await registry.getVersionByAlias(name, alias)), 200);
      } catch (error) {
        return failure(c, error);
      }
    })
    .openapi(listAliases, async (c) => {
      const { name } = c.req.valid('param');
      const aliased = async (alias: string) => {
        try {
          return await describe(await registry.getVersionByAlias(name, alias));
        } catch (error) {
          if (error instanceof RegistryError && error.code === 'not_found') return null;
          throw error;
        }
      };
      try {
        const [champion, challenger] = await Promise.all([
          aliased('champion'),
          aliased('challenger'),
        ]);
        // No alias at all may mean no such model, which stays a 404 (listVersions throws it).
        if (!champion && !challenger) await registry.listVersions(name);
        return c.json({ champion, challenger }, 200);
      } catch (error) {
        return failure(c, error);
      }
    })
    .openapi(getVersion, async (c) => {
      const { name, version } = c.req.valid('param');
      try {
        return c.json(await describe(await registry.getVersion(name, version)), 200);
      } catch (error) {
        return failure(c, error);
      }
    })
    .openapi(getFile, async (c) => {
      const { name, version, file } = c.req.valid('param');
      const headers = c.req.valid('header');
      try {
        const manifest = await registry.getManifest(name, version);
        const entry = manifest.files.find((candidate) => candidate.name === file);
        if (!entry) {
          return c.json(
            errorBody('not_found', `model ${name} version ${version} has no file ${file}`),
            404,
          );
        }
        const etag = `"${entry.sha256}"`;
        c.header('ETag', etag);
        c.header('Cache-Control', immutable);
        c.header('Vary', 'Accept-Encoding');
        if (etagMatches(headers['if-none-match'], etag)) return c.body(null, 304);
        const artifact = await artifacts.get(
          name,
          version,
          file,
          pickEncoding(file, headers['accept-encoding']),
        );
        metrics.artifactDownloads.inc({ model_version: version, file });
        c.header('Content-Type', contentType(file));
        if (artifact.encoding) c.header('Content-Encoding', artifact.encoding);
        return c.body(artifact.bytes as Uint8Array<ArrayBuffer>, 200);
      } catch (error) {
        if (error instanceof RegistryError && error.code === 'corrupt') {
          metrics.artifactIntegrityFailures.inc({ model_version: version, file });
          console.error(`GET model file refused: ${error.message}`);
        }
        return failure(c, error);
      }
    });
}
