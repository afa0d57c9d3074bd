// The catalog from a real Prometheus: families keyed by family name, labels and values, cached with its
// fetch time; the cached copy (with its age) when Prometheus is down; batches and value caps for big servers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../coach/query/catalog-store.ts';
import { refreshCatalog } from '../../coach/query/catalog-fetch.ts';
import { describeAge, obtainCatalog } from '../../coach/query/catalog-source.ts';
import { createPromClient } from '../../coach/query/prom-client.ts';
import { Store } from '../../coach/store/index.ts';
import { createQueryServices } from '../../coach/query/services.ts';
import { CodedError, systemClock, type Clock } from '../../coach/types.ts';
import { labStore, type LabStore } from './helpers.ts';

let lab: LabStore;
beforeAll(async () => { lab = await labStore(); });
afterAll(() => lab.cleanup());

describe('catalog from the lab', () => {
  it('keys histogram and summary metadata by family and keeps their sample names', () => {
    const h = lab.catalog.family('prometheus_http_request_duration_seconds');
    expect(h?.type).toBe('histogram');
    expect(h?.help).toMatch(/latenc/i);
    expect(h?.samples.sort()).toEqual(['prometheus_http_request_duration_seconds_bucket', 'prometheus_http_request_duration_seconds_count', 'prometheus_http_request_duration_seconds_sum']);
    expect(lab.catalog.familyOfSample('prometheus_http_request_duration_seconds_bucket')?.name).toBe('prometheus_http_request_duration_seconds');
    expect(lab.catalog.family('go_gc_duration_seconds')?.type).toBe('summary');
    expect(lab.catalog.family('prometheus_http_request_duration_seconds_bucket')).toBeUndefined();
  });

  it('has label names and values per family, and metrics without metadata such as up', () => {
    const req = lab.catalog.family('prometheus_http_requests_total');
    expect(req?.labels).toEqual(expect.arrayContaining(['code', 'handler', 'instance', 'job']));
    expect(lab.catalog.labelValues('prometheus_http_requests_total', 'handler')).toContain('/api/v1/query');
    expect([...lab.catalog.labelValues('up', 'job')].sort()).toEqual(['node', 'prometheus']);
    expect(lab.catalog.family('up')?.help).toMatch(/target/);
    expect(lab.catalog.families().length).toBeGreaterThan(300);
  });

  it('records when it was fetched, and a refetch replaces it whole', async () => {
    const before = lab.catalogs.status(lab.url);
    expect(before?.families).toBe(lab.catalog.families().length);
    const later: Clock = { now: () => new Date(Date.now() + 60_000) };
    const after = await refreshCatalog(createPromClient(lab.url), lab.catalogs, later);
    expect(after.fetchedAt > (before?.fetchedAt ?? '')).toBe(true);
    const count = lab.store.db.prepare('SELECT count(*) AS c FROM catalog_label_values WHERE source LIKE ?').get(`${lab.url}%`) as { c: number };
    const distinct = lab.store.db.prepare('SELECT count(DISTINCT source) AS c FROM catalog_label_values').get() as { c: number };
    expect(count.c).toBeGreaterThan(0);
    expect(distinct.c).toBe(1);
  });

  it('uses the cached catalog with its age when Prometheus is down, and fails clearly with none cached', async () => {
    const fetchedAt = new Date(lab.catalogs.status(lab.url)?.fetchedAt ?? 0).getTime();
    const inTwoHours: Clock = { now: () => new Date(fetchedAt + 2 * 3_600_000 + 30_000) };
    const down = createPromClient('http://127.0.0.1:9', { timeoutMs: 2000 });
    const fromCache = await obtainCatalog(lab.catalogs, inTwoHours, { ...down, baseUrl: lab.url });
    expect(fromCache.age).toBe('2 hours');
    expect(fromCache.note).toContain('could not be reached');
    expect(fromCache.catalog.family('up')).toBeDefined();

    const empty = Store.open(':memory:');
    try {
      const err = await obtainCatalog(new CatalogStore(empty.db), inTwoHours, down).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CodedError);
      expect((err as CodedError).code).toBe('catalog_unavailable');
      expect((err as CodedError).message).toMatch(/could not be reached.*No metric catalog of http:\/\/127\.0\.0\.1:9 is cached yet/);
    } finally {
      empty.close();
    }
  });

  it('never answers for one Prometheus from another\'s cached catalog', async () => {
    // The lab's catalog is cached; another Prometheus, down, has none: refused, naming both.
    const other = createPromClient('http://127.0.0.1:9', { timeoutMs: 2000 });
    const err = await obtainCatalog(lab.catalogs, systemClock, other).catch((e: unknown) => e);
    expect((err as CodedError).code).toBe('catalog_unavailable');
    expect((err as CodedError).message).toContain(`a catalog of ${lab.url} is cached, but it describes another server, so it is not used`);
    // The server's query services likewise start with no catalog rather than the lab's.
    const q = createQueryServices({ store: lab.store, clock: systemClock, prom: other });
    expect(q.catalog()).toBeNull();
    expect(q.status().available).toBe(false);
    const r = await q.translator.translate('rate of http requests', { now: new Date().toISOString() });
    expect(r.query).toBeNull();
    expect(r.reason).toContain('http://127.0.0.1:9');
  });

  it('describes ages for people', () => {
    expect(describeAge(30_000)).toBe('less than a minute');
    expect(describeAge(60_000)).toBe('1 minute');
    expect(describeAge(3 * 86_400_000)).toBe('3 days');
  });
});

describe('catalog from a big server', () => {
  let server: Server;
  let url = '';
  let seriesCalls = 0;
  let largestBatch = 0;
  const names = Array.from({ length: 1200 }, (_, i) => `app_metric_${i}_total`);

  beforeAll(async () => {
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const send = (data: unknown): void => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ status: 'success', data })); };
      if (u.pathname === '/api/v1/metadata') return send(Object.fromEntries(names.map((n) => [n, [{ type: 'counter', help: `Requests of ${n}.`, unit: '' }]])));
      if (u.pathname === '/api/v1/label/__name__/values') return send(names);
      if (u.pathname === '/api/v1/series') {
        let body = '';
        req.on('data', (c: Buffer) => { body += c.toString(); });
        req.on('end', () => {
          seriesCalls++;
          const match = new URLSearchParams(body).get('match[]') ?? '';
          const batch = /\{__name__=~"(.*)"\}/.exec(match)?.[1]?.split('|') ?? [];
          largestBatch = Math.max(largestBatch, batch.length);
          // Every metric has a user_id label with 50 distinct values: high cardinality.
          send(batch.flatMap((n) => Array.from({ length: 50 }, (_, k) => ({ __name__: n, job: 'app', user_id: `u${k}` }))));
        });
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise<void>((r) => server.close(() => r())); });

  it('fetches in batches and caps the values kept per label', async () => {
    const store = Store.open(':memory:');
    try {
      const catalogs = new CatalogStore(store.db);
      const st = await refreshCatalog(createPromClient(url), catalogs, { now: () => new Date() }, { batchSize: 100, valueCap: 20 });
      expect(st.families).toBe(1200);
      expect(seriesCalls).toBe(12);
      expect(largestBatch).toBe(100);
      const cat = catalogs.load(url);
      expect(cat?.labelValues('app_metric_7_total', 'user_id')).toHaveLength(20);
      expect(cat?.family('app_metric_7_total')?.labels).toEqual(['job', 'user_id']);
    } finally {
      store.close();
    }
  });
});
