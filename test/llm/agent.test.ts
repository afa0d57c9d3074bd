// The agent builder against the fake OpenAI-compatible server: tools, structured answers, failures, limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { buildAgent, type AgentSpec } from '../../coach/llm/index.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { modelFor } from './helpers.ts';

const Answer = z.object({
  query: z.string().describe('A PromQL query'),
  metric: z.string().describe('The metric the query reads'),
});

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault({ kind: 'content', content: '' });
});

const reads: string[] = [];
/** Read-only: it returns a fixed line and records that it was read. */
const readStatus = tool(
  async ({ part }) => {
    reads.push(part);
    return part === 'owner' ? 'owner: ops@example.com, db password=hunter2' : 'status: mitigated at 10:40';
  },
  { name: 'read_status', description: 'Reads one part of the incident record.', schema: z.object({ part: z.enum(['status', 'owner']).describe('Which part') }) },
);

const agentOn = (over: Partial<AgentSpec<typeof Answer>> = {}) =>
  buildAgent({ model: modelFor(fake), name: 'promql', systemPrompt: 'Translate the question into PromQL.', responseSchema: Answer, timeoutMs: 5000, ...over });

const GOOD = { query: 'rate(http_requests_total[5m])', metric: 'http_requests_total' };

describe('buildAgent: answers', () => {
  it('returns a structured answer given directly, with the engine and one attempt', async () => {
    fake.enqueue({ kind: 'structured', value: GOOD });
    expect(await agentOn().run('error rate of checkout?')).toEqual({ ok: true, value: GOOD, engine: 'fake-model', attempts: 1 });
    const body = fake.chatRequests()[0]?.body;
    expect(body?.tools?.map((t) => t.function.name)).toEqual(['promql']);
    expect(body?.tool_choice).toBe('required');
    expect(body?.messages?.[0]).toMatchObject({ role: 'system', content: 'Translate the question into PromQL.' });
  });

  it('runs a read-only tool, sends its result back, then takes the structured answer', async () => {
    reads.length = 0;
    fake.enqueue({ kind: 'tool', name: 'read_status', args: { part: 'status' } }, { kind: 'structured', value: GOOD });
    const res = await agentOn({ tools: [readStatus] }).run('is it fixed?');
    expect(res).toEqual({ ok: true, value: GOOD, engine: 'fake-model', attempts: 2 });
    expect(reads).toEqual(['status']);
    const [first, second] = fake.chatRequests();
    expect(first?.body?.tools?.map((t) => t.function.name)).toEqual(['read_status', 'promql']);
    const toolResult = second?.body?.messages?.find((m) => m.role === 'tool');
    expect(toolResult?.content).toBe('status: mitigated at 10:40');
  });

  it('sends a check’s problem back and uses the corrected answer', async () => {
    fake.enqueue({ kind: 'structured', value: { query: 'rate(nope[5m])', metric: 'nope' } }, { kind: 'structured', value: GOOD });
    const check = (v: z.infer<typeof Answer>) => (v.metric === 'http_requests_total' ? null : `metric "${v.metric}" is not in the catalog`);
    const res = await agentOn({ check }).run('error rate?');
    expect(res).toMatchObject({ ok: true, attempts: 2, value: GOOD });
    expect(fake.chatRequests()[1]?.raw).toContain('metric \\"nope\\" is not in the catalog');
  });

  it.each([
    ['jsonSchema', 'json_schema'],
    ['jsonMode', 'json_object'],
  ] as const)('asks for %s output as response_format %s', async (method, type) => {
    fake.enqueue({ kind: 'structured', value: GOOD });
    expect(await agentOn({ method }).run('error rate?')).toMatchObject({ ok: true, value: GOOD });
    expect(fake.chatRequests()[0]?.body?.response_format?.type).toBe(type);
  });
});

