import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { ModelVersionMetadata } from '@polarity/core/contracts';
import type { ModelRegistry } from '@polarity/core/registry';
import type { MiddlewareHandler } from 'hono';
import { championAlias, type ModelService } from '../models/model-service.ts';
import { registryFailure } from '../models/registry-failure.ts';
import type { createVersionDescriber } from '../models/version-metadata.ts';
import { errorBody, errorResponses } from '../openapi/api-errors.ts';
import { jsonBodyLimit } from '../openapi/json-body.ts';
import { createRouter } from '../openapi/router.ts';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Bearer-token check. Hashing first gives both sides the same length, so timingSafeEqual
 * reveals neither the token's length nor how much of it matched. Unset token → disabled.
 */
function requireAdmin(token: string | undefined): MiddlewareHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (c, next) => {
    if (!expected) {
      return c.json(
        errorBody('admin_disabled', 'admin routes are disabled: ADMIN_TOKEN is not set'),
        403,
      );
    }
    const presented = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json(
        errorBody(
          'unauthorized',
          'a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required',
        ),
        401,
      );
    }
    await next();
  };
}

const bearer = [{ bearerAuth: [] }];
const ModelParam = z.object({ name: z.string() });
const ServedVersion = z.object({ name: z.string(), version: z.string() });

export interface AdminRouteDeps {
  adminToken: string | undefined;
  models: ModelService;
  registry: ModelRegistry;
  describe: ReturnType<typeof createVersionDescriber>;
}

export function adminRoutes({ adminToken, models, registry, describe }: AdminRouteDeps) {
  const auth = requireAdmin(adminToken);

  const reload = createRoute({
    method: 'post',
    path: '/models/{name}/reload',
    summary: 'Re-read the champion alias now and serve the version it names',
    security: bearer,
    middleware: [auth] as const,
    request: { params: ModelParam },
    responses: {
      200: {
        description: 'the version now served',
        content: { 'application/json': { schema: ServedVersion } },
      },
      ...errorResponses(401, 403, 404, 429, 502, 503),
    },
  });

  const promote = createRoute({
    method: 'post',
    path: '/models/{name}/aliases/{alias}',
    summary: 'Point an alias at a version (promoting to champion reloads the served model)',
    security: bearer,
    middleware: [auth, jsonBodyLimit] as const,
    request: {
      params: ModelParam.extend({ alias: z.string() }),
      body: {
        content: {
          'application/json': { schema: z.object({ version: z.string().min(1).max(64) }).strict() },
        },
        required: true,
      },
    },
    responses: {
      200: {
        description: 'the version the alias now names',
        content: { 'application/json': { schema: ModelVersionMetadata } },
      },
      ...errorResponses(400, 401, 403, 404, 415, 422, 429, 502, 503),
    },
  });

  const removeAlias = createRoute({
    method: 'delete',
    path: '/models/{name}/aliases/{alias}',
    summary: 'Remove an alias, such as a challenger that should stop shadowing (not the champion)',
    security: bearer,
    middleware: [auth] as const,
    request: { params: ModelParam.extend({ alias: z.string() }) },
    responses: {
      204: { description: 'the alias is gone; removing one that is not set is not an error' },
      ...errorResponses(401, 403, 404, 409, 429, 502, 503),
    },
  });

  /** A registry failure, here or as the cause of a model load, as its JSON error; anything else is rethrown. */
  function registryError(error: unknown) {
    const known = registryFailure(error) ?? registryFailure((error as Error).cause);
    if (!known) throw error;
    return { body: errorBody(known.code, (error as Error).message), status: known.status };
  }

  function notServed(name: string) {
    return errorBody('not_found', `this server serves model ${models.modelName}, not ${name}`);
  }

  return createRouter()
    .openapi(reload, async (c) => {
      const { name } = c.req.valid('param');
      if (name !== models.modelName) return c.json(notServed(name), 404);
      try {
        const model = await models.reload();
        return c.json({ name: model.name, version: model.version }, 200);
      } catch (error) {
        const { body, status } = registryError(error);
        return c.json(body, status);
      }
    })
    .openapi(promote, async (c) => {
      const { name, alias } = c.req.valid('param');
      const { version } = c.req.valid('json');
      try {
        const servesChampion = alias === championAlias && name === models.modelName;
        // Load (and verify) first, so a version that cannot be served never becomes champion.
        if (servesChampion) await models.get(version);
        await registry.setAlias(name, alias, version);
        if (servesChampion) await models.reload();
        return c.json(await describe(await registry.getVersion(name, version)), 200);
      } catch (error) {
        const { body, status } = registryError(error);
        return c.json(body, status);
      }
    })
    .openapi(removeAlias, async (c) => {
      const { name, alias } = c.req.valid('param');
      if (alias === championAlias && name === models.modelName) {
        return c.json(
          errorBody(
            'champion_required',
            `model ${name} must keep its champion alias: promote another version instead`,
            'alias',
          ),
          409,
        );
      }
      try {
        await registry.deleteAlias(name, alias);
        return c.body(null, 204);
      } catch (error) {
        const { body, status } = registryError(error);
        return c.json(body, status);
      }
    });
}
