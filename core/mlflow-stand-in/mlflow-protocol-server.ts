/**
 * An in-memory MLflow tracking server, registry and artifact proxy for tests and demos
 * (`npm run loop`), never for production: it is exported as `@polarity/core/mlflow-stand-in`,
 * apart from the registry clients. It follows MLflow 3.4 as recorded in `shared/mlflow-rest`
 * beside the repository, quirks included: a missing
 * alias is 400 INVALID_PARAMETER_VALUE, a missing artifact through the proxy is 500
 * INTERNAL_ERROR, delete-alias reads only its JSON body, empty repeated fields are absent.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  apiPath,
  artifactsPath,
  type Experiment,
  type FileInfo,
  type KeyValue,
  type Metric,
  type ModelVersion,
  type RegisteredModel,
  type Responses,
  type Run,
  type RunInfo,
  type RunStatus,
  runStatus,
} from '../src/registry/mlflow-protocol.ts';

export interface MlflowProtocolServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on: 127.0.0.1 (default), or 0.0.0.0 as a compose service. */
  host?: string;
  /** Added before every answer, ms: lets tests push the client past its timeout. */
  delayMs?: number;
}

export interface MlflowProtocolServer {
  /** `http://127.0.0.1:<port>`, the tracking URI to hand to a client. */
  readonly url: string;
  setDelay(ms: number): void;
  /** Stops listening and drops open connections; the state is kept for `start()`. */
  stop(): Promise<void>;
  /** Listens again on the same port, as a restarted MLflow would. */
  start(): Promise<void>;
  close(): Promise<void>;
  /**
   * Replaces an artifact's bytes behind the client's back, as a tampered store would.
   * `uri` is an `mlflow-artifacts:/…` URI (e.g. a version's source plus `/model.onnx`).
   */
  putArtifact(uri: string, bytes: Uint8Array): void;
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

type Reply =
  | { status?: number; json: object }
  | { bytes: Uint8Array; contentType: string; filename: string }
  | { text: string };

interface Request {
  params: Params;
  path: string;
  body: Buffer;
}

interface StoredRun {
  info: RunInfo;
  params: KeyValue[];
  tags: KeyValue[];
  history: Metric[];
}

interface StoredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description?: string;
  tags: KeyValue[];
  aliases: Map<string, string>;
  versions: Map<string, Omit<ModelVersion, 'aliases'>>;
}

/** Request fields: the query string for GET, the JSON body otherwise, as MLflow reads them. */
class Params {
  constructor(
    readonly values: Record<string, unknown>,
    readonly all: (key: string) => string[] = () => [],
  ) {}

  optional(key: string): string | undefined {
    const value = this.values[key];
    return value === undefined || value === null || value === '' ? undefined : String(value);
  }

  required(key: string): string {
    const value = this.optional(key);
    if (value === undefined) {
      throw new ApiFailure(
        400,
        'INVALID_PARAMETER_VALUE',
        `Missing value for required parameter '${key}'. See the API docs for more information about request parameters.`,
      );
    }
    return value;
  }

  list<T>(key: string): T[] {
    const value = this.values[key];
    return Array.isArray(value) ? (value as T[]) : [];
  }
}

const notFound = (message: string) => new ApiFailure(404, 'RESOURCE_DOES_NOT_EXIST', message);
const alreadyExists = (message: string) => new ApiFailure(400, 'RESOURCE_ALREADY_EXISTS', message);
// What MLflow 3.4 answers to get-history without max_results (mlflow/mlflow#23916).
const stuckPageToken = Buffer.from('{"offset": 0}').toString('base64');

class MlflowState {
  readonly experiments = new Map<string, Experiment>();
  readonly runs = new Map<string, StoredRun>();
  readonly artifacts = new Map<string, Uint8Array>();
  readonly models = new Map<string, StoredModel>();
  #nextExperimentId = 0;

  constructor() {
    // MLflow always has experiment 0; the first one created is 1.
    this.createExperiment('Default', []);
  }

