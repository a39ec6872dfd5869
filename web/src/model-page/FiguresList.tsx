import type { Figure } from './explained-figures.ts';

export function FiguresList({ figures }: { figures: Figure[] }) {
  return (
    <dl className="figures" data-testid="model-figures">
      {figures.map((figure) => (
        <div key={figure.name}>
          <dt>
            {figure.name}
            {figure.value && <span className="figure-value">{figure.value}</span>}
          </dt>
          <dd>{figure.meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
