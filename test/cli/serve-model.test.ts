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

describe('mentat serve when the model and Prometheus fail', () => {
  it('says so in /healthz and in the log (one line, no text), and keeps answering offline', async () => {
    fake = await startFakeOpenAI({ kind: 'error', status: 500, message: 'upstream overloaded' });
    dir = mkdtempSync(join(tmpdir(), 'mentat-model-'));
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db'), '--prometheus', 'http://127.0.0.1:9'], {
      OPENAI_BASE_URL: fake.baseURL, MENTAT_MODEL: 'fake-model', MENTAT_MODEL_TIMEOUT_MS: '2000',
    });
    const post = async (path: string, body: unknown): Promise<HandleResult> => (await (await fetch(`${served?.url ?? ''}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    })).json()) as HandleResult;
    const opened = await post('/api/incidents', { title: 'Checkout errors', service: 'checkout', from: 'ana' });
    expect(opened.turns.every((t) => t.engine === 'offline' && typeof t.fallback === 'string')).toBe(true);
    await post(`/api/incidents/${opened.incident.id}/say`, { from: 'ana', text: 'im stuck, the secret word is hunter2' });
    type Health = { ok: boolean; prometheus?: { url: string; catalog: boolean; lastError?: string }; model?: { name: string; failures: number; lastFailure: { kind: string; reason: string } | null } };
    const deadline = Date.now() + 10_000;
    let h = (await (await fetch(`${served.url}/healthz`)).json()) as Health;
    while (!h.prometheus?.lastError && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      h = (await (await fetch(`${served.url}/healthz`)).json()) as Health;
    }
    expect(h.ok).toBe(true);
    expect(h.prometheus).toMatchObject({ url: 'http://127.0.0.1:9', catalog: false });
    expect(h.prometheus?.lastError).toMatch(/\w/);
    expect(h.model?.name).toBe('fake-model');
    expect(h.model?.failures).toBeGreaterThanOrEqual(2);
    expect(h.model?.lastFailure?.reason).toMatch(/500/);
    const modelLines = served.stderr().split('\n').filter((l) => l.includes('model: '));
    expect(modelLines).toHaveLength(1);
    expect(modelLines[0]).toMatch(/model: error: .*500.*the offline engine answered/);
    expect(served.stderr()).not.toContain('hunter2');
  }, 30_000);
});
