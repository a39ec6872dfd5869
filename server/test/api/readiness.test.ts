import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { shippedModelAvailable } from '../support/model-registry.ts';
import { postJson } from '../support/test-app.ts';

describe.skipIf(!shippedModelAvailable)('readiness', () => {
  const under = useAppUnderTest({ versions: 1 });

  it('is not ready until POST /api/predict can answer 200, and ready from then on', async () => {
    const predict = () => postJson(under.test.app, '/api/predict', { text: 'Works well.' });
    const ready = await under.test.app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not_ready',
      reason: 'model polarity-sentiment: no champion loaded yet',
    });
    expect((await predict()).status).toBe(503);

    await under.test.api.models.start();
    expect((await under.test.app.request('/readyz')).status).toBe(200);
    expect((await predict()).status).toBe(200);
  });
});
