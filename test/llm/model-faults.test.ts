// The faults a model provider shows under load, on the real client against the fake server: a 429 with a
// long Retry-After, repeated 500s, a stream cut off mid-answer, a stream that never ends. Each time the
// turn comes back within the deadline (the test's own timeout would catch a hang), offline, saying why.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { CTX, DRAFTS, offlineDrafts, phraserOn } from './helpers.ts';

let fake: FakeOpenAI;
beforeAll(async () => { fake = await startFakeOpenAI(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault({ kind: 'content', content: '' });
});

const DEADLINE = 700;

describe('model faults → the offline engine, within the deadline', () => {
  it('a 429 asking to wait 30 s is not waited for past the deadline', async () => {
    fake.setDefault({ kind: 'error', status: 429, message: 'Rate limit reached', headers: { 'retry-after': '30' } });
    const out = await phraserOn(fake, { timeoutMs: DEADLINE }).phrase(DRAFTS, CTX);
    expect(out).toEqual(offlineDrafts(/429|timed out after 700 ms/));
  }, 5_000);

  it('repeated 500s', async () => {
    fake.setDefault({ kind: 'error', status: 500, message: 'upstream overloaded' });
    const out = await phraserOn(fake, { timeoutMs: DEADLINE }).phrase(DRAFTS, CTX);
    expect(out).toEqual(offlineDrafts(/500|timed out after 700 ms/));
  }, 5_000);

  it('a stream cut off in the middle of the answer', async () => {
    const chunk = JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [{ index: 0, delta: { content: '{"turns":[{"index":1,"te' }, finish_reason: null }] });
    fake.setDefault({ kind: 'raw', status: 200, contentType: 'text/event-stream', body: `data: ${chunk}\n\n` });
    const out = await phraserOn(fake, { timeoutMs: DEADLINE, streaming: true }).phrase(DRAFTS, CTX);
    expect(out.every((p) => p.engine === 'offline' && typeof p.fallback === 'string' && p.fallback.length > 0)).toBe(true);
    expect(out.map((p) => p.text)).toEqual(DRAFTS.map((d) => d.text));
  }, 5_000);

  it('a stream that never stops', async () => {
    fake.setDefault({ kind: 'endless' });
    const out = await phraserOn(fake, { timeoutMs: DEADLINE, streaming: true }).phrase(DRAFTS, CTX);
    expect(out).toEqual(offlineDrafts(`model timed out after ${DEADLINE} ms`));
  }, 5_000);
});
