import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { AppType } from '../../src/app.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';

describe('typed client (hc<AppType>)', () => {
  const under = useAppUnderTest();

  it('calls the API with the shared contracts as types', async () => {
    const client = hc<AppType>('http://polarity.test', {
      fetch: (input: string | URL | Request, init?: RequestInit) =>
        under.test.app.request(input, init),
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

describe('GET /api/models', () => {
  const under = useAppUnderTest({ env: { MODEL_NAME: 'another-sentiment' } });

  it('names the model the server serves, from MODEL_NAME', async () => {
    const client = hc<AppType>('http://polarity.test', {
      fetch: (input: string | URL | Request, init?: RequestInit) =>
        under.test.app.request(input, init),
    });
    const response = await client.api.models.$get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ models: [{ name: 'another-sentiment' }] });
  });
});
