// Ack latency of signed Slack events at a steady rate, each also asking the coach a question that it
// translates to PromQL, and duplicate replies under Slack's retries (must be 0).
// `npm run bench:slack` (SLACK_BENCH_RATE, SLACK_BENCH_SECONDS, SLACK_BENCH_CHANNELS, SLACK_BENCH_WARMUP override
// 50/s, 60 s, 10 channels, 100 warm-up events; TMPDIR picks the disk the store is on). SLACK_BENCH_MODEL_MS
// puts a model that answers after that long (a fake OpenAI-compatible server, in the load process) behind
// the coach's phrasing; results then go to slack-slow-model.json.
// Slack is remote in production, so the load and the fake Web API run in a child process: the server
// process holds only what it holds in production (server, assistant, coach, store).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackAssistant } from '../bots/slack/index.ts';
import { createCoach } from '../coach/incident/index.ts';
import { createChatModel, createModelPhraser } from '../coach/llm/index.ts';
import { createDemonstrator, createTranslator, memoryCatalog } from '../coach/query/index.ts';
import { startServer } from '../coach/server/index.ts';
import { Store } from '../coach/store/index.ts';
import { systemClock } from '../coach/types.ts';
import { BOT_USER_ID, startFakeSlack } from '../test/support/fake-slack.ts';
import { tempDir } from '../test/support/tmp.ts';
import { appMention, eventCallback, sign } from '../test/slack/payloads.ts';

const RATE = Number(process.env.SLACK_BENCH_RATE ?? 50);
const SECONDS = Number(process.env.SLACK_BENCH_SECONDS ?? 60);
const CHANNELS = Number(process.env.SLACK_BENCH_CHANNELS ?? 10);
const RETRY_EVERY = 10;
const WARMUP = Number(process.env.SLACK_BENCH_WARMUP ?? 100);
const SECRET = 'bench-secret';
const channelOf = (i: number): string => `C0BENCH${i % CHANNELS}`;

interface ClientReport { latencies: number[]; perThread: number[]; replied: number; mentions: number; resets: number; sentForMs: number }
type Msg = { apiUrl: string; modelUrl: string | null } | { report: ClientReport };
const MODEL_MS = process.env.SLACK_BENCH_MODEL_MS ? Number(process.env.SLACK_BENCH_MODEL_MS) : null;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function client(): Promise<void> {
  const slack = await startFakeSlack();
  const send = (m: Msg): void => {
    process.send?.(m);
  };
  const gotUrl = new Promise<string>((resolve) => process.once('message', (m: { serverUrl: string }) => resolve(m.serverUrl)));
  let modelUrl: string | null = null;
  let model: { close(): Promise<void> } | null = null;
  if (MODEL_MS !== null) {
    const { startFakeOpenAI } = await import('../test/support/fake-openai.ts');
    const fake = await startFakeOpenAI();
    fake.setDefault({ kind: 'delay', ms: MODEL_MS, then: { kind: 'structured', value: { turns: [] } } });
    modelUrl = fake.baseURL;
    model = fake;
  }
  send({ apiUrl: slack.apiUrl, modelUrl });
  const serverUrl = await gotUrl;
  let resets = 0;
  const once = async (body: string, retry: number): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${serverUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sign(SECRET, body), ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}) },
      body,
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return performance.now() - started;
  };
  // A pooled connection the server just closed as idle (the keep-alive race) is retried once, as Slack would.
  const post = async (body: string, retry = 0): Promise<number> => {
    try {
      return await once(body, retry);
    } catch (e) {
      if (!/ECONNRESET|other side closed|SocketError/.test(String((e as { cause?: unknown }).cause))) throw e;
      resets += 1;
      return once(body, retry);
    }
  };
  // Warm-up (not measured): the first requests pay for lazy module loading and JIT compilation.
  for (let i = 0; i < WARMUP; i++) {
    await post(JSON.stringify(eventCallback(appMention(`<@${BOT_USER_ID}> what is the per-second rate of http requests per handler? warm-up ${i}`, { channel: channelOf(i) }))));
    await new Promise((r) => setTimeout(r, 50));
  }
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const mentions = new Set<string>();
  const t0 = performance.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = t0 + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const mention = appMention(`<@${BOT_USER_ID}> what is the per-second rate of http requests per handler? #${i}`, { channel: channelOf(i) });
    mentions.add(mention.ts);
    const body = JSON.stringify(eventCallback(mention));
    pending.push(post(body).then((ms) => { latencies.push(ms); }));
    if (i % RETRY_EVERY === 0) pending.push(post(body, 1).then((ms) => { latencies.push(ms); }));
  }
  await Promise.all(pending);
  const sentForMs = performance.now() - t0;
  const replies = (): Map<string, number> => {
    const per = new Map<string, number>();
    for (const c of slack.callsTo('chat.postMessage')) {
      const ts = String(c.args.thread_ts);
      if (mentions.has(ts)) per.set(ts, (per.get(ts) ?? 0) + 1);
    }
    return per;
  };
  // Replies follow the acks; wait, bounded, until every mention has one, then a little longer for strays.
  const deadline = Date.now() + 180_000;
  while (replies().size < mentions.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 2_000));
  const per = replies();
  send({ report: { latencies, perThread: [...per.values()], replied: per.size, mentions: mentions.size, resets, sentForMs } });
  await slack.close();
  await model?.close();
}

