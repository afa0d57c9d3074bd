import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { structuredCall, type ChatMessage } from '../../coach/llm/index.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { allSent, modelFor } from './helpers.ts';

const Query = z.object({
  query: z.string().describe('A PromQL query'),
  metric: z.string().describe('The metric the query reads'),
});
type Query = z.infer<typeof Query>;

const ASK: ChatMessage[] = [
  { role: 'system', content: 'Translate the question into PromQL.' },
  { role: 'user', content: 'error rate of checkout? (asked by carol@example.com, key sk-abcdefghijklmnopqrstuvwx)' },
];

/** Stands in for the query translator's catalog check. */
const knownMetric = (v: Query): string | null => (v.metric === 'http_requests_total' ? null : `metric "${v.metric}" is not in the catalog; use http_requests_total`);

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('structuredCall', () => {
  it('returns the validated value and the engine', async () => {
    fake.enqueue({ kind: 'structured', value: { query: 'rate(http_requests_total[5m])', metric: 'http_requests_total' } });
    const res = await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 5000, repair: knownMetric });
    expect(res).toEqual({ ok: true, engine: 'fake-model', attempts: 1, value: { query: 'rate(http_requests_total[5m])', metric: 'http_requests_total' } });
  });

  it('repairs: the first answer fails the check, the problem goes back, the second answer is used', async () => {
    fake.enqueue(
      { kind: 'structured', value: { query: 'rate(http_reqs[5m])', metric: 'http_reqs' } },
      { kind: 'structured', value: { query: 'rate(http_requests_total[5m])', metric: 'http_requests_total' } },
    );
    const res = await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 5000, repair: knownMetric, maxRepairs: 2 });
    expect(res.ok && res.value.metric).toBe('http_requests_total');
    expect(res.attempts).toBe(2);
    const second = fake.chatRequests()[1]?.body?.messages ?? [];
    expect(second).toHaveLength(4);
    expect(second[2]).toMatchObject({ role: 'assistant' });
    expect(String(second[2]?.content)).toContain('http_reqs');
    expect(String(second[3]?.content)).toContain('metric "http_reqs" is not in the catalog');
  });

  it('repairs schema violations and broken JSON, with the validation error fed back', async () => {
    fake.enqueue(
      { kind: 'structured', value: { query: 42 } },
      { kind: 'garbage', text: '{"query": "rate(' },
      { kind: 'structured', value: { query: 'up', metric: 'http_requests_total' } },
    );
    const res = await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 5000, maxRepairs: 2 });
    expect(res).toMatchObject({ ok: true, attempts: 3 });
    const feedback = fake.chatRequests().map((r) => String(r.body?.messages?.at(-1)?.content));
    expect(feedback[1]).toMatch(/query/);
    expect(feedback[1]).toMatch(/expected string/i);
    expect(feedback[2]).toContain('not valid JSON');
  });

  it('gives up after maxRepairs and says why', async () => {
    fake.setDefault({ kind: 'structured', value: { query: 'x', metric: 'nope' } });
    const res = await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 5000, repair: knownMetric, maxRepairs: 2 });
    fake.setDefault({ kind: 'content', content: '' });
    expect(res).toEqual({
      ok: false,
      kind: 'invalid',
      attempts: 3,
      reason: 'model returned invalid output: metric "nope" is not in the catalog; use http_requests_total (after 3 attempts)',
    });
    expect(fake.chatRequests()).toHaveLength(3);
  });

  it('does not repair transport failures', async () => {
    fake.enqueue({ kind: 'error', status: 429, message: 'Rate limit reached' });
    const res = await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 5000, maxRepairs: 3 });
    expect(res).toEqual({ ok: false, kind: 'error', attempts: 1, reason: 'model error: 429 Rate limit reached' });
  });

  it('keeps one deadline across repairs', async () => {
    fake.enqueue({ kind: 'structured', value: { query: 1 } }, { kind: 'delay', ms: 5000 });
    const res = await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 300, maxRepairs: 3 });
    expect(res).toEqual({ ok: false, kind: 'timeout', attempts: 2, reason: 'model timed out after 300 ms' });
  });

  it.each(['jsonSchema', 'jsonMode'] as const)('works with %s structured output', async (method) => {
    fake.enqueue({ kind: 'garbage' }, { kind: 'structured', value: { query: 'up', metric: 'http_requests_total' } });
    const res = await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 5000, method, maxRepairs: 1 });
    expect(res).toMatchObject({ ok: true, attempts: 2, value: { query: 'up' } });
    const format = fake.chatRequests()[0]?.body?.response_format?.type;
    expect(format).toBe(method === 'jsonSchema' ? 'json_schema' : 'json_object');
  });

  it('redacts every message, repairs included, before it leaves', async () => {
    fake.enqueue(
      { kind: 'structured', value: { query: 'password=hunter2', metric: 'dave@example.com' } },
      { kind: 'structured', value: { query: 'up', metric: 'http_requests_total' } },
    );
    await structuredCall(modelFor(fake), Query, ASK, { timeoutMs: 5000, repair: knownMetric });
    const sent = allSent(fake);
    for (const secret of ['carol@example.com', 'sk-abcdefghijklmnopqrstuvwx', 'hunter2', 'dave@example.com']) expect(sent).not.toContain(secret);
    expect(sent).toContain('[EMAIL]');
  });
});
