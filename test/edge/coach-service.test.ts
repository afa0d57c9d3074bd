// The coach service against a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoach, routeAlert, type CoachChange } from '../../coach/incident/index.ts';
import type { Phraser } from '../../coach/llm/api.ts';
import type { Demonstrator } from '../../coach/query/api.ts';
import { Store } from '../../coach/store/index.ts';
import type { AlertData, Clock } from '../../coach/types.ts';
import { T } from './helpers.ts';

const cleanup: (() => void)[] = [];
afterEach(() => { for (const f of cleanup.splice(0).reverse()) f(); });

function setup(opts: { phraser?: Phraser; demonstrator?: Demonstrator } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mentat-coach-'));
  const file = join(dir, 'mentat.db');
  const store = Store.open(file);
  let now = new Date(T('10:00'));
  const clock: Clock = { now: () => now };
  const coach = createCoach({ store, clock, ...opts });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => coach.close());
  return { store, file, coach, setNow: (iso: string) => { now = new Date(iso); } };
}

const alert: AlertData = {
  name: 'CheckoutHighErrorRate', service: 'checkout', startsAt: T('09:58'), fingerprint: 'fp1', labels: { severity: 'page' }, annotations: { summary: '5xx above 5%' },
};

describe('coach service', () => {
  it('persists events and turns with their rule, readable after reopening the file', async () => {
    const { coach, file, store, setNow } = setup();
    const opened = await coach.open({ title: 'Checkout errors', service: 'checkout', severity: 'SEV2', by: 'alice' });
    expect(opened.turns.map((t) => [t.type, t.rule])).toEqual([['missing_step', 'E2'], ['ask_plan', 'G1']]);
    const id = opened.incident.id;
    await coach.handle(id, { kind: 'deploy', deploy: { service: 'checkout', version: 'v2.14.0', at: T('09:46'), by: 'ci' } });
    setNow(T('10:01'));
    const onAlert = await coach.handle(id, { kind: 'alert', status: 'firing', alert });
    expect(onAlert.turns.find((t) => t.type === 'missing_step')?.text).toMatch(/roll ?back/i);
    const plan = await coach.handle(id, { kind: 'plan', from: 'alice', text: '1. check the 5xx by route\n2. compare with the deploy' });
    expect(plan.plan?.steps).toHaveLength(2);
    await coach.handle(id, { kind: 'action', from: 'alice', action: { kind: 'step_done', step: 1, text: 'only /pay fails' } });
    store.close();

    const again = Store.open(file);
    cleanup.push(() => again.close());
    expect(again.timeline.list(id).map((e) => e.kind)).toEqual(['deploy', 'alert_firing', 'opened', 'plan']);
    expect(again.plans.current(id)?.steps.map((s) => s.state)).toEqual(['done', 'open']);
    expect(again.actions.list(id).map((a) => a.kind)).toEqual(['plan', 'step_done']);
    const turns = again.turns.list(id);
    expect(turns.every((t) => t.rule.length > 0 && t.engine === 'offline')).toBe(true);
    expect(turns.map((t) => t.type)).toContain('colleague');
    expect(turns.find((t) => t.type === 'colleague')?.to).toBe('alice');
  });

  it('records a repeated alert notification once and says nothing about it', async () => {
    const { coach, store } = setup();
    const { incident } = await coach.open({ title: 'x', service: 'checkout', severity: 'SEV3', by: 'a' });
    const first = await coach.handle(incident.id, { kind: 'alert', status: 'firing', alert });
    const second = await coach.handle(incident.id, { kind: 'alert', status: 'firing', alert });
    expect(first.timeline).not.toBeNull();
    expect(second.turns).toEqual([]);
    expect(second.timeline).toBeNull();
    expect(store.timeline.list(incident.id, { kinds: ['alert_firing'] })).toHaveLength(1);
  });

  it('falls back to offline text when the phraser throws, and stores every turn', async () => {
    const failing: Phraser = { engine: 'test-model', phrase: () => Promise.reject(new Error('model unreachable')) };
    const { coach, store } = setup({ phraser: failing });
    const r = await coach.open({ title: 'x', service: 'checkout', severity: 'SEV2', by: 'a' });
    expect(r.turns.length).toBeGreaterThan(0);
    for (const t of r.turns) {
      expect(t.engine).toBe('offline');
      expect(t.fallback).toBe('phraser error: model unreachable');
    }
    expect(store.turns.list(r.incident.id)).toEqual(r.turns);
    expect(store.timeline.list(r.incident.id)).toHaveLength(1);
  });

  it('keeps a model phrasing only while it keeps the turn count and questions', async () => {
    const rewording: Phraser = { engine: 'm', phrase: async (ds) => ds.map((d) => ({ text: `Hey. ${d.text}`, engine: 'm', fallback: null })) };
    const dropping: Phraser = { engine: 'm', phrase: async (ds) => ds.slice(1).map((d) => ({ text: d.text, engine: 'm', fallback: null })) };
    const answering: Phraser = { engine: 'm', phrase: async (ds) => ds.map(() => ({ text: 'Roll back now.', engine: 'm', fallback: null })) };
    const ok = await setup({ phraser: rewording }).coach.open({ title: 'x', severity: 'SEV3', by: 'a' });
    expect(ok.turns.every((t) => t.engine === 'm' && t.text.startsWith('Hey. '))).toBe(true);
    const dropped = await setup({ phraser: dropping }).coach.open({ title: 'x', severity: 'SEV3', by: 'a' });
    expect(dropped.turns.every((t) => t.engine === 'offline' && t.fallback === 'invalid output: wrong number of turns')).toBe(true);
    const answered = await setup({ phraser: answering }).coach.open({ title: 'x', severity: 'SEV3', by: 'a' });
    expect(answered.turns.every((t) => t.fallback === 'invalid output: a question became a statement')).toBe(true);
  });

  it('asks the Demonstrator only after a plan, and strips result fields from what it returns', async () => {
    const asked: string[] = [];
    const demonstrator: Demonstrator = {
      demonstrate: async (q) => {
        asked.push(q);
        return [{ phase: 'demonstrate', type: 'query', rule: 'D1', text: 'Try this query.', fields: { query: { text: 'up' }, result: [1, 2] } }];
      },
    };
    const { coach } = setup({ demonstrator });
    const { incident } = await coach.open({ title: 'x', service: 'checkout', severity: 'SEV3', by: 'a' });
    const before = await coach.handle(incident.id, { kind: 'say', from: 'a', text: 'how do I see the error rate?' });
    expect(before.turns.map((t) => t.type)).toEqual(['ask_plan']);
    await coach.handle(incident.id, { kind: 'plan', from: 'a', text: 'check errors' });
    const after = await coach.handle(incident.id, { kind: 'say', from: 'a', text: 'how do I see the error rate?' });
    expect(asked).toEqual(['how do I see the error rate?']);
    expect(after.turns.map((t) => t.type)).toEqual(['query']);
    expect(after.turns[0]?.fields).toEqual({ query: { text: 'up' } });
  });

  it('emits changes after commit and shows the checklist in the view', async () => {
    const { coach } = setup();
    const seen: CoachChange['type'][] = [];
    const off = coach.subscribe((c) => seen.push(c.type));
    const { incident } = await coach.open({ title: 'x', service: 'checkout', severity: 'SEV2', by: 'a' });
    await coach.handle(incident.id, { kind: 'action', from: 'a', action: { kind: 'ack' } });
    off();
    await coach.handle(incident.id, { kind: 'note', from: 'a', text: 'errors only on /pay' });
    expect(seen).toEqual(['incident', 'timeline', 'turn', 'turn', 'incident', 'timeline', 'action']);
    const view = coach.view(incident.key);
    expect(view.incident.status).toBe('acknowledged');
    expect(view.checklist.find((c) => c.id === 'acknowledge')).toEqual({ id: 'acknowledge', text: 'Acknowledge the incident so others know someone is on it', done: true, applies: true });
    expect(view.checklist.find((c) => c.id === 'notes')?.done).toBe(true);
    expect(view.checklist.find((c) => c.id === 'rollback')?.applies).toBe(false);
  });

  it('routes alerts: opens an incident, then joins it by fingerprint or service', async () => {
    const { coach, store } = setup();
    const first = await routeAlert({ coach, store }, alert);
    expect(first?.opened).toBe(true);
    expect(first?.incident).toMatchObject({ title: '5xx above 5%', service: 'checkout', severity: 'SEV2', fingerprint: 'fp1' });
    const sameService = await routeAlert({ coach, store }, { ...alert, name: 'CheckoutLatency', fingerprint: 'fp2', startsAt: T('10:02') });
    expect(sameService?.opened).toBe(false);
    expect(sameService?.incident.id).toBe(first?.incident.id);
    expect(await routeAlert({ coach, store }, { ...alert, service: 'search', fingerprint: 'fp3' }, 'resolved')).toBeNull();
    expect(store.incidents.list()).toHaveLength(1);
  });
});
