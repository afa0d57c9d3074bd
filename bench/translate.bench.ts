// npm run bench:translate — the translator's figures on a synthetic 10,000-metric catalog:
//   1. catalog refresh time: fetched from a fake Prometheus HTTP API on loopback into a real SQLite file
//   2. in-process translation latency p50/p99 over generated questions (goal p99 < 20 ms)
// BENCH_METRICS overrides the 10,000; results go to bench/results/translate.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogStore } from '../coach/query/catalog-store.ts';
import { refreshCatalog } from '../coach/query/catalog-fetch.ts';
import { createPromClient } from '../coach/query/prom-client.ts';
import { createTranslator } from '../coach/query/translator.ts';
import { Store } from '../coach/store/index.ts';
import { systemClock } from '../coach/types.ts';
import { percentile, round } from './core-measure.ts';

const METRICS = Number(process.env.BENCH_METRICS ?? 10_000);
const QUESTIONS = 2_000;
const WARMUP = 200;

let seed = 7;
const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const SERVICES = Array.from({ length: 60 }, (_, i) => `${pick(['checkout', 'cart', 'payments', 'search', 'auth', 'orders', 'catalog', 'ledger'])}${i}`);
const SUBSYSTEMS = ['http', 'grpc', 'db', 'cache', 'queue', 'worker', 'kafka', 'redis', 'pool', 'scheduler'];
const NOUNS = ['requests', 'errors', 'retries', 'messages', 'jobs', 'connections', 'queries', 'evictions', 'timeouts', 'bytes', 'tasks', 'batches'];
const LABELS: Record<string, string[]> = {
  handler: ['/api/v1/orders', '/api/v1/cart', '/healthz', '/metrics', '/api/v1/search', '/login'],
  code: ['200', '201', '400', '404', '500', '503'],
  method: ['GET', 'POST', 'PUT', 'DELETE'],
  region: ['eu-west-1', 'us-east-1', 'ap-south-1'],
  pod: Array.from({ length: 300 }, (_, i) => `pod-${i.toString(36)}`),
};

interface Meta { name: string; type: string; help: string; labels: string[] }
const metas: Meta[] = [];
for (let i = 0; metas.length < METRICS; i++) {
  const svc = pick(SERVICES);
  const sub = pick(SUBSYSTEMS);
  const noun = pick(NOUNS);
  const kind = pick(['counter', 'counter', 'gauge', 'histogram', 'summary']);
  const base = `${svc}_${sub}_${noun}_${i}`;
  const name = kind === 'counter' ? `${base}_total` : kind === 'histogram' || kind === 'summary' ? `${base}_duration_seconds` : `${base}_in_flight`;
  const labels = ['job', 'instance', ...Object.keys(LABELS).filter(() => rand() < 0.4)];
  metas.push({ name, type: kind, help: `${kind === 'histogram' ? 'Latency of' : 'Number of'} ${noun} handled by ${svc} ${sub}.`, labels });
}
const samplesOf = (m: Meta): string[] => (m.type === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => m.name + s) : m.type === 'summary' ? [m.name, `${m.name}_sum`, `${m.name}_count`] : [m.name]);
const byName = new Map<string, Meta>();
for (const m of metas) for (const s of samplesOf(m)) byName.set(s, m);

const server = createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const send = (data: unknown): void => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ status: 'success', data })); };
  if (u.pathname === '/api/v1/metadata') return send(Object.fromEntries(metas.map((m) => [m.name, [{ type: m.type, help: m.help, unit: '' }]])));
  if (u.pathname === '/api/v1/label/__name__/values') return send([...byName.keys()]);
  if (u.pathname !== '/api/v1/series') { res.statusCode = 404; res.end(); return; }
  let body = '';
  req.on('data', (c: Buffer) => { body += c.toString(); });
  req.on('end', () => {
    const match = new URLSearchParams(body).get('match[]') ?? '';
    const names = /\{__name__=~"(.*)"\}/.exec(match)?.[1]?.split('|') ?? [];
    send(names.flatMap((n) => {
      const m = byName.get(n);
      if (!m) return [];
      return Array.from({ length: 12 }, (_, k) => Object.fromEntries([['__name__', n], ['job', m.name.split('_')[0]], ['instance', `10.0.0.${k}:9100`],
        ...m.labels.filter((l) => LABELS[l]).map((l) => [l, pick(LABELS[l] ?? [])]), ...(n.endsWith('_bucket') ? [['le', pick(['0.1', '0.5', '1', '+Inf'])]] : []),
        ...(m.type === 'summary' && n === m.name ? [['quantile', pick(['0.5', '0.9', '0.99'])]] : [])]) as Record<string, string>);
    }));
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const work = mkdtempSync(join(tmpdir(), 'mentat-bench-translate-'));
const store = Store.open(join(work, 'catalog.db'));

try {
  const catalogs = new CatalogStore(store.db);
  const t0 = performance.now();
  const st = await refreshCatalog(createPromClient(url, { timeoutMs: 60_000 }), catalogs, systemClock);
  const refreshMs = performance.now() - t0;
  const rssAfterRefresh = process.memoryUsage().rss / 2 ** 20;
  const catalog = catalogs.load(url);
  if (!catalog) throw new Error('catalog did not load');
  const translator = createTranslator({ catalog, clock: systemClock, links: { prometheusUrl: url } });

  const questions = Array.from({ length: QUESTIONS + WARMUP }, () => {
    const m = pick(metas);
    const [svc = '', sub = '', noun = ''] = m.name.split('_');
    return pick([
      `p99 latency of ${svc} ${sub} ${noun}`, `${noun} per second of ${svc} ${sub} by handler`, `top 5 handlers by ${svc} ${sub} ${noun} rate`,
      `how many ${noun} did ${svc} ${sub} handle in the last hour`, `${svc} ${sub} ${noun} in flight per region`,
      `what percentage of ${svc} ${sub} ${noun} are 5xx`, `average ${sub} ${noun} duration for ${svc}`, `${svc} ${noun} compared to 1 hour ago`,
      'what is the blorf zzyzx of quux', `is ${svc} up`,
    ]);
  });
  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < questions.length; i++) {
    const s = performance.now();
    const r = await translator.translate(questions[i] ?? '', { now: new Date().toISOString() });
    const ms = performance.now() - s;
    if (i >= WARMUP) {
      times.push(ms);
      if (r.query !== null) answered++;
    }
  }
  const result = {
    metrics: METRICS, families: st.families, refreshMs: round(refreshMs, 0), rssAfterRefreshMiB: round(rssAfterRefresh, 0),
    questions: QUESTIONS, answered, p50ms: round(percentile(times, 50)), p99ms: round(percentile(times, 99)), maxMs: round(Math.max(...times)),
    goalP99Ms: 20, at: new Date().toISOString(),
  };
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', 'translate.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`catalog refresh (${st.families} families from a fake Prometheus on loopback): ${result.refreshMs} ms`);
  console.log(`translation latency over ${QUESTIONS} questions: p50 ${result.p50ms} ms, p99 ${result.p99ms} ms (goal p99 < 20 ms); answered ${answered}`);
} finally {
  store.close();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(work, { recursive: true, force: true });
}
