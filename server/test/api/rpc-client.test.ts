import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppType } from '../../src/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createTestApp } from '../support/test-app.ts';

describe('typed client (hc<AppType>)', () => {
  let database: TestDatabase;
  let test: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    database = await createTestDatabase();
    test = createTestApp({ db: database.db });
  });
  afterAll(() => database?.drop());

  it('calls the API with the shared contracts as types', async () => {
    const client = hc<AppType>('http://polarity.test', {
      fetch: (input: string | URL | Request, init?: RequestInit) => test.app.request(input, init),
    });
    const response = await client.api.events.$post({
      json: {
        events: [
          {
            type: 'feedback',
            id: '3f0e1a52-5c1b-4f0e-9a3e-2d7c9b1a0e44',
            created_at: '2026-11-01T10:00:00Z',
            client_id: 'web-1',
            prediction_id: '3f0e1a52-5c1b-4f0e-9a3e-2d7c9b1a0e45',
            label: 'positive',
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    if (response.status !== 200) return;
    const result = await response.json();
    // `accepted` is typed from EventBatchResult: a typo here would not compile
    expect(result.accepted + result.duplicates + result.rejected).toBe(1);
  });
});
