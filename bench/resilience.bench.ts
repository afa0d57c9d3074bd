// npm run bench:resilience — turn latency with a slow model: a fake OpenAI-compatible server on loopback
// answering every call after 800 ms, the real model phraser (langchain agent over ChatOpenAI) in front of
// it, and 1, 8 and 32 incidents each sending a message at the same moment. Per-incident ordering lets
// incidents proceed independently; MENTAT_MODEL_CONCURRENCY (default 4) bounds model runs, the offline
// engine answering at once past it. Results go to bench/results/resilience.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCoach } from '../coach/incident/index.ts';
import { createChatModel, createModelPhraser } from '../coach/llm/index.ts';
import { DEFAULT_MODEL_CONCURRENCY, setModelConcurrency } from '../coach/llm/limit.ts';
import { Store } from '../coach/store/index.ts';
import { systemClock } from '../coach/types.ts';
import { startFakeOpenAI } from '../test/support/fake-openai.ts';
import { tempDir } from '../test/support/tmp.ts';
import { median, percentile, round } from './core-measure.ts';

const MODEL_MS = Number(process.env.BENCH_MODEL_MS ?? 800);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.MENTAT_MODEL_CONCURRENCY ?? DEFAULT_MODEL_CONCURRENCY);

const fake = await startFakeOpenAI();
// Whatever the phraser asks, a structured answer after MODEL_MS: the texts of the drafts it was sent.
fake.setDefault((req) => {
  const user = (req.body?.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const n = Math.max(1, (user.match(/^\s*\d+\.\s/gm) ?? []).length);
  return { kind: 'delay', ms: MODEL_MS, then: { kind: 'structured', value: { turns: Array.from({ length: n }, (_, i) => ({ index: i + 1, text: `Turn ${i + 1}, phrased?` })) } } };
});
setModelConcurrency(CONCURRENCY);
const tmp = tempDir('mentat-resilience-');
const store = Store.open(join(tmp.dir, 'mentat.db'));
const phraser = createModelPhraser({
  model: createChatModel({ apiKey: 'sk-bench', keyless: false, baseURL: fake.baseURL, model: 'fake-model', timeoutMs: 5000, streaming: false, structuredMethod: 'functionCalling', concurrency: CONCURRENCY }),
  modelName: 'fake-model', timeoutMs: 5000, clock: systemClock,
});
const coach = createCoach({ store, clock: systemClock, phraser });

interface Row { incidents: number; turns: number; p50: number; p99: number; modelAnswered: number; offlineAnswered: number }
const rows: Row[] = [];
try {
  for (const n of [1, 8, 32]) {
    const opened = await Promise.all(Array.from({ length: n }, (_, i) => coach.open({ title: `bench ${n}/${i}`, service: 'checkout', by: 'alice' })));
    const lat: number[] = [];
    let model = 0;
    let offline = 0;
    for (let r = 0; r < ROUNDS; r++) {
      await Promise.all(opened.map(async (o) => {
        const t = performance.now();
        const res = await coach.handle(o.incident.id, { kind: 'say', from: 'alice', text: 'im stuck' });
        lat.push(performance.now() - t);
        for (const turn of res.turns) if (turn.engine === 'offline') offline++; else model++;
      }));
    }
    rows.push({ incidents: n, turns: lat.length, p50: round(median(lat)), p99: round(percentile(lat, 99)), modelAnswered: model, offlineAnswered: offline });
    console.log(`${n} incident(s) at once, ${ROUNDS} rounds: turn p50 ${round(median(lat))} ms, p99 ${round(percentile(lat, 99))} ms; turns by the model ${model}, offline ${offline}`);
  }
  const one = rows[0]?.p99 ?? 1;
  for (const r of rows) console.log(`  ${r.incidents} at once: p99 ${round(r.p99 / one, 2)}× one turn's p99`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/resilience.json', `${JSON.stringify({ modelMs: MODEL_MS, concurrency: CONCURRENCY, rounds: ROUNDS, rows }, null, 2)}\n`);
} finally {
  coach.close();
  store.close();
  tmp.cleanup();
  await fake.close();
}
