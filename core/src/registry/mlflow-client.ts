import { z } from 'zod';
import {
  apiPath,
  artifactProxyPath,
  errorBody,
  type KeyValue,
  type Metric,
  metricHistoryPageSize,
  type Responses,
  type RunStatus,
  responses,
} from './mlflow-protocol.ts';
import { RegistryError } from './types.ts';

/** MLflow answered with its error shape; `status` and `errorCode` say which error. */
export class MlflowApiError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(`MLflow ${request}: HTTP ${status} ${errorCode}: ${message}`);
    this.name = 'MlflowApiError';
  }
}

export function isApiError(error: unknown, status: number, errorCode?: string): boolean {
  return (
    error instanceof MlflowApiError &&
    error.status === status &&
    (errorCode === undefined || error.errorCode === errorCode)
  );
}

export interface MlflowClientOptions {
  trackingUri: string;
  /** Per request, ms; a request that takes longer fails as `unreachable`. */
  timeoutMs: number;
  /** Per artifact upload or download, ms: model files are far larger than API answers. */
  transferTimeoutMs: number;
}

type Query = Record<string, string | number | undefined>;

/**
 * Typed calls to the MLflow tracking server, the registry and the artifact proxy.
 * Transport failures (refused, timed out, non-JSON 5xx from a proxy) throw
 * `RegistryError('unreachable')`; answers in MLflow's error shape throw `MlflowApiError`.
 */
export class MlflowClient {
  readonly #base: string;

  constructor(readonly options: MlflowClientOptions) {
    this.#base = options.trackingUri.replace(/\/+$/, '');
  }

  createExperiment(name: string, tags: KeyValue[] = []) {
    return this.#json('POST', 'experiments/create', responses.createExperiment, { name, tags });
  }

