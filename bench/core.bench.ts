// npm run bench:core — the core's figures on a real SQLite file (WAL, synchronous=FULL):
//   1. action-log inserts/s: one transaction each, and 1,000 per transaction (median of 3 rounds)
//   2. full-text search over 1,000,000 varied actions: p50/p99 of ≥ 500 searches (goal p99 < 10 ms)
//   3. offline coach turn latency through the real createCoach (goal p99 < 20 ms)
//   4. the real server's RSS at idle and after the search run over HTTP
// BENCH_ROWS overrides the million for a quick look; results go to bench/results/core.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoach } from '../coach/incident/index.ts';
import { Store } from '../coach/store/index.ts';
import { systemClock } from '../coach/types.ts';
import { makeAction, makeSearch, rng, SERVICES } from './core-data.ts';
import { cpus, loadavg } from 'node:os';
import { median, percentile, round, rssMiB, startChildServer, timeBoth, timeBothAsync, timeMs } from './core-measure.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEARCHES = 600;
const WARMUP = 50;
const work = mkdtempSync(join(tmpdir(), 'mentat-bench-'));
const at = (i: number): string => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();

function insertRates(round_: number): { single: number; batched: number } {
  const store = Store.open(join(work, `inserts-${round_}.db`));
  const inc = store.incidents.create({ title: 'bench', severity: 'SEV3', openedAt: at(0), openedBy: 'bench' });
  const r = rng(round_);
  const singles = 2_000;
  const singleMs = timeMs(() => {
    for (let i = 0; i < singles; i++) {
      const a = makeAction(r);
      store.tx(() => store.actions.add({ incidentId: inc.id, actor: 'bench', at: at(i), ...a }));
    }
  });
  const batches = 100;
  const batchedMs = timeMs(() => {
    for (let b = 0; b < batches; b++) {
      store.tx(() => {
        for (let i = 0; i < 1_000; i++) store.actions.add({ incidentId: inc.id, actor: 'bench', at: at(i), ...makeAction(r) });
      });
    }
  });
  store.close();
  return { single: singles / (singleMs / 1000), batched: (batches * 1_000) / (batchedMs / 1000) };
}

function buildBigLog(path: string): { rows: number; seconds: number } {
  const store = Store.open(path);
  const r = rng(42);
  const incidents = store.tx(() => Array.from({ length: 2_000 }, (_, i) =>
    store.incidents.create({ title: `incident ${i}`, service: SERVICES[i % SERVICES.length] ?? null, severity: 'SEV3', openedAt: at(i), openedBy: 'bench' }).id));
  const ms = timeMs(() => {
    for (let done = 0; done < ROWS; done += 10_000) {
      store.tx(() => {
        for (let i = done; i < Math.min(ROWS, done + 10_000); i++) {
          store.actions.add({ incidentId: incidents[i % incidents.length] ?? null, actor: `user-${i % 50}`, at: at(i), ...makeAction(r) });
        }
      });
    }
  });
  store.close();
  return { rows: ROWS, seconds: round(ms / 1000, 1) };
}

interface Latency { p50: number; p99: number; cpuP50: number; cpuP99: number }

function latency(wall: number[], cpu: number[]): Latency {
  return { p50: round(percentile(wall, 50), 3), p99: round(percentile(wall, 99), 3), cpuP50: round(percentile(cpu, 50), 3), cpuP99: round(percentile(cpu, 99), 3) };
}

function searchLatencies(path: string): Latency & { max: number; meanHits: number } {
  const store = Store.open(path);
  const r = rng(7);
  const wall: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (let i = 0; i < WARMUP + SEARCHES; i++) {
    const s = makeSearch(r);
    let n = 0;
    const t = timeBoth(() => { n = store.actions.search(s.q, { limit: 20, ...(s.kind ? { kind: s.kind } : {}) }).length; });
    if (i >= WARMUP) { wall.push(t.wall); cpu.push(t.cpu); hits += n; }
  }
  store.close();
  return { ...latency(wall, cpu), max: round(Math.max(...wall), 3), meanHits: round(hits / SEARCHES, 1) };
}

async function turnLatencies(): Promise<Latency & { events: number; turns: number }> {
  const store = Store.open(join(work, 'turns.db'));
  const coach = createCoach({ store, clock: systemClock });
  const wall: number[] = [];
  const cpu: number[] = [];
  let turns = 0;
  const timed = async (fn: () => Promise<{ turns: unknown[] }>): Promise<void> => {
    const t = await timeBothAsync(fn);
    wall.push(t.wall);
    cpu.push(t.cpu);
    turns += t.value.turns.length;
  };
  for (let n = 0; n < 60; n++) {
    const svc = SERVICES[n % SERVICES.length] ?? 'checkout';
    let id = 0;
    await timed(async () => { const r = await coach.open({ title: `${svc} errors`, service: svc, severity: 'SEV2', by: 'ana' }); id = r.incident.id; return r; });
    await timed(() => coach.handle(id, { kind: 'say', from: 'ana', text: 'what should I do?' }));
    await timed(() => coach.handle(id, { kind: 'say', from: 'ana', text: 'im stuck pls help' }));
    await timed(() => coach.handle(id, { kind: 'plan', from: 'ana', text: `1. check the error rate of ${svc} by endpoint\n2. roll back the deploy` }));
    await timed(() => coach.handle(id, { kind: 'action', from: 'ana', action: { kind: 'query_run', step: 1, query: `sum by (handler) (rate(http_requests_total{service="${svc}"}[5m]))`, language: 'promql' } }));
    await timed(() => coach.handle(id, { kind: 'note', from: 'ben', text: 'errors started 10:02, right after the deploy' }));
    await timed(() => coach.handle(id, { kind: 'say', from: 'ben', text: 'the deploy went out at 10:00' }));
    await timed(() => coach.handle(id, { kind: 'action', from: 'ana', action: { kind: 'step_done', step: 1 } }));
    await timed(() => coach.handle(id, { kind: 'tick' }));
    await timed(() => coach.handle(id, { kind: 'status', from: 'ana', status: 'mitigated' }));
  }
  coach.close();
  store.close();
  // The first events pay for module warm-up and statement preparation.
  return { ...latency(wall.slice(20), cpu.slice(20)), events: wall.length - 20, turns };
}

