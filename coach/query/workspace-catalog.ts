// A catalog from the workspace's metrics.yml: the same shape a Prometheus catalog has (histograms and
// summaries with their _bucket/_sum/_count series and le/quantile labels), for translating where no Prometheus
// can be reached. Its source says where it came from, so every answer over it can say so.
import type { MetricSpec } from '../workspace/metrics.ts';
import type { Catalog, MetricFamily } from './api.ts';
import { memoryCatalog } from './catalog.ts';

/** What a histogram's `le` and a summary's `quantile` hold when metrics.yml does not list them. */
const BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
const QUANTILES = ['0.5', '0.9', '0.99'];

export const WORKSPACE_SOURCE = 'workspace metrics.yml';

export function workspaceCatalog(specs: readonly MetricSpec[], fetchedAt: string): Catalog | null {
  if (specs.length === 0) return null;
  const values = new Map<string, Record<string, string[]>>();
  const families: MetricFamily[] = specs.map((s) => {
    const labels: Record<string, string[]> = { ...s.labels };
    if (s.type === 'histogram') labels.le ??= BUCKETS;
    if (s.type === 'summary') labels.quantile ??= QUANTILES;
    values.set(s.name, labels);
    const samples = s.type === 'histogram' ? [`${s.name}_bucket`, `${s.name}_sum`, `${s.name}_count`]
      : s.type === 'summary' ? [s.name, `${s.name}_sum`, `${s.name}_count`] : [s.name];
    return { name: s.name, type: s.type, help: s.help, unit: s.unit, labels: Object.keys(labels).sort(), samples };
  });
  return memoryCatalog(WORKSPACE_SOURCE, fetchedAt, families, (family, label) => values.get(family)?.[label] ?? []);
}