  getExperimentByName(name: string) {
    return this.#json('GET', 'experiments/get-by-name', responses.getExperiment, undefined, {
      experiment_name: name,
    });
  }

  createRun(experimentId: string, runName: string, tags: KeyValue[] = []) {
    return this.#json('POST', 'runs/create', responses.createRun, {
      experiment_id: experimentId,
      run_name: runName,
      start_time: Date.now(),
      tags,
    });
  }

  logBatch(runId: string, batch: { params?: KeyValue[]; metrics?: Metric[]; tags?: KeyValue[] }) {
    return this.#json('POST', 'runs/log-batch', responses.empty, { run_id: runId, ...batch });
  }

  getRun(runId: string) {
    return this.#json('GET', 'runs/get', responses.getRun, undefined, { run_id: runId });
  }

  updateRun(runId: string, status: RunStatus) {
    return this.#json('POST', 'runs/update', responses.updateRun, {
      run_id: runId,
      status,
      end_time: Date.now(),
    });
  }

  getMetricHistory(runId: string, metricKey: string) {
    return this.#json('GET', 'metrics/get-history', responses.getMetricHistory, undefined, {
      run_id: runId,
      metric_key: metricKey,
      max_results: metricHistoryPageSize,
    });
  }

  createRegisteredModel(name: string, description?: string) {
    return this.#json('POST', 'registered-models/create', responses.registeredModel, {
      name,
      description,
    });
  }

  getRegisteredModel(name: string) {
    return this.#json('GET', 'registered-models/get', responses.registeredModel, undefined, {
      name,
    });
  }

  createModelVersion(input: {
    name: string;
    source: string;
    runId: string;
    description?: string;
    tags: KeyValue[];
  }) {
    return this.#json('POST', 'model-versions/create', responses.modelVersion, {
      name: input.name,
      source: input.source,
      run_id: input.runId,
      description: input.description,
      tags: input.tags,
    });
  }

  getModelVersion(name: string, version: string) {
    return this.#json('GET', 'model-versions/get', responses.modelVersion, undefined, {
      name,
      version,
    });
  }

  /** Every version of a model, following page tokens. */
  async searchModelVersions(name: string): Promise<Responses['modelVersions']['model_versions']> {
    const found: NonNullable<Responses['modelVersions']['model_versions']> = [];
    let pageToken: string | undefined;
    do {
      const page = await this.#json(
        'GET',
        'model-versions/search',
        responses.modelVersions,
        undefined,
        {
          filter: `name='${name.replaceAll("'", "\\'")}'`,
          page_token: pageToken,
        },
      );
      found.push(...(page.model_versions ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return found;
  }

  setAlias(name: string, alias: string, version: string) {
    return this.#json('POST', 'registered-models/alias', responses.empty, { name, alias, version });
  }

  getVersionByAlias(name: string, alias: string) {
    return this.#json('GET', 'registered-models/alias', responses.modelVersion, undefined, {
      name,
      alias,
    });
  }

  /** MLflow reads only the JSON body here: a query string alone is answered 400. */
  deleteAlias(name: string, alias: string) {
    return this.#json('DELETE', 'registered-models/alias', responses.empty, { name, alias });
  }

  async uploadArtifact(artifactUri: string, file: string, bytes: Uint8Array): Promise<void> {
    await this.#request('PUT', this.#artifactUrl(artifactUri, file), {
      body: bytes,
      contentType: 'application/octet-stream',
      timeoutMs: this.options.transferTimeoutMs,
    });
  }

  async downloadArtifact(artifactUri: string, file: string): Promise<Uint8Array> {
    const response = await this.#request('GET', this.#artifactUrl(artifactUri, file), {
      timeoutMs: this.options.transferTimeoutMs,
    });
    return new Uint8Array(await response.arrayBuffer());
  }

  #artifactUrl(artifactUri: string, file: string): string {
    const path = artifactProxyPath(artifactUri);
    if (!path) {
      throw new RegistryError(
        'invalid',
        `artifact location ${artifactUri} is not served by MLflow's artifact proxy (mlflow-artifacts:)`,
      );
    }
    return `${this.#base}${path}/${encodeURIComponent(file)}`;
  }

  async #json<T extends z.ZodType>(
    method: string,
    endpoint: string,
    schema: T,
    body?: unknown,
    query?: Query,
  ): Promise<z.infer<T>> {
    const url = new URL(`${this.#base}${apiPath}/${endpoint}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const response = await this.#request(method, url.href, {
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), contentType: 'application/json' }),
      timeoutMs: this.options.timeoutMs,
    });
    const request = `${method} ${endpoint}`;
    const parsed = schema.safeParse(await readJson(response, request));
    if (!parsed.success) {
      throw new RegistryError(
        'corrupt',
        `MLflow ${request} answered an unexpected body: ${z.prettifyError(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  async #request(
    method: string,
    url: string,
    options: { body?: Uint8Array | string; contentType?: string; timeoutMs: number },
  ): Promise<Response> {
    const request = `${method} ${new URL(url).pathname}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.body === undefined
          ? {}
          : // Node's fetch takes any Uint8Array; the DOM typing insists on a non-shared buffer.
            {
              body: options.body as RequestInit['body'],
              headers: { 'content-type': options.contentType ?? '' },
            }),
      });
    } catch (cause) {
      const reason =
        cause instanceof Error && cause.name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs} ms`
          : cause instanceof Error
            ? cause.cause instanceof Error
              ? cause.cause.message
              : cause.message
            : String(cause);
      throw new RegistryError('unreachable', `MLflow ${request} at ${this.#base}: ${reason}`, {
        cause,
      });
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    const error = errorBody.safeParse(safeJsonParse(text));
    if (error.success) {
      throw new MlflowApiError(request, response.status, error.data.error_code, error.data.message);
    }
    throw new RegistryError(
      response.status >= 500 ? 'unreachable' : 'invalid',
      `MLflow ${request} at ${this.#base}: HTTP ${response.status} ${text.slice(0, 200)}`,
    );
  }
}

async function readJson(response: Response, request: string): Promise<unknown> {
  const text = await response.text();
  const json = safeJsonParse(text);
  if (json === undefined) {
    throw new RegistryError(
      'corrupt',
      `MLflow ${request} answered non-JSON: ${text.slice(0, 200)}`,
    );
  }
  return json;
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
