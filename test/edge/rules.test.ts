import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, statedTimes } from '../../coach/edge/index.ts';
import type { TurnDraft } from '../../coach/types.ts';
import { loadWorkspace } from '../../coach/workspace/index.ts';
import { T, action, alertEvent, ctx, deployEvent, incident, past, plan, state } from './helpers.ts';

const demo = loadWorkspace(join(import.meta.dirname, '../../workspace/demo'));
const types = (ts: TurnDraft[]): string[] => ts.map((t) => t.type);

describe('G1 plan first', () => {
  it('asks for a plan instead of suggesting, before a plan exists', () => {
    const d = decide(state({ now: T('10:01') }), { kind: 'say', from: 'a', text: 'what should I do?' }, ctx());
    expect(types(d.turns)).toEqual(['ask_plan']);
    expect(d.demonstrate).toBeUndefined();
    const q = decide(state({ now: T('10:01') }), { kind: 'say', from: 'a', text: 'how do I see the error rate?' }, ctx());
    expect(types(q.turns)).toEqual(['ask_plan']);
    expect(q.demonstrate).toBeUndefined();
  });
  it('points at the first open step with a question once there is a plan', () => {
    const s = state({ now: T('10:10'), plan: plan(['a', 'b'], T('10:05'), { 1: T('10:08') }) });
    const [t] = decide(s, { kind: 'say', from: 'a', text: 'what next' }, ctx()).turns;
    expect(t).toMatchObject({ type: 'plan_step', rule: 'G1', fields: { step: 2 } });
    expect(t?.text).toMatch(/\?$/);
  });
  it('passes a question to the Demonstrator once there is a plan', () => {
    const s = state({ now: T('10:10'), plan: plan(['a']) });
    const d = decide(s, { kind: 'say', from: 'a', text: 'how do I see p99 latency?' }, ctx());
    expect(d.demonstrate?.question).toBe('how do I see p99 latency?');
  });
});

describe('G2 clarify', () => {
  it('answers a vague request with exactly one question', () => {
    const d = decide(state({ now: T('10:01') }), { kind: 'say', from: 'b', text: 'im stuk pls help' }, ctx());
    expect(d.turns).toHaveLength(1);
    expect(d.turns[0]).toMatchObject({ type: 'clarify', rule: 'G2' });
    expect(d.turns[0]?.text).toMatch(/^What are you stuck on\?.*\?$/);
  });
});

describe('G3 stuck', () => {
  const p = plan(['look at p99 by shard', 'check the rebuild job'], T('10:05'));
  const tick = { kind: 'tick' } as const;
  it('is silent without a plan, however long it has been', () => {
    expect(types(decide(state({ now: T('11:00') }), tick, ctx()).turns)).not.toContain('stuck_nudge');
  });
  it('nudges on the first open step after the threshold, and not again within another threshold', () => {
    const s = state({ now: T('10:15'), plan: p });
    const nudge = decide(s, tick, ctx()).turns.find((t) => t.type === 'stuck_nudge');
    expect(nudge?.fields).toMatchObject({ step: 1 });
    expect(nudge?.text).toMatch(/^You seem stuck on step 1 \(look at p99 by shard\)\. Do you want to try investigating step 2/);
    const again = state({ now: T('10:24'), plan: p, turns: [past('stuck_nudge', T('10:15'), { step: 1, plan_id: 1 })] });
    expect(types(decide(again, tick, ctx()).turns)).not.toContain('stuck_nudge');
    const later = state({ now: T('10:25'), plan: p, turns: [past('stuck_nudge', T('10:15'), { step: 1, plan_id: 1 })] });
    expect(types(decide(later, tick, ctx()).turns)).toContain('stuck_nudge');
  });
  it('counts an action on the step as progress', () => {
    const s = state({ now: T('10:20'), plan: p, actions: [action({ kind: 'query_run', at: T('10:12'), step: 1 })] });
    expect(types(decide(s, tick, ctx()).turns)).not.toContain('stuck_nudge');
  });
  it('suggests the recent deploy when there is one', () => {
    const s = state({
      now: T('10:20'), plan: p, timeline: [deployEvent({ at: T('09:46') }), alertEvent({ startsAt: T('09:58') })],
    });
    expect(decide(s, tick, ctx()).turns.find((t) => t.type === 'stuck_nudge')?.text).toMatch(/checkout deploy v2\.14\.0 \(09:46 UTC\)/);
  });
});

