// `mentat serve` with a model configured: the composition root wires the model phraser from the environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandleResult } from '../../coach/incident/api.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { startServe, type Served } from './support/spawn.ts';

let dir: string | null = null;
let served: Served | null = null;
let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await served?.stop('SIGKILL');
  await fake?.close();
  served = null;
  fake = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('mentat serve with a model', () => {
  it('phrases the coach\'s turns with the configured model, and says which engine answered', async () => {
    fake = await startFakeOpenAI({ kind: 'structured', value: { turns: [
      { index: 1, text: 'Could you acknowledge INC-1 so the team knows someone has it?' },
      { index: 2, text: 'What do you think is happening to checkout, and which steps would you take to check it?' },
    ] } });
    dir = mkdtempSync(join(tmpdir(), 'mentat-model-'));
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db')], { OPENAI_BASE_URL: fake.baseURL, MENTAT_MODEL: 'fake-model' });
    const res = await fetch(`${served.url}/api/incidents`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Checkout errors', service: 'checkout', from: 'ana' }),
    });
    const body = (await res.json()) as HandleResult;
    expect(fake.chatRequests().length).toBeGreaterThan(0);
    expect(body.turns.map((t) => [t.rule, t.engine, t.text])).toEqual([
      ['E2', 'fake-model', 'Could you acknowledge INC-1 so the team knows someone has it?'],
      ['G1', 'fake-model', 'What do you think is happening to checkout, and which steps would you take to check it?'],
    ]);
  });

  it('drafts support answers with the model, and says so; garbage from the model falls back to the offline template with the reason', async () => {
    fake = await startFakeOpenAI({ kind: 'content', content: 'not json at all' });
    fake.enqueue({ kind: 'structured', value: { turns: [] } });
    dir = mkdtempSync(join(tmpdir(), 'mentat-model-'));
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db'), '--workspace', 'workspace/demo'], { OPENAI_BASE_URL: fake.baseURL, MENTAT_MODEL: 'fake-model', MENTAT_MODEL_TIMEOUT_MS: '3000' });
    const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => (await (await fetch(`${served!.url}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    })).json()) as Record<string, unknown>;
    await post('/api/incidents', { title: 'Checkout errors', service: 'checkout', from: 'alice' });
    fake.enqueue({ kind: 'structured', value: {
      support: 'The record says checkout errors since the incident opened; no cause or ETA is known yet.',
      customer: 'Some customers cannot check out right now. Our team is working on it; we will share an estimate as soon as we can.',
      partner: 'Checkout is returning errors for some requests. The team is investigating; no estimate yet.',
      missing: ['ETA', 'cause'], asks: [],
    } });
    const drafted = (await post('/api/incidents/1/support/questions', { from: 'sam', question: 'What is going on with checkout?' })).question as {
      draft: { engine: string; fallback: string | null }; candidate: { engine: string; tiers: { customer: string } };
    };
    expect(drafted.draft).toMatchObject({ engine: 'fake-model', fallback: null });
    expect(drafted.candidate.tiers.customer).toMatch(/^Some customers cannot check out/);
    // The next call gets the default: not JSON. The offline template answers and says why.
    const fell = (await post('/api/incidents/1/support/questions', { from: 'sam', question: 'Is card data safe?' })).question as {
      draft: { engine: string; fallback: string | null }; candidate: { notice: string | null };
    };
    expect(fell.draft.engine).toBe('offline');
    expect(fell.draft.fallback).toMatch(/model/i);
    expect(fell.candidate.notice).toMatch(/Offline template/);
  });
});
