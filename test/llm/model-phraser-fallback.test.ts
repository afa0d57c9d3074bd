import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelPhraser } from '../../coach/llm/index.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { CTX, DRAFTS, GOOD_TEXTS, modelFor, offlineDrafts, phraserOn, turns, type PhraserOptions } from './helpers.ts';

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

const phraser = (opts: PhraserOptions = {}) => phraserOn(fake, opts);

describe('model phraser: whole-answer fallbacks', () => {
  it('wrong count → all offline', async () => {
    fake.enqueue({ kind: 'structured', value: turns(GOOD_TEXTS.slice(0, 2)) });
    expect(await phraser().phrase(DRAFTS, CTX)).toEqual(offlineDrafts('model returned invalid output: 2 texts for 3 turns'));
  });

  it('reordered answer → all offline', async () => {
    const texts = turns(GOOD_TEXTS);
    fake.enqueue({ kind: 'structured', value: { turns: [texts.turns[1], texts.turns[0], texts.turns[2]] } });
    expect(await phraser().phrase(DRAFTS, CTX)).toEqual(offlineDrafts(/reordered/));
  });

  it('timeout → all offline, bounded by the deadline', async () => {
    fake.enqueue({ kind: 'delay', ms: 10_000, then: { kind: 'structured', value: turns(GOOD_TEXTS) } });
    expect(await phraser({ timeoutMs: 300 }).phrase(DRAFTS, CTX)).toEqual(offlineDrafts('model timed out after 300 ms'));
  });

  it('timeout while streaming → all offline', async () => {
    fake.enqueue({ kind: 'delay', ms: 10_000 });
    expect(await phraser({ timeoutMs: 300, streaming: true }).phrase(DRAFTS, CTX)).toEqual(offlineDrafts('model timed out after 300 ms'));
  });

  it.each([
    [500, 'The server had an error', 'model error: 500 The server had an error'],
    [401, 'Incorrect API key provided', 'model error: 401 Incorrect API key provided'],
  ])('HTTP %i → all offline', async (status, message, reason) => {
    fake.enqueue({ kind: 'error', status, message });
    expect(await phraser().phrase(DRAFTS, CTX)).toEqual(offlineDrafts(reason));
  });

  it('garbage JSON → all offline', async () => {
    fake.enqueue({ kind: 'garbage' });
    expect(await phraser().phrase(DRAFTS, CTX)).toEqual(offlineDrafts(/^model returned invalid output: .*not valid JSON/));
  });

  it('garbage content under JSON-schema output → all offline', async () => {
    fake.enqueue({ kind: 'garbage' });
    expect(await phraser({ method: 'jsonSchema' }).phrase(DRAFTS, CTX)).toEqual(offlineDrafts(/^model returned invalid output: /));
  });

  it('a response that is not a chat completion → all offline', async () => {
    fake.enqueue({ kind: 'raw', status: 200, body: '<html>gateway</html>' });
    expect(await phraser().phrase(DRAFTS, CTX)).toEqual(offlineDrafts(/^model error: /));
  });

  it('refusal or prose instead of the structure → all offline', async () => {
    fake.enqueue({ kind: 'refusal', text: 'I cannot help with that.' }, { kind: 'content', content: 'Sorry, I cannot do that.' });
    expect(await phraser().phrase(DRAFTS, CTX)).toEqual(offlineDrafts(/model may have refused/));
    expect(await phraser().phrase(DRAFTS, CTX)).toEqual(offlineDrafts('model returned invalid output: the answer was not JSON: "Sorry, I cannot do that."'));
  });

  it('an unreachable server → all offline', async () => {
    const gone = await startFakeOpenAI();
    const model = modelFor(gone);
    await gone.close();
    const p = createModelPhraser({ model, modelName: 'fake-model', timeoutMs: 2000 });
    expect(await p.phrase(DRAFTS, CTX)).toEqual(offlineDrafts(/^model (error|timed out)/));
  });
});