describe('E2 missing steps', () => {
  it('asks about rolling back a deploy shortly before the alert, on the alert line', () => {
    const alert = alertEvent({ startsAt: T('09:58') });
    const s = state({ now: T('10:00'), timeline: [deployEvent({ at: T('09:46') }), alert], turns: [past('missing_step', T('10:00'), { step_id: 'acknowledge' })] });
    const d = decide(s, { kind: 'alert', status: 'firing', alert: alert.data.alert as never }, ctx());
    const t = d.turns.find((x) => x.fields?.step_id === 'rollback');
    expect(t?.text).toBe('A deploy of checkout (v2.14.0) went out 12 minutes before the alert. Can you roll back to the previous version before investigating further?');
  });
  it('does not ask about a deploy outside the window or after the alert', () => {
    for (const at of [T('08:30'), T('09:59')]) {
      const s = state({ now: T('10:00'), timeline: [deployEvent({ at }), alertEvent({ startsAt: T('09:58') })] });
      expect(decide(s, { kind: 'tick' }, ctx()).turns.some((x) => x.fields?.step_id === 'rollback')).toBe(false);
    }
  });
  it('treats a rollback action or a rollback step as done', () => {
    const timeline = [deployEvent({ at: T('09:46') }), alertEvent({ startsAt: T('09:58') })];
    const byAction = state({ now: T('10:01'), timeline, actions: [action({ kind: 'rollback', at: T('10:01') })] });
    const byStep = state({
      now: T('10:01'), timeline, plan: plan(['roll back checkout'], T('10:00'), { 1: T('10:01') }),
      actions: [action({ kind: 'step_done', at: T('10:01'), step: 1 })],
    });
    for (const s of [byAction, byStep]) expect(decide(s, { kind: 'tick' }, ctx()).turns.some((x) => x.fields?.step_id === 'rollback')).toBe(false);
  });
  it('uses the workspace items and conditions', () => {
    const s = state({ now: T('10:01'), incident: incident({ service: 'payments', severity: 'SEV3' }), turns: [past('missing_step', T('10:00'), { step_id: 'acknowledge' })] });
    const t = decide(s, { kind: 'tick' }, ctx(demo)).turns.find((x) => x.fields?.step_id === 'provider-status');
    expect(t?.text).toBe("Have you checked the payment provider's status page before digging into our code?");
  });
  it('stays quiet on what a person says', () => {
    const s = state({ now: T('11:00'), timeline: [deployEvent({ at: T('09:46') }), alertEvent({ startsAt: T('09:58') })] });
    expect(types(decide(s, { kind: 'say', from: 'a', text: 'the error rate is 5%' }, ctx()).turns)).not.toContain('missing_step');
  });
});

describe('E1 process', () => {
  it('lists every item with done and open marks', () => {
    const s = state({ now: T('10:05'), incident: incident({ status: 'acknowledged' }) });
    const [t] = decide(s, { kind: 'say', from: 'a', text: 'show me the process' }, ctx()).turns;
    expect(t?.type).toBe('process');
    expect(t?.text).toContain('- [x] Acknowledge the incident');
    expect(t?.text).toContain('- [ ] Keep notes');
    expect(t?.fields?.items).toHaveLength(5);
  });
});

describe('G4 colleague', () => {
  it('offers the owner with a stuck nudge and the runbook with a plan, once each', () => {
    const p = plan(['a', 'b'], T('10:00'));
    const onPlan = decide(state({ now: T('10:00'), plan: p }), { kind: 'plan', from: 'a', plan: p }, ctx(demo)).turns;
    expect(onPlan.find((t) => t.type === 'colleague')?.fields).toMatchObject({ kind: 'docs', url: 'https://runbooks.example.internal/checkout/high-error-rate' });
    const stuck = decide(state({ now: T('10:11'), plan: p }), { kind: 'tick' }, ctx(demo)).turns;
    expect(stuck.find((t) => t.type === 'colleague')?.text).toBe('checkout is owned by @shop/checkout-team, @maria (#checkout-oncall). Should we ping them to look with you?');
    const offered = state({ now: T('10:30'), plan: p, turns: [past('colleague', T('10:11'), { kind: 'owner', key: 'checkout' })] });
    expect(types(decide(offered, { kind: 'tick' }, ctx(demo)).turns)).not.toContain('colleague');
  });
  it('asks about documenting a finished step with a finding', () => {
    const a = action({ kind: 'step_done', at: T('10:10'), step: 1, text: 'shard 3 is slow' });
    const t = decide(state({ now: T('10:10'), plan: plan(['a']), actions: [a] }), { kind: 'action', from: 'a', action: a }, ctx()).turns;
    expect(t.find((x) => x.type === 'colleague')?.text).toBe('Step 1 is done: "shard 3 is slow". Should we document that in the notes or the runbook?');
  });
});