  createExperiment(name: string, tags: KeyValue[], artifactLocation?: string): string {
    if ([...this.experiments.values()].some((e) => e.name === name)) {
      throw alreadyExists(`Experiment(name=${name}) already exists.`);
    }
    const id = String(this.#nextExperimentId++);
    const now = Date.now();
    this.experiments.set(id, {
      experiment_id: id,
      name,
      artifact_location: artifactLocation ?? `mlflow-artifacts:/${id}`,
      lifecycle_stage: 'active',
      last_update_time: now,
      creation_time: now,
      ...(tags.length > 0 ? { tags } : {}),
    });
    return id;
  }

  experiment(id: string): Experiment {
    const found = this.experiments.get(id);
    if (!found) throw notFound(`No Experiment with id=${id} exists`);
    return found;
  }

  run(id: string): StoredRun {
    const found = this.runs.get(id);
    if (!found) throw notFound(`Run with id=${id} not found`);
    return found;
  }

  model(name: string): StoredModel {
    const found = this.models.get(name);
    if (!found) throw notFound(`Registered Model with name=${name} not found`);
    return found;
  }

  version(name: string, version: string) {
    const found = this.model(name).versions.get(version);
    if (!found) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
    return found;
  }
}

function renderRun(run: StoredRun, withOutputs: boolean): Run {
  const latest = new Map<string, Metric>();
  for (const m of run.history) {
    const current = latest.get(m.key);
    const newer =
      !current ||
      m.step > current.step ||
      (m.step === current.step && m.timestamp >= current.timestamp);
    if (newer) {
      latest.set(m.key, m);
    }
  }
  return {
    info: run.info,
    data: {
      ...(latest.size > 0 ? { metrics: [...latest.values()] } : {}),
      ...(run.params.length > 0 ? { params: run.params } : {}),
      ...(run.tags.length > 0 ? { tags: run.tags } : {}),
    },
    inputs: {},
    ...(withOutputs ? { outputs: {} } : {}),
  };
}

function renderVersion(model: StoredModel, version: string, withAliases: boolean): ModelVersion {
  const stored = model.versions.get(version)!;
  const aliases = [...model.aliases].filter(([, v]) => v === version).map(([alias]) => alias);
  return { ...stored, ...(withAliases && aliases.length > 0 ? { aliases } : {}) };
}

function latestVersion(model: StoredModel): string | undefined {
  return [...model.versions.keys()].sort((a, b) => Number(b) - Number(a))[0];
}

function renderModel(model: StoredModel): RegisteredModel {
  const latest = latestVersion(model);
  return {
    name: model.name,
    creation_timestamp: model.creation_timestamp,
    last_updated_timestamp: model.last_updated_timestamp,
    ...(model.description === undefined ? {} : { description: model.description }),
    ...(latest ? { latest_versions: [renderVersion(model, latest, false)] } : {}),
    ...(model.tags.length > 0 ? { tags: model.tags } : {}),
    ...(model.aliases.size > 0
      ? { aliases: [...model.aliases].map(([alias, version]) => ({ alias, version })) }
      : {}),
  };
}

/** `name='x'` or `name LIKE 'x%'`, the filters Polarity and the recordings use. */
function nameFilter(filter: string | undefined): (name: string) => boolean {
  if (!filter) return () => true;
  const match = /^\s*name\s*(=|LIKE|ILIKE)\s*(['"])(.*)\2\s*$/i.exec(filter);
  if (!match) {
    throw new ApiFailure(400, 'INVALID_PARAMETER_VALUE', `Unsupported filter: ${filter}`);
  }
  const [, op, , value = ''] = match;
  if (op === '=') return (name) => name === value;
  const pattern = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('%', '.*');
  return (name) => new RegExp(`^${pattern}$`, op?.toUpperCase() === 'ILIKE' ? 'i' : '').test(name);
}

/** The immediate children of `prefix` in the artifact store, paths relative to `relativeTo`. */
function listChildren(state: MlflowState, prefix: string, relativeTo: string): FileInfo[] {
  const children = new Map<string, FileInfo>();
  const base = prefix === '' ? '' : `${prefix}/`;
  for (const [key, bytes] of state.artifacts) {
    if (!key.startsWith(base)) continue;
    const [head = '', ...rest] = key.slice(base.length).split('/');
    const path = `${prefix}/${head}`.slice(relativeTo.length).replace(/^\//, '');
    children.set(
      head,
      rest.length > 0 ? { path, is_dir: true } : { path, is_dir: false, file_size: bytes.length },
    );
  }
  // Byte order, as MLflow lists them (`MLmodel` before `model.onnx`).
  return [...children.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function artifactRoot(uri: string): string {
  return uri.replace(/^mlflow-artifacts:(\/\/[^/]*)?\/*/, '');
}

function readArtifact(state: MlflowState, path: string): Uint8Array {
  const bytes = state.artifacts.get(path);
  if (!bytes) {
    throw new ApiFailure(
      500,
      'INTERNAL_ERROR',
      `The following failures occurred while downloading one or more artifacts from <artifacts-destination>:\n##### File ${path} #####\n[Errno 2] No such file or directory: '<artifacts-destination>/${path}'`,
    );
  }
  return bytes;
}

function contentTypeOf(file: string): string {
  return /(^MLmodel$|\.(txt|md|ya?ml|json)$)/.test(file)
    ? 'text/plain'
    : 'application/octet-stream';
}

type Handler = (request: Request) => Reply;

function routes(state: MlflowState): Map<string, Handler> {
  const ok = (json: object): Reply => ({ json });
  const api = (method: string, endpoint: string) => `${method} ${apiPath}/${endpoint}`;
  const table: [string, Handler][] = [
    ['GET /health', () => ({ text: 'OK' })],
    ['GET /version', () => ({ text: '3.4.0' })],

    [
      api('POST', 'experiments/create'),
      ({ params }) =>
        ok({
          experiment_id: state.createExperiment(
            params.required('name'),
            params.list('tags'),
            params.optional('artifact_location'),
          ),
        } satisfies Responses['createExperiment']),
    ],
    [
      api('GET', 'experiments/get-by-name'),
      ({ params }) => {
        const name = params.required('experiment_name');
        const found = [...state.experiments.values()].find((e) => e.name === name);
        if (!found) throw notFound(`Could not find experiment with name '${name}'`);
        return ok({ experiment: found } satisfies Responses['getExperiment']);
      },
    ],
    [
      api('GET', 'experiments/get'),
      ({ params }) =>
        ok({
          experiment: state.experiment(params.required('experiment_id')),
        } satisfies Responses['getExperiment']),
    ],

    [
      api('POST', 'runs/create'),
      ({ params }) => {
        const experiment = state.experiment(params.required('experiment_id'));
        const runId = randomUUID().replaceAll('-', '');
        const tags = params.list<KeyValue>('tags');
        const runName =
          params.optional('run_name') ??
          tags.find((t) => t.key === 'mlflow.runName')?.value ??
          `run-${state.runs.size + 1}`;
        const run: StoredRun = {
          info: {
            run_uuid: runId,
            experiment_id: experiment.experiment_id,
            run_name: runName,
            user_id: '',
            status: 'RUNNING',
            start_time: Number(params.optional('start_time') ?? Date.now()),
            artifact_uri: `${experiment.artifact_location}/${runId}/artifacts`,
            lifecycle_stage: 'active',
            run_id: runId,
          },
          params: [],
          tags: [
            ...tags.filter((t) => t.key !== 'mlflow.runName'),
            { key: 'mlflow.runName', value: runName },
          ],
          history: [],
        };
        state.runs.set(runId, run);
        return ok({ run: renderRun(run, false) } satisfies Responses['createRun']);
      },
    ],
    [
      api('POST', 'runs/log-batch'),
      ({ params }) => {
        const run = state.run(params.required('run_id'));
        for (const param of params.list<KeyValue>('params')) {
          const existing = run.params.find((p) => p.key === param.key);
          if (existing && existing.value !== param.value) {
            throw new ApiFailure(
              400,
              'INVALID_PARAMETER_VALUE',
              `Changing param values is not allowed. Param with key='${param.key}' was already logged with value='${existing.value}' for run ID='${run.info.run_id}'. Attempted logging new value '${param.value}'.`,
            );
          }
          if (!existing) run.params.push({ key: param.key, value: String(param.value) });
        }
        for (const m of params.list<Metric>('metrics')) {
          run.history.push({
            key: m.key,
            value: Number(m.value),
            timestamp: Number(m.timestamp),
            step: Number(m.step ?? 0),
          });
        }
        for (const tag of params.list<KeyValue>('tags')) {
          run.tags = [...run.tags.filter((t) => t.key !== tag.key), tag];
        }
        return ok({} satisfies Responses['empty']);
      },
    ],
    [
      api('GET', 'runs/get'),
      ({ params }) => {
        const run = state.run(params.optional('run_id') ?? params.required('run_uuid'));
        return ok({ run: renderRun(run, true) } satisfies Responses['getRun']);
      },
    ],
    [
      api('POST', 'runs/update'),
      ({ params }) => {
        const run = state.run(params.optional('run_id') ?? params.required('run_uuid'));
        const status = params.optional('status');
        if (status !== undefined) run.info.status = runStatus.parse(status) satisfies RunStatus;
        const endTime = params.optional('end_time');
        if (endTime !== undefined) {
          const { artifact_uri, lifecycle_stage, run_id, ...head } = run.info;
          run.info = { ...head, end_time: Number(endTime), artifact_uri, lifecycle_stage, run_id };
        }
        const runName = params.optional('run_name');
        if (runName !== undefined) run.info.run_name = runName;
        return ok({ run_info: run.info } satisfies Responses['updateRun']);
      },
    ],
    [
      api('GET', 'metrics/get-history'),
      ({ params }) => {
        const run = state.run(params.optional('run_id') ?? params.required('run_uuid'));
        const key = params.required('metric_key');
        const maxResults = params.optional('max_results');
        if (maxResults === undefined) {
          return ok({ next_page_token: stuckPageToken } satisfies Responses['getMetricHistory']);
        }
        const offset = params.optional('page_token')
          ? Number(
              JSON.parse(Buffer.from(params.required('page_token'), 'base64').toString()).offset,
            )
          : 0;
        const all = run.history.filter((m) => m.key === key);
        const page = all.slice(offset, offset + Number(maxResults));
        const next = offset + page.length;
        return ok({
          ...(page.length > 0 ? { metrics: page } : {}),
          ...(next < all.length
            ? { next_page_token: Buffer.from(`{"offset": ${next}}`).toString('base64') }
            : {}),
        } satisfies Responses['getMetricHistory']);
      },
    ],
    [
      api('GET', 'artifacts/list'),
      ({ params }) => {
        const run = state.run(params.optional('run_id') ?? params.required('run_uuid'));
        const root = artifactRoot(run.info.artifact_uri);
        const path = params.optional('path');
        const files = listChildren(state, path ? `${root}/${path}` : root, root);
        return ok({
          root_uri: run.info.artifact_uri,
          ...(files.length > 0 ? { files } : {}),
        } satisfies Responses['listArtifacts']);
      },
    ],
    [
      `GET ${artifactsPath}`,
      ({ params }) => {
        const path = (params.optional('path') ?? '').replace(/^\/+|\/+$/g, '');
        const files = listChildren(state, path, path);
        return ok((files.length > 0 ? { files } : {}) satisfies Responses['listArtifacts']);
      },
    ],
    [
      'GET /get-artifact',
      ({ params }) => {
        const run = state.run(params.optional('run_id') ?? params.required('run_uuid'));
        const path = params.required('path');
        const bytes = state.artifacts.get(`${artifactRoot(run.info.artifact_uri)}/${path}`);
        if (!bytes) throw notFound(`File ${path} not found for run ${run.info.run_id}`);
        return { bytes, contentType: contentTypeOf(path), filename: path.split('/').pop()! };
      },
    ],
    [
      'GET /model-versions/get-artifact',
      ({ params }) => {
        const version = state.version(params.required('name'), params.required('version'));
        const path = params.required('path');
        const bytes = state.artifacts.get(`${artifactRoot(version.source)}/${path}`);
        if (!bytes) throw notFound(`File ${path} not found for model version ${version.version}`);
        return { bytes, contentType: contentTypeOf(path), filename: path.split('/').pop()! };
      },
    ],

    [
      api('POST', 'registered-models/create'),
      ({ params }) => {
        const name = params.required('name');
        if (state.models.has(name)) {
          throw alreadyExists(`Registered Model (name=${name}) already exists.`);
        }
        const now = Date.now();
        const description = params.optional('description');
        const model: StoredModel = {
          name,
          creation_timestamp: now,
          last_updated_timestamp: now,
          ...(description === undefined ? {} : { description }),
          tags: params.list('tags'),
          aliases: new Map(),
          versions: new Map(),
        };
        state.models.set(name, model);
        return ok({ registered_model: renderModel(model) } satisfies Responses['registeredModel']);
      },
    ],
    [
      api('GET', 'registered-models/get'),
      ({ params }) =>
        ok({
          registered_model: renderModel(state.model(params.required('name'))),
        } satisfies Responses['registeredModel']),
    ],
    [
      api('GET', 'registered-models/search'),
      ({ params }) => {
        const matches = nameFilter(params.optional('filter'));
        const found = [...state.models.values()]
          .filter((m) => matches(m.name))
          .sort((a, b) => a.name.localeCompare(b.name))
          .map(renderModel);
        return ok(
          (found.length > 0
            ? { registered_models: found }
            : {}) satisfies Responses['searchRegisteredModels'],
        );
      },
    ],
    ...(['POST', 'GET'] as const).map((method): [string, Handler] => [
      api(method, 'registered-models/get-latest-versions'),
      ({ params }) => {
        const model = state.model(params.required('name'));
        const stages = method === 'GET' ? params.all('stages') : params.list<string>('stages');
        const latest = latestVersion(model);
        // Every version sits in stage "None": stages were deprecated before aliases existed.
        const wanted = latest && (stages.length === 0 || stages.includes('None'));
        return ok(
          (wanted
            ? { model_versions: [renderVersion(model, latest, true)] }
            : {}) satisfies Responses['modelVersions'],
        );
      },
    ]),
    [
      api('POST', 'registered-models/alias'),
      ({ params }) => {
        const name = params.required('name');
        const alias = params.required('alias');
        const version = params.required('version');
        state.version(name, version);
        state.model(name).aliases.set(alias, version);
        return ok({} satisfies Responses['empty']);
      },
    ],
    [
      api('GET', 'registered-models/alias'),
      ({ params }) => {
        const model = state.model(params.required('name'));
        const alias = params.required('alias');
        const version = model.aliases.get(alias);
        if (!version) {
          throw new ApiFailure(
            400,
            'INVALID_PARAMETER_VALUE',
            `Registered model alias ${alias} not found.`,
          );
        }
        return ok({
          model_version: renderVersion(model, version, true),
        } satisfies Responses['modelVersion']);
      },
    ],
    [
      api('DELETE', 'registered-models/alias'),
      ({ params }) => {
        const model = state.model(params.required('name'));
        model.aliases.delete(params.required('alias'));
        return ok({} satisfies Responses['empty']);
      },
    ],

    [
      api('POST', 'model-versions/create'),
      ({ params }) => {
        const model = state.model(params.required('name'));
        const source = params.required('source');
        const version = String(Math.max(0, ...[...model.versions.keys()].map(Number)) + 1);
        const now = Date.now();
        const description = params.optional('description');
        const runId = params.optional('run_id');
        const tags = params.list<KeyValue>('tags');
        model.versions.set(version, {
          name: model.name,
          version,
          creation_timestamp: now,
          last_updated_timestamp: now,
          current_stage: 'None',
          ...(description === undefined ? {} : { description }),
          source,
          ...(runId === undefined ? {} : { run_id: runId }),
          status: 'READY',
          ...(tags.length > 0 ? { tags } : {}),
          run_link: params.optional('run_link') ?? '',
        });
        model.last_updated_timestamp = now;
        return ok({
          model_version: renderVersion(model, version, false),
        } satisfies Responses['modelVersion']);
      },
    ],
    [
      api('GET', 'model-versions/get'),
      ({ params }) => {
        const name = params.required('name');
        const version = params.required('version');
        state.version(name, version);
        return ok({
          model_version: renderVersion(state.model(name), version, true),
        } satisfies Responses['modelVersion']);
      },
    ],
    [
      api('GET', 'model-versions/search'),
      ({ params }) => {
        const matches = nameFilter(params.optional('filter'));
        // Like MLflow, search leaves aliases out of the versions it returns.
        const found = [...state.models.values()]
          .filter((m) => matches(m.name))
          .flatMap((m) =>
            [...m.versions.keys()]
              .sort((a, b) => Number(b) - Number(a))
              .map((v) => renderVersion(m, v, false)),
          );
        return ok(
          (found.length > 0 ? { model_versions: found } : {}) satisfies Responses['modelVersions'],
        );
      },
    ],
    [
      api('GET', 'model-versions/get-download-uri'),
      ({ params }) =>
        ok({
          artifact_uri: state.version(params.required('name'), params.required('version')).source,
        } satisfies Responses['downloadUri']),
    ],
  ];
  return new Map(table);
}

function artifactRoute(state: MlflowState, method: string, request: Request): Reply | undefined {
  if (!request.path.startsWith(`${artifactsPath}/`)) return undefined;
  const path = request.path
    .slice(artifactsPath.length + 1)
    .split('/')
    .map(decodeURIComponent)
    .join('/');
  if (method === 'PUT') {
    state.artifacts.set(path, new Uint8Array(request.body));
    return { json: {} satisfies Responses['empty'] };
  }
  if (method === 'GET') {
    return {
      bytes: readArtifact(state, path),
      contentType: 'application/octet-stream',
      filename: path.split('/').pop()!,
    };
  }
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseParams(method: string, url: URL, body: Buffer): Params {
  if (method === 'GET') {
    return new Params(Object.fromEntries(url.searchParams), (key) => url.searchParams.getAll(key));
  }
  if (body.length === 0) return new Params({});
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiFailure(400, 'MALFORMED_REQUEST', 'Request body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null) {
    throw new ApiFailure(400, 'MALFORMED_REQUEST', 'Request body must be a JSON object');
  }
  return new Params(json as Record<string, unknown>);
}

function send(response: ServerResponse, reply: Reply): void {
  if ('json' in reply) {
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply.json));
  } else if ('bytes' in reply) {
    response.writeHead(200, {
      'content-type': reply.contentType,
      'content-disposition': `attachment; filename=${reply.filename}`,
      'x-content-type-options': 'nosniff',
    });
    response.end(reply.bytes);
  } else {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(reply.text);
  }
}

export async function startMlflowProtocolServer(
  options: MlflowProtocolServerOptions = {},
): Promise<MlflowProtocolServer> {
  const state = new MlflowState();
  const table = routes(state);
  let delayMs = options.delayMs ?? 0;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = await readBody(request);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    let reply: Reply;
    try {
      const parsed = { path: url.pathname, body, params: new Params({}) };
      const artifact = artifactRoute(state, method, parsed);
      if (artifact) {
        reply = artifact;
      } else {
        const handler = table.get(`${method} ${url.pathname}`);
        if (!handler) {
          throw new ApiFailure(404, 'ENDPOINT_NOT_FOUND', `No endpoint ${method} ${url.pathname}`);
        }
        reply = handler({ ...parsed, params: parseParams(method, url, body) });
      }
    } catch (error) {
      const failure =
        error instanceof ApiFailure
          ? error
          : new ApiFailure(
              500,
              'INTERNAL_ERROR',
              error instanceof Error ? error.message : String(error),
            );
      reply = {
        status: failure.status,
        json: { error_code: failure.errorCode, message: failure.message },
      };
    }
    send(response, reply);
  }

  let server: Server | undefined;
  let port = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';

  async function start(): Promise<void> {
    if (server) return;
    const listening = createServer((request, response) => {
      handle(request, response).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, host, () => resolve());
    });
    port = (listening.address() as AddressInfo).port;
    server = listening;
  }

  async function stop(): Promise<void> {
    const stopping = server;
    server = undefined;
    if (!stopping) return;
    const closed = new Promise<void>((resolve) => stopping.close(() => resolve()));
    stopping.closeAllConnections();
    await closed;
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    setDelay(ms) {
      delayMs = ms;
    },
    start,
    stop,
    close: stop,
    putArtifact(uri, bytes) {
      state.artifacts.set(artifactRoot(uri), bytes);
    },
  };
}
