import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';

/** The provisioned Prometheus data source (grafana/provisioning/datasources/prometheus.yaml). */
const prometheus = { type: 'prometheus', uid: 'prometheus' };

/** [PromQL, legend] pairs; every one is run against a live Prometheus by the integration test. */
export type Queries = [expr: string, legend: string][];

const targets = (queries: Queries) =>
  queries.map(([expr, legend], index) =>
    new DataqueryBuilder()
      .expr(expr)
      .legendFormat(legend)
      .refId(String.fromCharCode(65 + index))
      .datasource(prometheus),
  );

export function timeseries(title: string, unit: string, queries: Queries, description?: string) {
  const panel = new TimeseriesPanel()
    .title(title)
    .unit(unit)
    .datasource(prometheus)
    .span(12)
    .height(8);
  if (description) panel.description(description);
  for (const target of targets(queries)) panel.withTarget(target);
  return panel;
}

export function ratioTimeseries(title: string, queries: Queries, description?: string) {
  return timeseries(title, 'percentunit', queries, description).min(0).max(1);
}

export function stat(title: string, unit: string, queries: Queries, description?: string) {
  const panel = new StatPanel().title(title).unit(unit).datasource(prometheus).span(4).height(4);
  if (description) panel.description(description);
  for (const target of targets(queries)) panel.withTarget(target);
  return panel;
}

export function table(title: string, queries: Queries, description?: string) {
  const panel = new TablePanel().title(title).datasource(prometheus).span(12).height(8);
  if (description) panel.description(description);
  for (const target of targets(queries))
    panel.withTarget(target.instant().format('table' as never));
  return panel;
}
