import { PredictResponse } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { modelName, shippedModelAvailable } from '../support/model-registry.ts';
import { createTestApp, errorOf, postJson } from '../support/test-app.ts';

const token = 'test-admin-token-0123456789';
const auth = { authorization: `Bearer ${token}` };

describe.skipIf(!shippedModelAvailable)('champion following and admin routes', () => {
  const under = useAppUnderTest({
    versions: 3,
    env: { ADMIN_TOKEN: token, CHAMPION_POLL_INTERVAL_MS: '1000' },
    startModels: true,
  });

  const servedVersion = async () =>
    PredictResponse.parse(
      await (await postJson(under.test.app, '/api/predict', { text: 'Nice.' })).json(),
    ).predictions[0]?.model.version;
  const reload = (headers: Record<string, string>) =>
    under.test.app.request(`/api/admin/models/${modelName}/reload`, { method: 'POST', headers });
  const promote = (version: string, headers: Record<string, string> = auth) =>
    postJson(
      under.test.app,
      `/api/admin/models/${modelName}/aliases/champion`,
      { version },
      headers,
    );

  it('is disabled, never open, when ADMIN_TOKEN is unset', async () => {
    const unset = createTestApp({ db: under.database.db, registry: under.registryCopy.registry });
    const response = await unset.app.request(`/api/admin/models/${modelName}/reload`, {
      method: 'POST',
      headers: auth,
    });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('admin_disabled');
  });

  it('needs the bearer token', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-but-long-enough' },
      { authorization: token },
    ] as Record<string, string>[]) {
      const response = await reload(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await errorOf(response)).code).toBe('unauthorized');
    }
    const denied = await promote('2', {});
    expect(denied.status).toBe(401);
    expect(
      (await under.registryCopy.registry.getVersionByAlias(modelName, 'champion')).version,
    ).toBe('1');
  });

  it('picks up an alias moved in the registry on reload, without a restart', async () => {
    expect(await servedVersion()).toBe('1');
    await under.registryCopy.registry.setAlias(modelName, 'champion', '2');
    const response = await reload(auth);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: modelName, version: '2' });
    expect(await servedVersion()).toBe('2');
  });

  it('picks up an alias moved in the registry by polling', async () => {
    await under.registryCopy.registry.setAlias(modelName, 'champion', '3');
    const deadline = Date.now() + 10_000;
    while ((await servedVersion()) !== '3' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await servedVersion()).toBe('3');
  });

  it('promotes a version without dropping requests in flight', async () => {
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      postJson(under.test.app, '/api/predict', {
        texts: [`Review number ${i} was great.`, 'Bad.'],
      }),
    );
    const promoted = await promote('1');
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ version: '1', aliases: ['champion'] });
    const statuses = (await Promise.all(inFlight)).map((r) => r.status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await servedVersion()).toBe('1');
  });

  it('refuses to promote a version that fails its integrity check and keeps serving the current one', async () => {
    await under.registryCopy.tamper('2', 'model.onnx');
    // a fresh service, so version 2 is not already loaded from an earlier test
    const fresh = createTestApp({
      db: under.database.db,
      registry: under.registryCopy.registry,
      env: { ADMIN_TOKEN: token },
    });
    await fresh.api.models.start();
    const response = await postJson(
      fresh.app,
      `/api/admin/models/${modelName}/aliases/champion`,
      { version: '2' },
      auth,
    );
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe('artifact_corrupt');
    expect(
      (await under.registryCopy.registry.getVersionByAlias(modelName, 'champion')).version,
    ).toBe('1');
    expect(fresh.api.models.current()?.version).toBe('1');

    // moved behind the server's back: the reload is refused, version 1 stays
    await under.registryCopy.registry.setAlias(modelName, 'champion', '2');
    const reloaded = await fresh.app.request(`/api/admin/models/${modelName}/reload`, {
      method: 'POST',
      headers: auth,
    });
    expect(reloaded.status).toBe(502);
    expect(fresh.api.models.current()?.version).toBe('1');
    fresh.api.models.stop();
    await under.registryCopy.registry.setAlias(modelName, 'champion', '1');
  });

  it('removes a challenger alias, idempotently, but never the champion', async () => {
    const challenger = `/api/admin/models/${modelName}/aliases/challenger`;
    const set = await postJson(under.test.app, challenger, { version: '2' }, auth);
    expect(set.status).toBe(200);
    expect(
      (await under.registryCopy.registry.getVersionByAlias(modelName, 'challenger')).version,
    ).toBe('2');

    expect((await under.test.app.request(challenger, { method: 'DELETE' })).status).toBe(401);
    for (let attempt = 0; attempt < 2; attempt++) {
      const removed = await under.test.app.request(challenger, { method: 'DELETE', headers: auth });
      expect(removed.status).toBe(204);
    }
    await expect(
      under.registryCopy.registry.getVersionByAlias(modelName, 'challenger'),
    ).rejects.toThrow();
    expect(
      (await under.test.app.request(`/api/models/${modelName}/aliases/challenger`)).status,
    ).toBe(404);

    const champion = await under.test.app.request(
      `/api/admin/models/${modelName}/aliases/champion`,
      {
        method: 'DELETE',
        headers: auth,
      },
    );
    expect(champion.status).toBe(409);
    expect(await errorOf(champion)).toMatchObject({ code: 'champion_required', field: 'alias' });
    expect(
      (await under.registryCopy.registry.getVersionByAlias(modelName, 'champion')).version,
    ).toBe('1');
  });

  it('answers 404 for an unknown version and 422 for a bad body', async () => {
    expect((await promote('99')).status).toBe(404);
    const bad = await postJson(
      under.test.app,
      `/api/admin/models/${modelName}/aliases/champion`,
      { version: 2 },
      auth,
    );
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).field).toBe('version');
  });
});