async function serverMemory(path: string): Promise<{ idleMiB: number; afterMiB: number; httpP50: number; httpP99: number }> {
  const server = await startChildServer(path);
  try {
    await fetch(`${server.url}/healthz`);
    await new Promise((r) => setTimeout(r, 1_000));
    const idleMiB = rssMiB(server.pid);
    const r = rng(7);
    const ms: number[] = [];
    for (let i = 0; i < WARMUP + SEARCHES; i++) {
      const s = makeSearch(r);
      const qs = new URLSearchParams({ q: s.q, limit: '20', ...(s.kind ? { kind: s.kind } : {}) });
      const t = performance.now();
      const res = await fetch(`${server.url}/api/actions/search?${qs.toString()}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`search answered ${res.status}`);
      if (i >= WARMUP) ms.push(performance.now() - t);
    }
    return { idleMiB, afterMiB: rssMiB(server.pid), httpP50: round(percentile(ms, 50), 3), httpP99: round(percentile(ms, 99), 3) };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const rounds = [1, 2, 3].map(insertRates);
  const single = median(rounds.map((x) => x.single));
  const batched = median(rounds.map((x) => x.batched));
  const big = join(work, 'big.db');
  const build = buildBigLog(big);
  const search = searchLatencies(big);
  const turns = await turnLatencies();
  const memory = await serverMemory(big);

  const results = {
    at: new Date().toISOString(), node: process.version, rows: ROWS, cpus: cpus().length, loadAverage: loadavg().map((x) => round(x, 1)),
    inserts: { singlePerSec: Math.round(single), batchedPerSec: Math.round(batched), batchedOverSingle: round(batched / single, 1), rounds: rounds.map((x) => ({ single: Math.round(x.single), batched: Math.round(x.batched) })) },
    build,
    search: { ...search, searches: SEARCHES, goalP99Ms: 10, p99OverGoal: round(search.p99 / 10, 2), p99OverP50: round(search.p99 / search.p50, 1) },
    turns: { ...turns, goalP99Ms: 20, p99OverGoal: round(turns.p99 / 20, 2), p99OverP50: round(turns.p99 / turns.p50, 1) },
    server: { ...memory, afterOverIdle: round(memory.afterMiB / memory.idleMiB, 2) },
  };
  const table: [string, string, string][] = [
    ['action inserts, one transaction each', `${results.inserts.singlePerSec}/s`, 'median of 3'],
    ['action inserts, 1,000 per transaction', `${results.inserts.batchedPerSec}/s`, `${results.inserts.batchedOverSingle}× single`],
    [`FTS search at ${ROWS.toLocaleString('en')} rows, p50`, `${search.p50} ms`, `${SEARCHES} searches, ${search.meanHits} hits avg`],
    [`FTS search at ${ROWS.toLocaleString('en')} rows, p99`, `${search.p99} ms`, `goal < 10 ms (${results.search.p99OverGoal}× goal)`],
    ['FTS search CPU time, p50 / p99', `${search.cpuP50} / ${search.cpuP99} ms`, 'the work itself, without waiting for a core'],
    ['offline coach turn, p50', `${turns.p50} ms`, `${turns.events} events, ${turns.turns} turns`],
    ['offline coach turn, p99', `${turns.p99} ms`, `goal < 20 ms (${results.turns.p99OverGoal}× goal)`],
    ['offline coach turn CPU time, p50 / p99', `${turns.cpuP50} / ${turns.cpuP99} ms`, ''],
    ['search over HTTP, p50 / p99', `${memory.httpP50} / ${memory.httpP99} ms`, 'real server, loopback'],
    ['server RSS idle', `${memory.idleMiB} MiB`, ''],
    ['server RSS after search run', `${memory.afterMiB} MiB`, `${results.server.afterOverIdle}× idle`],
  ];
  table.push(['machine', `${results.cpus} cores`, `load average ${results.loadAverage.join(' / ')} at the end`]);
  const w = Math.max(...table.map((r) => r[0].length));
  console.log(table.map(([a, b, c]) => `${a.padEnd(w)}  ${b.padStart(16)}  ${c}`).join('\n'));
  const outDir = new URL('./results/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL('core.json', outDir), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwrote bench/results/core.json');
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
