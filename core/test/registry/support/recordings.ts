import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The real-MLflow exchanges recorded in the shared folder beside the repository
 * (`../shared/mlflow-rest` from the repo root, in CI too). They are read where they are,
 * never copied into the repo.
 */
export const recordingsDir = resolve(import.meta.dirname, '../../../../../shared/mlflow-rest');
export const haveRecordings = existsSync(recordingsDir);

interface RecordedBody {
  text: string;
  /** Set for `(binary body: N bytes, sha256=…)` placeholders. */
  binary?: { size: number; sha256: string };
}

export interface Recording {
  file: string;
  step: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: RecordedBody };
  response: { status: number; headers: Record<string, string>; body?: RecordedBody };
}

function parseBody(text: string): RecordedBody | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '(no body)') return undefined;
  const binary = /^\(binary body: (\d+) bytes, sha256=([0-9a-f]{64})\)$/.exec(trimmed);
  return binary
    ? { text: trimmed, binary: { size: Number(binary[1]), sha256: binary[2]! } }
    : { text: trimmed };
}

/** `first line`, headers up to the first blank line, then the body. */
function parseMessage(section: string) {
  const lines = section.replace(/^\n+/, '').split('\n');
  const [start = '', ...rest] = lines;
  const blank = rest.indexOf('');
  const headerLines = blank === -1 ? rest : rest.slice(0, blank);
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const body = blank === -1 ? undefined : parseBody(rest.slice(blank + 1).join('\n'));
  return { start, headers, body };
}

export async function loadRecordings(): Promise<Recording[]> {
  const files = (await readdir(recordingsDir)).filter((f) => /^\d+-.*\.txt$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(recordingsDir, file), 'utf8');
      const [head = '', rest = ''] = text.split('=== REQUEST ===');
      const [requestText = '', responseRaw = ''] = rest.split('=== RESPONSE ===');
      const responseText = responseRaw.split('\n--- pretty ---')[0] ?? '';
      const request = parseMessage(requestText);
      const response = parseMessage(responseText);
      const [method = '', path = ''] = request.start.split(' ');
      return {
        file,
        step: /# step: (\S+)/.exec(head)?.[1] ?? file,
        request: { method, path, headers: request.headers, body: request.body },
        response: {
          status: Number(response.start.split(' ')[1]),
          headers: response.headers,
          body: response.body,
        },
      };
    }),
  );
}
