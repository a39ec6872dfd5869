import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from './validation-hook.ts';

/** A router whose schema violations answer 422 `{error:{code,message,field}}`. */
export function createRouter() {
  return new OpenAPIHono({ defaultHook: validationHook });
}
