import { randomBytes } from 'node:crypto';
import {
  type MlflowProtocolServer,
  startMlflowProtocolServer,
} from '@polarity/core/mlflow-stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/registry/index.ts';
import {
  haveRecordings,
  loadRecordings,
  type Recording,
  recordingsDir,
} from './support/recordings.ts';

/*
 * Replays every recorded exchange with real MLflow 3.4, in order, against the protocol server
 * and compares status, content type and body. Only what cannot match is normalised: ids the
 * server generates (the run id), timestamps, the server's version string, and error messages
 * where MLflow appends backend noise (the server's message must be a prefix of MLflow's).
 */

const recordings = haveRecordings ? await loadRecordings() : [];
if (!haveRecordings) {
  console.warn(`MLflow recordings not found at ${recordingsDir}; conformance tests skipped`);
}

// Bodies whose recorded sha256 we can reproduce, so downloads can be compared exactly.
const knownContents = [new TextEncoder().encode('flavors: {}\n')];

let server: MlflowProtocolServer;
const ids = new Map<string, string>();
const uploaded = new Map<string, Uint8Array>();

function substitute(text: string): string {
  let result = text;
  for (const [recorded, actual] of ids) result = result.replaceAll(recorded, actual);
  return result;
}

function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => normalise(item, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'message' ? '<message>' : normalise(v, k)]),
    );
  }
  if (typeof value === 'number' && /time/.test(key)) return '<ms>';
  return value;
}

function requestBody(recording: Recording): Uint8Array | string | undefined {
  const body = recording.request.body;
  if (!body) return undefined;
  if (!body.binary) return substitute(body.text);
  const { size, sha256 } = body.binary;
  const bytes = knownContents.find((c) => sha256Hex(c) === sha256) ?? randomBytes(size);
  uploaded.set(sha256, bytes);
  return bytes;
}

beforeAll(async () => {
  server = await startMlflowProtocolServer();
});
afterAll(() => server?.close());

describe.skipIf(!haveRecordings)('protocol server replays recorded MLflow 3.4 exchanges', () => {
  it.each(recordings.map((r) => [r.file, r] as const))('%s', async (_, recording) => {
    const { request, response: expected } = recording;
    const body = requestBody(recording);
    const response = await fetch(`${server.url}${substitute(request.path)}`, {
      method: request.method,
      headers: request.headers['content-type']
        ? { 'content-type': request.headers['content-type'] }
        : {},
      ...(body === undefined ? {} : { body: body as RequestInit['body'] }),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());

    expect(response.status).toBe(expected.status);
    const mediaType = (headers: string | null | undefined) => headers?.split(';')[0]?.trim();
    expect(mediaType(response.headers.get('content-type'))).toBe(
      mediaType(expected.headers['content-type']),
    );

    const expectedBody = expected.body;
    if (expectedBody?.binary) {
      expect(bytes.byteLength).toBe(expectedBody.binary.size);
      const sent = uploaded.get(expectedBody.binary.sha256);
      expect(sent, 'the recording downloads a file it uploaded').toBeDefined();
      expect(sha256Hex(bytes)).toBe(sha256Hex(sent!));
      return;
    }
    const text = new TextDecoder().decode(bytes);
    if (mediaType(expected.headers['content-type']) !== 'application/json') {
      if (recording.step !== 'version') expect(text.trim()).toBe(expectedBody?.text ?? '');
      return;
    }
    const actualJson = JSON.parse(text);
    const expectedJson = JSON.parse(substitute(expectedBody?.text ?? '{}'));
    if (recording.step === 'runs-create') {
      ids.set(expectedJson.run.info.run_id, actualJson.run.info.run_id);
      expectedJson.run = JSON.parse(substitute(JSON.stringify(expectedJson.run)));
    }
    expect(normalise(actualJson)).toEqual(normalise(expectedJson));
    if ('error_code' in expectedJson) {
      expect(expectedJson.message.startsWith(actualJson.message), actualJson.message).toBe(true);
    }
  });
});
