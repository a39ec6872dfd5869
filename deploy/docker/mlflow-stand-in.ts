/**
 * The MLflow protocol stand-in (@polarity/core/mlflow-stand-in) as a compose service, for
 * `npm run test:docker` where no MLflow image can be pulled. In memory: a restart forgets every
 * model, as the test expects nothing to survive one. Never deployed.
 */
import { startMlflowProtocolServer } from '@polarity/core/mlflow-stand-in';

const port = Number(process.env.MLFLOW_STAND_IN_PORT ?? '5001');
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`mlflow-stand-in: MLFLOW_STAND_IN_PORT: must be a port number, got "${port}"`);
  process.exit(1);
}

const server = await startMlflowProtocolServer({ port, host: '0.0.0.0' });
console.log(`mlflow-stand-in: MLflow 3.4 protocol on 0.0.0.0:${port}`);
// PID 1 in its container: without handlers, `docker stop` would wait out its timeout.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
