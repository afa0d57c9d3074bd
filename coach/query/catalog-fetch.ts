// Fetches the catalog from a Prometheus HTTP API in batches, writing label values to the store as it goes,
// so a 10,000-metric server with high-cardinality labels never sits in memory whole.
import type { Clock } from '../types.ts';
import type { MetricFamily } from './api.ts';
import { familiesFrom } from './catalog.ts';
import type { CatalogStatus, CatalogStore } from './catalog-store.ts';
import type { PromClient } from './prom-client.ts';

export interface FetchOptions {
  /** Metric names per /api/v1/series request. */
  batchSize?: number;
  concurrency?: number;
  /** At most this many values kept per label per family; the rest are dropped (IDs, timestamps…). */
  valueCap?: number;
  /** Only series seen in this many seconds before now. */
  lookbackSeconds?: number;
}

export async function refreshCatalog(client: PromClient, store: CatalogStore, clock: Clock, opts: FetchOptions = {}): Promise<CatalogStatus> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 40;
  const concurrency = opts.concurrency ?? 4;
  const cap = opts.valueCap ?? 500;
  const start = clock.now().getTime() / 1000 - (opts.lookbackSeconds ?? 3600);
  const [metadata, names] = await Promise.all([client.metadata(), client.metricNames()]);
  const families = familiesFrom(names, metadata);
  const familyOf = new Map<string, string>();
  for (const f of families.values()) for (const s of f.samples) familyOf.set(s, f.name);
  const labels = new Map<string, Set<string>>();
  const staging = store.stage(client.baseUrl);
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += batchSize) batches.push(names.slice(i, i + batchSize));

  async function one(batch: string[]): Promise<void> {
    const series = await client.series(`{__name__=~"${batch.join('|')}"}`, start);
    const values = new Map<string, Set<string>>();
    for (const s of series) {
      const sample = s.__name__ ?? '';
      const fam = familyOf.get(sample);
      if (!fam) continue;
      let ls = labels.get(fam);
      if (!ls) labels.set(fam, (ls = new Set()));
      for (const [k, v] of Object.entries(s)) {
        if (k === '__name__') continue;
        ls.add(k);
        const key = `${fam}\u0000${k}`;
        let vs = values.get(key);
        if (!vs) values.set(key, (vs = new Set()));
        if (vs.size < cap) vs.add(v);
      }
    }
    staging.addValues([...values].map(([key, vs]) => {
      const [fam = '', label = ''] = key.split('\u0000');
      return [fam, label, vs] as [string, string, Set<string>];
    }));
  }

  try {
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, batches.length) }, async () => {
      while (next < batches.length) {
        const b = batches[next++];
        if (b) await one(b);
      }
    });
    await Promise.all(workers);
  } catch (err) {
    staging.abandon();
    throw err;
  }
  const list: MetricFamily[] = [...families.values()].map((f) => ({ ...f, labels: [...(labels.get(f.name) ?? [])].sort() }));
  return staging.finish(list, clock.now().toISOString(), performance.now() - started);
}
