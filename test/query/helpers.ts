// Shared by the query tests: a store in a temp dir with the lab's catalog fetched into it.
import { join } from 'node:path';
import { CatalogStore } from '../../coach/query/catalog-store.ts';
import { refreshCatalog } from '../../coach/query/catalog-fetch.ts';
import { createPromClient } from '../../coach/query/prom-client.ts';
import type { Catalog } from '../../coach/query/api.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
import { tempDir } from '../support/tmp.ts';
import { labUrl } from '../support/prom-lab.ts';

export interface LabStore {
  url: string;
  store: Store;
  catalogs: CatalogStore;
  catalog: Catalog;
  dbPath: string;
  cleanup(): void;
}

export async function labStore(): Promise<LabStore> {
  const url = labUrl();
  const tmp = tempDir('mentat-query-');
  const dbPath = join(tmp.dir, 'mentat.db');
  const store = Store.open(dbPath);
  const catalogs = new CatalogStore(store.db);
  await refreshCatalog(createPromClient(url), catalogs, systemClock);
  const catalog = catalogs.load(url);
  if (!catalog) throw new Error('the lab catalog did not load');
  return { url, store, catalogs, catalog, dbPath, cleanup: () => { store.close(); tmp.cleanup(); } };
}

/** Evaluates a query on the lab now (or at `time`, Unix seconds); returns the series as sorted label-set keys → value. */
export async function evaluate(url: string, query: string, time?: number): Promise<Map<string, string>> {
  const params = new URLSearchParams({ query });
  if (time !== undefined) params.set('time', time.toFixed(3));
  const res = await fetch(`${url}/api/v1/query`, { method: 'POST', body: params });
  const body = (await res.json()) as { status: string; error?: string; data: { resultType: string; result: unknown } };
  if (body.status !== 'success') throw new Error(`${query}: ${body.error ?? 'failed'}`);
  const out = new Map<string, string>();
  if (body.data.resultType === 'scalar') {
    out.set('{}', (body.data.result as [number, string])[1]);
    return out;
  }
  for (const r of body.data.result as { metric: Record<string, string>; value: [number, string] }[]) {
    const { __name__: _n, ...labels } = r.metric;
    out.set(JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))), r.value[1]);
  }
  return out;
}

/** The query as Prometheus formats it, or null when Prometheus rejects it. */
export async function formatted(url: string, q: string): Promise<string | null> {
  const res = await fetch(`${url}/api/v1/format_query`, { method: 'POST', body: new URLSearchParams({ query: q }) });
  const body = (await res.json()) as { status: string; data?: string };
  return body.status === 'success' ? body.data ?? null : null;
}

/**
 * Whether `got` answers like `expected` on the lab: the same query after Prometheus' formatting, or the same
 * series and values at one instant. An expected query Prometheus rejects throws (a broken item, never a match).
 */
export async function sameAnswer(url: string, expected: string, got: string): Promise<boolean> {
  const want = await formatted(url, expected);
  if (want === null) throw new Error(`expected query does not parse: ${expected}`);
  if (want === (await formatted(url, got))) return true;
  // One instant for both, as the bench scorer does: rates move between two evaluations a moment apart.
  const at = Date.now() / 1000 - 5;
  const wanted = await evaluate(url, expected, at);
  const have = await evaluate(url, got, at).catch(() => new Map<string, string>());
  return wanted.size > 0 && wanted.size === have.size && [...wanted].every(([k, v]) => have.has(k)
    && (Number.isNaN(Number(v)) ? Number.isNaN(Number(have.get(k))) : Math.abs(Number(have.get(k)) - Number(v)) <= 1e-6 * Math.max(Math.abs(Number(v)), 1e-9)));
}
