import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MODELS, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

const post = (body: unknown) =>
  fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fake OpenAI server', () => {
  it('lists models', async () => {
    const res = await fetch(`${fake.baseURL}/models`);
    const body = (await res.json()) as { data: { id: string }[] };
    expect(body.data.map((m) => m.id)).toEqual(FAKE_MODELS);
  });

  it('answers a structured value as a tool call when tools are sent, as content otherwise', async () => {
    fake.setDefault({ kind: 'structured', value: { a: 1 } });
    const tool = (await (await post({ model: 'm', messages: [], tools: [{ type: 'function', function: { name: 'answer' } }], tool_choice: { type: 'function', function: { name: 'answer' } } })).json()) as {
      choices: { message: { tool_calls: { function: { name: string; arguments: string } }[] } }[];
    };
    expect(tool.choices[0]?.message.tool_calls[0]?.function).toEqual({ name: 'answer', arguments: '{"a":1}' });
    const content = (await (await post({ model: 'm', messages: [] })).json()) as { choices: { message: { content: string } }[] };
    expect(content.choices[0]?.message.content).toBe('{"a":1}');
  });

  it('streams server-sent events ending in [DONE]', async () => {
    fake.enqueue({ kind: 'content', content: 'hello there, on-call' });
    const text = await (await post({ model: 'm', messages: [], stream: true })).text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const said = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.replace(/^data: /, '')) as { choices: { delta: { content?: string } }[] })
      .map((c) => c.choices[0]?.delta.content ?? '')
      .join('');
    expect(said).toBe('hello there, on-call');
    expect(events.length).toBeGreaterThan(3);
  });

  it('returns scripted HTTP errors and records every request in order', async () => {
    fake.enqueue({ kind: 'error', status: 429, message: 'slow down' }, { kind: 'content', content: 'ok' });
    const first = await post({ model: 'm', messages: [{ role: 'user', content: 'one' }] });
    expect(first.status).toBe(429);
    expect(((await first.json()) as { error: { message: string } }).error.message).toBe('slow down');
    expect((await post({ model: 'm', messages: [{ role: 'user', content: 'two' }] })).status).toBe(200);
    expect(fake.chatRequests().map((r) => r.body?.messages?.[0]?.content)).toEqual(['one', 'two']);
  });

  it('lets a script read the request', async () => {
    fake.setDefault((req) => ({ kind: 'content', content: `you sent ${req.body?.messages?.length ?? 0}` }));
    const body = (await (await post({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe('you sent 1');
  });
});
