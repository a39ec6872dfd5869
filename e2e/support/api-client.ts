import type { AppType } from '@polarity/server/app';
import { hc } from 'hono/client';
import { adminToken, baseURL, modelName } from '../playwright.config.ts';

/** The server under test through its own route types (hc<AppType>), as an admin. */
export const api = hc<AppType>(baseURL, {
  headers: { Authorization: `Bearer ${adminToken}` },
}).api;

/** An alias of the served model, for the admin routes. */
export const aliasOf = (alias: string) => ({ param: { name: modelName, alias } });
