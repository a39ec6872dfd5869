/**
 * MLflow's REST protocol, the part Polarity uses: response schemas after
 * mlflow/protos/{service,model_registry,mlflow_artifacts}.proto, checked against recordings of
 * MLflow 3.4 (`shared/mlflow-rest` beside the repository). Both the client and the in-process test server use
 * these, so they cannot drift apart. Empty repeated fields are absent on the wire (proto JSON).
 */
import { z } from 'zod';

export const apiPath = '/api/2.0/mlflow';
export const artifactsPath = '/api/2.0/mlflow-artifacts/artifacts';
/**
 * From MLflow 3.4, metrics/get-history without max_results answers no metrics and a page token
 * that never advances (mlflow/mlflow#23916); this is what the Python client sends.
 */
export const metricHistoryPageSize = 25_000;

export const errorBody = z.object({ error_code: z.string(), message: z.string() });

const keyValue = z.object({ key: z.string(), value: z.string() });
export type KeyValue = z.infer<typeof keyValue>;

const experiment = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string().optional(),
  lifecycle_stage: z.string().optional(),
  last_update_time: z.number().optional(),
  creation_time: z.number().optional(),
  tags: z.array(keyValue).optional(),
});
export type Experiment = z.infer<typeof experiment>;

export const runStatus = z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
export type RunStatus = z.infer<typeof runStatus>;

const runInfo = z.object({
  run_id: z.string(),
  run_uuid: z.string().optional(),
  experiment_id: z.string(),
  run_name: z.string().optional(),
  user_id: z.string().optional(),
  status: runStatus,
  start_time: z.number().optional(),
  end_time: z.number().optional(),
  artifact_uri: z.string(),
  lifecycle_stage: z.string().optional(),
});
export type RunInfo = z.infer<typeof runInfo>;

const metric = z.object({
  key: z.string(),
  value: z.number(),
  timestamp: z.number(),
  step: z.number(),
});
export type Metric = z.infer<typeof metric>;

const run = z.object({
  info: runInfo,
  data: z.object({
    metrics: z.array(metric).optional(),
    params: z.array(keyValue).optional(),
    tags: z.array(keyValue).optional(),
  }),
  inputs: z.looseObject({}).optional(),
  outputs: z.looseObject({}).optional(),
});
export type Run = z.infer<typeof run>;

const fileInfo = z.object({
  path: z.string(),
  is_dir: z.boolean(),
  file_size: z.number().optional(),
});
export type FileInfo = z.infer<typeof fileInfo>;

const modelVersion = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: z.number(),
  last_updated_timestamp: z.number().optional(),
  user_id: z.string().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string(),
  run_id: z.string().optional(),
  status: z.enum(['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY']),
  status_message: z.string().optional(),
  tags: z.array(keyValue).optional(),
  run_link: z.string().optional(),
  aliases: z.array(z.string()).optional(),
});
export type ModelVersion = z.infer<typeof modelVersion>;

const registeredModel = z.object({
  name: z.string(),
  creation_timestamp: z.number(),
  last_updated_timestamp: z.number().optional(),
  description: z.string().optional(),
  latest_versions: z.array(modelVersion).optional(),
  tags: z.array(keyValue).optional(),
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })).optional(),
});
export type RegisteredModel = z.infer<typeof registeredModel>;

/** Response bodies, keyed by the RPC that answers them. */
export const responses = {
  empty: z.object({}),
  createExperiment: z.object({ experiment_id: z.string() }),
  getExperiment: z.object({ experiment }),
  createRun: z.object({ run }),
  getRun: z.object({ run }),
  updateRun: z.object({ run_info: runInfo }),
  getMetricHistory: z.object({
    metrics: z.array(metric).optional(),
    next_page_token: z.string().optional(),
  }),
  listArtifacts: z.object({ root_uri: z.string().optional(), files: z.array(fileInfo).optional() }),
  registeredModel: z.object({ registered_model: registeredModel }),
  searchRegisteredModels: z.object({
    registered_models: z.array(registeredModel).optional(),
    next_page_token: z.string().optional(),
  }),
  modelVersion: z.object({ model_version: modelVersion }),
  modelVersions: z.object({
    model_versions: z.array(modelVersion).optional(),
    next_page_token: z.string().optional(),
  }),
  downloadUri: z.object({ artifact_uri: z.string() }),
} as const;

export type Responses = { [K in keyof typeof responses]: z.infer<(typeof responses)[K]> };

/**
 * The artifact proxy path of an `mlflow-artifacts:` URI: `mlflow-artifacts:/1/<run>/artifacts`
 * (or `mlflow-artifacts://host/1/...`) is served at `/api/2.0/mlflow-artifacts/artifacts/1/...`.
 * Undefined for other schemes, which the proxy does not serve.
 */
export function artifactProxyPath(uri: string): string | undefined {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(uri);
  if (!match) return undefined;
  const path = (match[1] ?? '').replace(/\/+$/, '');
  return `${artifactsPath}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