describe('G5 cross-check', () => {
  const timeline = [deployEvent({ at: T('09:46') }), alertEvent({ startsAt: T('09:58') })];
  const say = (text: string): TurnDraft[] => decide(state({ now: T('10:06'), timeline }), { kind: 'say', from: 'a', text }, ctx()).turns.filter((t) => t.type === 'cross_check');
  it('asks, without correcting, when a stated time disagrees', () => {
    const [t] = say('the checkout deploy went out at 10:05');
    expect(t?.text).toBe('I have checkout v2.14.0 deployed at 09:46 UTC, 19 minutes earlier than 10:05. Which time is right?');
  });
  it('accepts times within the tolerance and in am/pm form', () => {
    expect(say('deployed at 9:47am')).toEqual([]);
    expect(say('the alert fired at 09:58 UTC')).toEqual([]);
  });
  it('compares a time of day with the recorded event whatever day the incident is looked at', () => {
    const later = (text: string): TurnDraft[] => decide(state({ now: new Date('2026-11-22T12:00:00Z').toISOString(), timeline }), { kind: 'say', from: 'a', text }, ctx()).turns.filter((t) => t.type === 'cross_check');
    expect(later('the checkout deploy went out at 09:56')[0]?.text).toBe('I have checkout v2.14.0 deployed at 09:46 UTC, 10 minutes earlier than 09:56. Which time is right?');
    expect(later('deployed at 09:46')).toEqual([]);
    expect(say('the deploy went out at 23:50')[0]?.text).toMatch(/deployed at 09:46 UTC, 596 minutes later than 23:50/);
  });
  it('reads times on the incident day, and late-evening times before a midnight incident as the day before', () => {
    expect(statedTimes('at 9:46pm', new Date(T('22:00')))[0]?.at.toISOString()).toBe('2026-03-02T21:46:00.000Z');
    expect(statedTimes('at 23:50', new Date('2026-03-03T00:10:00Z'))[0]?.at.toISOString()).toBe('2026-03-02T23:50:00.000Z');
  });
});

describe('H1 improve', () => {
  const alert = alertEvent({ startsAt: T('09:58'), labels: { service: 'checkout' } });
  const run = (query: string, from: string): TurnDraft[] => {
    const a = action({ kind: 'query_run', at: T('10:05'), payload: { query, range: { from, to: T('10:05') } } });
    return decide(state({ now: T('10:05'), timeline: [alert], plan: plan(['a']), actions: [a] }), { kind: 'action', from: 'a', action: a }, ctx()).turns
      .filter((t) => t.type === 'improve');
  };
  it('suggests starting 5 minutes before the alert first, and only one thing', () => {
    const t = run('rate(x[5m])', T('10:00'));
    expect(t).toHaveLength(1);
    expect(t[0]?.fields?.suggest).toEqual({ range: { from: '2026-03-02T09:53:00Z', to: T('10:05') } });
  });
  it('then suggests a matcher for the service, and nothing once both are right', () => {
    expect(run('rate(x[5m])', T('09:50'))[0]?.fields?.suggest).toEqual({ matcher: { label: 'service', value: 'checkout' } });
    expect(run('rate(x{service="checkout"}[5m])', T('09:50'))).toEqual([]);
  });
});

describe('G6 no offers to carry on', () => {
  it('no turn text invites continuing, a next hint or doing it', () => {
    const texts = [
      ...decide(state({ now: T('10:30'), plan: plan(['a', 'b']), timeline: [deployEvent({ at: T('09:46') }), alertEvent({ startsAt: T('09:58') })] }), { kind: 'tick' }, ctx(demo)).turns,
      ...decide(state({ now: T('10:00') }), { kind: 'opened' }, ctx(demo)).turns,
    ].map((t) => JSON.stringify(t));
    for (const t of texts) expect(t).not.toMatch(/continue|next hint|do it/i);
  });
});
