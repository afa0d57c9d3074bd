import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HumanMessage } from '@langchain/core/messages';
import { CodedError } from '../../coach/types.ts';
import { createChatModel, modelConfigFromEnv, PLACEHOLDER_KEY } from '../../coach/llm/index.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';

function thrown(fn: () => unknown): CodedError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return err;
    throw err;
  }
  throw new Error('expected a CodedError');
}

describe('modelConfigFromEnv', () => {
  it('is null when neither a key nor a base URL is set (blank counts as unset)', () => {
    expect(modelConfigFromEnv({})).toBeNull();
    expect(modelConfigFromEnv({ OPENAI_API_KEY: '  ', OPENAI_BASE_URL: '', MENTAT_MODEL: 'x' })).toBeNull();
  });

  it('reads a key with defaults', () => {
    expect(modelConfigFromEnv({ OPENAI_API_KEY: 'sk-abc' })).toEqual({
      apiKey: 'sk-abc', keyless: false, baseURL: null, model: 'gpt-4o-mini', timeoutMs: 8000, streaming: false, structuredMethod: 'functionCalling', concurrency: 4,
    });
  });

  it('allows a base URL without a key for local servers, with a placeholder key', () => {
    const cfg = modelConfigFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1/', MENTAT_MODEL: 'llama3.1:8b', MENTAT_MODEL_STREAMING: 'TRUE', MENTAT_MODEL_TIMEOUT_MS: '20000', MENTAT_MODEL_STRUCTURED_OUTPUT: 'jsonSchema' });
    expect(cfg).toEqual({
      apiKey: PLACEHOLDER_KEY, keyless: true, baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b', timeoutMs: 20000, streaming: true, structuredMethod: 'jsonSchema', concurrency: 4,
    });
  });

  it.each([
    ['MENTAT_MODEL_TIMEOUT_MS', '499'],
    ['MENTAT_MODEL_TIMEOUT_MS', '60001'],
    ['MENTAT_MODEL_TIMEOUT_MS', '8s'],
    ['MENTAT_MODEL_STREAMING', 'maybe'],
    ['OPENAI_BASE_URL', 'localhost:11434'],
    ['OPENAI_BASE_URL', 'ftp://models.internal/v1'],
    ['MENTAT_MODEL', 'gpt 4o'],
    ['MENTAT_MODEL_STRUCTURED_OUTPUT', 'xml'],
  ])('rejects %s=%s with a CodedError naming the variable', (name, value) => {
    const err = thrown(() => modelConfigFromEnv({ OPENAI_API_KEY: 'sk-abc', [name]: value }));
    expect(err.code).toBe('model_config_invalid');
    expect(err.message).toContain(name);
    expect(err.details).toEqual({ variable: name });
  });

  it('accepts the timeout bounds themselves', () => {
    expect(modelConfigFromEnv({ OPENAI_API_KEY: 'k', MENTAT_MODEL_TIMEOUT_MS: '500' })?.timeoutMs).toBe(500);
    expect(modelConfigFromEnv({ OPENAI_API_KEY: 'k', MENTAT_MODEL_TIMEOUT_MS: '60000' })?.timeoutMs).toBe(60000);
  });
});

describe('createChatModel', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ kind: 'content', content: 'pong' });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('talks to the configured base URL with the key, the model name and no retries', async () => {
    const cfg = modelConfigFromEnv({ OPENAI_API_KEY: 'sk-live-key', OPENAI_BASE_URL: fake.baseURL, MENTAT_MODEL: 'fake-model' });
    if (!cfg) throw new Error('expected a config');
    fake.enqueue({ kind: 'error', status: 500, message: 'down' });
    await expect(createChatModel(cfg).invoke([new HumanMessage('ping')])).rejects.toThrow(/500/);
    const reply = await createChatModel(cfg).invoke([new HumanMessage('ping')]);
    expect(reply.content).toBe('pong');
    const sent = fake.chatRequests();
    // One request per call: the 500 was not retried.
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers.authorization).toBe('Bearer sk-live-key');
    expect(sent[1]?.body?.model).toBe('fake-model');
  });

  it('sends the placeholder key to a keyless local server', async () => {
    const cfg = modelConfigFromEnv({ OPENAI_BASE_URL: fake.baseURL, MENTAT_MODEL: 'fake-model' });
    if (!cfg) throw new Error('expected a config');
    await createChatModel(cfg).invoke([new HumanMessage('ping')]);
    expect(fake.chatRequests().at(-1)?.headers.authorization).toBe(`Bearer ${PLACEHOLDER_KEY}`);
  });
});
