// Customer-support answers, offline engine: ask → draft latency over 200 questions (what support waits
// for), and 50 concurrent asks on one incident over real HTTP: all created, listed and distinct, and how
// many times the responders were asked (one batch message per batch, not one per question).
// `npm run bench:support` (SUPPORT_BENCH_ASKS, SUPPORT_BENCH_CONCURRENT override 200 and 50).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCoach } from '../coach/incident/index.ts';
import { startServer } from '../coach/server/index.ts';
import { Store } from '../coach/store/index.ts';
import { createSupport, type SupportChange } from '../coach/support/index.ts';
import { createDirectory } from '../coach/people/index.ts';
import { systemClock } from '../coach/types.ts';
import { loadWorkspace } from '../coach/workspace/index.ts';
import { tempDir } from '../test/support/tmp.ts';

const ASKS = Number(process.env.SUPPORT_BENCH_ASKS ?? 200);
const CONCURRENT = Number(process.env.SUPPORT_BENCH_CONCURRENT ?? 50);
const QUESTIONS = [
  'Is card data safe?', 'When will checkout be back?', 'Customers see an error at payment, what do we tell them?',
  'Are orders being lost?', 'Is this affecting EU customers only?', 'Is there a workaround?', 'Why is this happening?',
];

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (n: number): number => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const tmp = tempDir();
  const workspace = loadWorkspace(join(import.meta.dirname, '..', 'workspace', 'demo'));
  const sam = createDirectory(workspace.people).soloPrincipal('sam');

  // 1. Ask → draft, one at a time, in-process against a real SQLite file (WAL, synchronous=FULL).
  const store = Store.open(join(tmp.dir, 'ask.db'));
  const coach = createCoach({ store, clock: systemClock, workspace });
  const { incident } = await coach.open({ title: 'Checkout 5xx errors above SLO', service: 'checkout', severity: 'SEV2', by: 'alice' });
  const support = createSupport({ store, clock: systemClock, workspace });
  const latencies: number[] = [];
  for (let i = 0; i < ASKS + 20; i++) {
    const t = performance.now();
    const q = await support.ask(sam, { incident: incident.id, question: `${QUESTIONS[i % QUESTIONS.length]} (#${i})` });
    const ms = performance.now() - t;
    if (!q.draft.label || q.candidate.version !== 1) throw new Error('no draft in the answer');
    if (i >= 20) latencies.push(ms);
  }
  coach.close();
  store.close();

  // 2. 50 concurrent asks over HTTP on one incident, with a short batch window so the batch closes.
  const store2 = Store.open(join(tmp.dir, 'http.db'));
  const coach2 = createCoach({ store: store2, clock: systemClock, workspace });
  const opened = await coach2.open({ title: 'Checkout 5xx errors above SLO', service: 'checkout', severity: 'SEV2', by: 'alice' });
  const support2 = createSupport({ store: store2, clock: systemClock, workspace, batchWindowMs: 1_500 });
  const batches: SupportChange[] = [];
  support2.subscribe((c) => { if (c.type === 'support_batch') batches.push(c); });
  // The bench measures the support path, not the write limiter: its concurrency may exceed one writer's burst.
  const server = await startServer({ host: '127.0.0.1', port: 0, tickMs: 0, log: () => undefined, writeLimit: null,
    deps: { store: store2, coach: coach2, clock: systemClock, services: { workspace, support: support2 } } });
  const t0 = performance.now();
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => fetch(`${server.url}/api/incidents/${opened.incident.id}/support/questions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'sam', question: `${QUESTIONS[i % QUESTIONS.length]} (customer ${i})` }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { question?: { id: number } } }))));
  const allMs = performance.now() - t0;
  const created = answers.filter((a) => a.status === 201 && a.body.question).length;
  const distinct = new Set(answers.map((a) => a.body.question?.id)).size;
  const listed = ((await (await fetch(`${server.url}/api/incidents/${opened.incident.id}/support/questions`)).json()) as { questions: unknown[] }).questions.length;
  await new Promise((r) => setTimeout(r, 2_500));
  const inBatches = batches.reduce((n, b) => n + (b.type === 'support_batch' ? b.questions.length : 0), 0);
  await server.close();
  coach2.close();
  store2.close();
  tmp.cleanup();

  const result = {
    at: new Date().toISOString(),
    askToDraft: { engine: 'offline', asks: latencies.length, p50Ms: round(pct(latencies, 50)), p99Ms: round(pct(latencies, 99)), maxMs: round(Math.max(...latencies)) },
    concurrentAsks: { asked: CONCURRENT, created, listed, distinct, wallMs: round(allMs), batchMessages: batches.length, questionsInBatches: inBatches },
  };
  console.log(`ask → draft (offline, ${latencies.length} asks): p50 ${result.askToDraft.p50Ms} ms, p99 ${result.askToDraft.p99Ms} ms`);
  console.log(`${CONCURRENT} concurrent asks: created ${created}, listed ${listed}, distinct ${distinct} in ${round(allMs)} ms; responders asked ${batches.length} time(s) about ${inBatches} question(s)`);
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', 'support.json'), `${JSON.stringify(result, null, 2)}\n`);
}

await main();