async function main(): Promise<void> {
  const catalog = memoryCatalog('bench', new Date().toISOString(), [
    { name: 'http_requests_total', type: 'counter', help: 'HTTP requests', unit: '', labels: ['handler', 'code', 'service'], samples: ['http_requests_total'] },
  ], (_f, label) => (label === 'service' ? ['checkout'] : label === 'code' ? ['200', '500'] : ['/pay', '/cart']));
  const tmp = tempDir('mentat-slack-bench-');
  const store = Store.open(join(tmp.dir, 'bench.db'));
  const translator = createTranslator({ catalog, clock: systemClock });
  const child: ChildProcess = fork(join(import.meta.dirname, '..', 'bin', 'run-ts.js'), [fileURLToPath(import.meta.url), '--client'], { stdio: 'inherit' });
  const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`the load process exited (${String(code)}) before reporting`))));
  exited.catch(() => undefined);
  const next = (): Promise<Msg> => Promise.race([new Promise<Msg>((resolve) => child.once('message', (m: Msg) => resolve(m))), exited]);
  const first = await next();
  if (!('apiUrl' in first)) throw new Error('client did not start');
  // With a slow model, the real phraser (langchain agent over ChatOpenAI) phrases every turn through it.
  const phraser = first.modelUrl ? createModelPhraser({
    model: createChatModel({ apiKey: 'sk-bench', keyless: false, baseURL: first.modelUrl, model: 'fake-model', timeoutMs: 5000, streaming: false, structuredMethod: 'functionCalling', concurrency: 4 }),
    modelName: 'fake-model', timeoutMs: 5000, clock: systemClock,
  }) : undefined;
  const coach = createCoach({ store, clock: systemClock, demonstrator: createDemonstrator({ translator, store, links: [] }), ...(phraser ? { phraser } : {}) });
  const incidents: number[] = [];
  for (let c = 0; c < CHANNELS; c++) {
    const inc = await coach.open({ title: `Checkout errors ${c}`, service: 'checkout', by: 'slack:U0BENCH', channel: channelOf(c) });
    await coach.handle(inc.incident.id, { kind: 'plan', from: 'slack:U0BENCH', text: '1. check error rate per handler\n2. check latency' });
    incidents.push(inc.incident.id);
  }
  const assistant = createSlackAssistant({ coach, store, clock: systemClock, botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: first.apiUrl, log: () => undefined });
  await assistant.start();
  const handle = assistant.handleHttp;
  if (!handle) throw new Error('HTTP mode expected');
  const server = await startServer({ host: '127.0.0.1', port: 0, deps: { store, coach, clock: systemClock, services: {} }, tickMs: 0, log: () => undefined,
    extraHandlers: [{ method: 'POST', path: '/slack/events', handle }] });
  const reportMsg = next();
  child.send({ serverUrl: server.url });
  const msg = await reportMsg;
  if (!('report' in msg)) throw new Error('client sent no report');
  const r = msg.report;
  let says = 0;
  let distinct = 0;
  for (const id of incidents) {
    const list = store.actions.list(id, { kind: 'say' });
    says += list.length;
    distinct += new Set(list.map((a) => a.text)).size;
  }
  const queryCards = incidents.reduce((n, id) => n + coach.view(id).turns.filter((t) => t.type === 'query').length, 0);
  const duplicateReplies = r.perThread.reduce((n, k) => n + Math.max(0, k - 1), 0);
  const p99 = pct(r.latencies, 99);
  const result = {
    modelMs: MODEL_MS, rate: RATE, seconds: SECONDS, channels: CHANNELS, warmupEvents: WARMUP, storeDir: tmp.dir, events: r.mentions, retriedEvents: Math.ceil(r.mentions / RETRY_EVERY), requests: r.latencies.length,
    sentForMs: Math.round(r.sentForMs),
    ackMs: { p50: +pct(r.latencies, 50).toFixed(2), p90: +pct(r.latencies, 90).toFixed(2), p99: +p99.toFixed(2), max: +Math.max(...r.latencies).toFixed(2) },
    replied: r.replied, duplicateReplies, duplicateActions: says - distinct, queryCards, connectionResets: r.resets,
    goal: { p99UnderMs: 100, met: p99 < 100 && duplicateReplies === 0 && says === distinct },
  };
  if (process.env.SLACK_BENCH_TRACE) console.log(r.latencies.map((x) => Math.round(x)).join(' '));
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', MODEL_MS === null ? 'slack.json' : 'slack-slow-model.json'), `${JSON.stringify(result, null, 2)}\n`);
  await exited.catch(() => undefined);
  await server.close();
  await assistant.stop();
  coach.close();
  store.close();
  tmp.cleanup();
  process.exitCode = result.goal.met ? 0 : 1;
}

if (process.argv.includes('--client')) await client();
else await main();
