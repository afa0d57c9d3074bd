// Incidents go on independently (one slow model call holds up only its own incident), an incident's events
// stay in order, and model calls are bounded process-wide, the offline engine answering past the bound.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCoach } from '../../coach/incident/index.ts';
import type { PhraseContext, Phraser } from '../../coach/llm/api.ts';
import { DEFAULT_MODEL_CONCURRENCY, modelCalls, setModelConcurrency } from '../../coach/llm/limit.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { CTX, DRAFTS, GOOD_TEXTS, phraserOn, turns } from '../llm/helpers.ts';

const cleanup: (() => void)[] = [];
afterEach(() => { for (const f of cleanup.splice(0).reverse()) f(); });

/** A phraser that takes `ms` and records how many of its calls overlapped, and what each call saw. */
function slowPhraser(ms: number): Phraser & { maxAtOnce: number; seen: PhraseContext[] } {
  let now = 0;
  const p = {
    engine: 'slow-model', maxAtOnce: 0, seen: [] as PhraseContext[],
    async phrase(drafts: { text: string }[], ctx: PhraseContext) {
      now++;
      p.maxAtOnce = Math.max(p.maxAtOnce, now);
      p.seen.push(ctx);
      await new Promise((r) => setTimeout(r, ms));
      now--;
      return drafts.map((d) => ({ text: d.text, engine: 'slow-model', fallback: null }));
    },
  };
  return p;
}

function setup(phraser: Phraser) {
  const dir = mkdtempSync(join(tmpdir(), 'mentat-conc-'));
  const store = Store.open(join(dir, 'mentat.db'));
  const coach = createCoach({ store, clock: systemClock, phraser });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => coach.close());
  return { store, coach };
}

describe('per-incident ordering', () => {
  it('lets incidents proceed at once while a slow model phrases each', async () => {
    const phraser = slowPhraser(150);
    const { coach } = setup(phraser);
    const opened = await Promise.all(Array.from({ length: 8 }, (_, i) => coach.open({ title: `incident ${i}`, service: 'checkout', by: 'alice' })));
    phraser.maxAtOnce = 0;
    const answered = await Promise.all(opened.map((o) => coach.handle(o.incident.id, { kind: 'say', from: 'alice', text: 'im stuck' })));
    expect(answered.every((a) => a.turns.length > 0)).toBe(true);
    // Under one global queue this was 1: every incident waited for every other's model call.
    expect(phraser.maxAtOnce).toBe(8);
  });

  it('keeps one incident\'s events in order: each decision sees the turns before it', async () => {
    const phraser = slowPhraser(100);
    const { coach, store } = setup(phraser);
    const { incident } = await coach.open({ title: 'checkout down', service: 'checkout', by: 'alice' });
    phraser.maxAtOnce = 0;
    phraser.seen.length = 0;
    const [a, b, c] = await Promise.all([
      coach.handle(incident.id, { kind: 'say', from: 'alice', text: 'first message' }),
      coach.handle(incident.key, { kind: 'say', from: 'bob', text: 'second message' }),
      coach.handle(incident.id, { kind: 'say', from: 'carol', text: 'third message' }),
    ]);
    expect(phraser.maxAtOnce).toBe(1);
    // The second call's context already holds the first message, the third the first two.
    expect(phraser.seen[1]?.recent.join('\n')).toContain('first message');
    expect(phraser.seen[2]?.recent.join('\n')).toMatch(/first message[\s\S]*second message/);
    const ids = [a, b, c].flatMap((r) => r?.turns.map((t) => t.id) ?? []);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(store.turns.list(incident.id).length).toBeGreaterThanOrEqual(ids.length);
  });

  it('rejects an event for an unknown incident without holding up others', async () => {
    const { coach } = setup(slowPhraser(10));
    await expect(coach.handle(999, { kind: 'say', from: 'a', text: 'hello' })).rejects.toMatchObject({ code: 'incident_not_found' });
  });
});

describe('model concurrency bound', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => { fake = await startFakeOpenAI(); });
  afterAll(async () => {
    setModelConcurrency(DEFAULT_MODEL_CONCURRENCY);
    await fake.close();
  });

  it('answers past the bound at once with the offline engine, saying why, and frees the slots after', async () => {
    setModelConcurrency(2);
    fake.setDefault({ kind: 'delay', ms: 800, then: { kind: 'structured', value: turns(GOOD_TEXTS) } });
    const phraser = phraserOn(fake);
    const out = await Promise.all(Array.from({ length: 4 }, () => phraser.phrase(DRAFTS, CTX)));
    const engines = out.map((o) => o[0]?.engine);
    expect(engines.filter((e) => e === 'fake-model')).toHaveLength(2);
    const busy = out.filter((o) => o[0]?.engine === 'offline');
    expect(busy).toHaveLength(2);
    for (const o of busy) expect(o[0]?.fallback).toMatch(/model busy: 2 calls already in flight \(MENTAT_MODEL_CONCURRENCY\)/);
    expect(fake.chatRequests()).toHaveLength(2);
    expect(modelCalls().inFlight).toBe(0);
  });
});