describe('buildAgent: failures come back, never thrown', () => {
  it('non-JSON tool-call arguments', async () => {
    fake.enqueue({ kind: 'garbage' });
    expect(await agentOn({ maxRepairs: 0 }).run('q')).toEqual({
      ok: false, kind: 'invalid', attempts: 1, reason: 'model returned invalid output: the tool-call arguments were not valid JSON',
    });
  });

  it('prose instead of the structure', async () => {
    fake.enqueue({ kind: 'content', content: 'Sorry, I cannot do that.' });
    expect(await agentOn({ maxRepairs: 0 }).run('q')).toMatchObject({
      ok: false, kind: 'invalid', reason: 'model returned invalid output: the answer was not JSON: "Sorry, I cannot do that."',
    });
  });

  it('schema-invalid output, after its repair is used up, says why', async () => {
    fake.setDefault({ kind: 'structured', value: { query: 42 } });
    const res = await agentOn({ maxRepairs: 1 }).run('q');
    expect(res).toMatchObject({ ok: false, kind: 'invalid', attempts: 2 });
    expect(!res.ok && res.reason).toMatch(/^model returned invalid output: .*(metric|query).*\(after 2 attempts\)$/);
    // The first problem went back to the model as a tool result.
    expect(fake.chatRequests()[1]?.body?.messages?.find((m) => m.role === 'tool')?.content).toMatch(/could not be used/);
  });

  it('a server that hangs past the deadline, cut off on time', async () => {
    fake.enqueue({ kind: 'delay', ms: 10_000, then: { kind: 'structured', value: GOOD } });
    const started = performance.now();
    expect(await agentOn({ timeoutMs: 300 }).run('q')).toEqual({ ok: false, kind: 'timeout', reason: 'model timed out after 300 ms', attempts: 1 });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('HTTP 500, not retried', async () => {
    fake.enqueue({ kind: 'error', status: 500, message: 'The server had an error' });
    expect(await agentOn().run('q')).toEqual({ ok: false, kind: 'error', reason: 'model error: 500 The server had an error', attempts: 1 });
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('a model that keeps calling tools hits the model-call limit', async () => {
    fake.setDefault({ kind: 'tool', name: 'read_status', args: { part: 'status' } });
    const res = await agentOn({ tools: [readStatus], maxModelCalls: 3, maxToolCalls: 10 }).run('q');
    expect(res).toEqual({ ok: false, kind: 'limit', reason: 'model run stopped: model call limit reached (3 model calls)', attempts: 3 });
    expect(fake.chatRequests()).toHaveLength(3);
  });

  it('and the tool-call limit', async () => {
    fake.setDefault({ kind: 'tool', name: 'read_status', args: { part: 'status' } });
    const res = await agentOn({ tools: [readStatus], maxModelCalls: 10, maxToolCalls: 2 }).run('q');
    expect(res).toMatchObject({ ok: false, kind: 'limit', reason: 'model run stopped: tool call limit reached (2 tool calls)', attempts: 3 });
  });

  it('a caller who gives up', async () => {
    fake.enqueue({ kind: 'delay', ms: 10_000 });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    expect(await agentOn().run('q', { signal: ctl.signal })).toMatchObject({ ok: false, kind: 'error', reason: 'model call cancelled' });
  });
});

describe('buildAgent: repairs', () => {
  it('does not repair transport failures', async () => {
    fake.enqueue({ kind: 'error', status: 429, message: 'Rate limit reached' });
    expect(await agentOn({ maxRepairs: 3 }).run('q')).toEqual({ ok: false, kind: 'error', attempts: 1, reason: 'model error: 429 Rate limit reached' });
  });

  it('keeps one deadline across repairs', async () => {
    fake.enqueue({ kind: 'structured', value: { query: 1 } }, { kind: 'delay', ms: 5000 });
    expect(await agentOn({ timeoutMs: 300, maxRepairs: 3 }).run('q')).toEqual({ ok: false, kind: 'timeout', attempts: 2, reason: 'model timed out after 300 ms' });
  });

  it('redacts what goes back in a repair, the model’s own answer included', async () => {
    fake.enqueue({ kind: 'structured', value: { query: 'password=hunter2', metric: 'dave@example.com' } }, { kind: 'structured', value: GOOD });
    const res = await agentOn({ check: (v) => (v.metric === GOOD.metric ? null : `metric ${v.metric} is unknown`) }).run('q');
    expect(res.ok).toBe(true);
    const second = fake.chatRequests()[1]?.raw ?? '';
    expect(second).toContain('metric [EMAIL] is unknown');
    for (const secret of ['hunter2', 'dave@example.com']) expect(second).not.toContain(secret);
  });
});

describe('buildAgent: redaction middleware', () => {
  it('redacts the system prompt, the human message and tool results before they leave', async () => {
    fake.enqueue({ kind: 'tool', name: 'read_status', args: { part: 'owner' } }, { kind: 'structured', value: GOOD });
    const res = await agentOn({ tools: [readStatus], systemPrompt: 'Operator key sk-abcdefghijklmnopqrstuvwx is private.' })
      .run('error rate? asked by carol@example.com, token=abc123');
    expect(res.ok).toBe(true);
    const sent = fake.requests.map((r) => r.raw).join('\n');
    for (const secret of ['sk-abcdefghijklmnopqrstuvwx', 'carol@example.com', 'abc123', 'ops@example.com', 'hunter2']) expect(sent).not.toContain(secret);
    const toolResult = fake.chatRequests()[1]?.body?.messages?.find((m) => m.role === 'tool');
    expect(toolResult?.content).toBe('owner: [EMAIL], db password=[REDACTED]');
  });
});
