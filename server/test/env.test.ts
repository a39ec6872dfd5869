import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../src/env.ts';

describe('loadEnv', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(8000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toMatch(/data$/);
    expect(env.STORE_TEXT).toBe(true);
    expect(env.ROLE).toBe('all');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORE_TEXT: 'maybe' }, 'STORE_TEXT'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ MLFLOW_TRACKING_URI: 'localhost:5001' }, 'MLFLOW_TRACKING_URI'],
  ])('rejects %o naming %s', (source, variable) => {
    expect(() => loadEnv(source)).toThrow(ConfigError);
    expect(() => loadEnv(source)).toThrow(new RegExp(`^${variable}: `));
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
