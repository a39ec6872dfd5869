import { ScrollRegion } from '../charts/ScrollRegion.tsx';
import { percent } from '../shared/percent.ts';
import type { ModelConfig } from './model-figures.ts';

/** What a person rarely needs and an engineer sometimes does: collapsed until asked for. */
export function TrainingDetails({ config }: { config: ModelConfig }) {
  const metrics = config.metrics ?? {};
  const data = config.training_data;
  const hyperparameters = Object.entries(config.hyperparameters ?? {});
  return (
    <details className="model-details">
      <summary>Training details and hyperparameters</summary>
      <dl className="facts">
        {data?.source && (
          <div>
            <dt>Data</dt>
            <dd>
              {data.source}
              {data.records ? `, ${data.records.toLocaleString()} training reviews` : ''}
            </dd>
          </div>
        )}
        {metrics.validation_accuracy !== undefined && (
          <div>
            <dt>Validation accuracy (before the final refit)</dt>
            <dd>{percent(metrics.validation_accuracy)}</dd>
          </div>
        )}
      </dl>
      {hyperparameters.length > 0 && (
        <ScrollRegion label="Hyperparameters">
          <table className="hyperparameters">
            <caption>Hyperparameters, as the training run recorded them</caption>
            <tbody>
              {hyperparameters.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td>
                    <code>{JSON.stringify(value)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </details>
  );
}
