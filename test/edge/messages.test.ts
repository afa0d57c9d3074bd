// Every message gets an EDGE response (issue: understanding people on unseen phrasings). Messages are
// generated from parts (openers, bodies, closers, typos, case, punctuation), so the properties hold for
// phrasings nobody wrote down, and run through the pure policy with and without a plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, decide } from '../../coach/edge/index.ts';
import type { TurnDraft } from '../../coach/types.ts';
import { T, ctx, incident, plan, state } from './helpers.ts';

const decisionFor = (text: string, withPlan: boolean): ReturnType<typeof decide> =>
  decide(state({ now: T('10:20'), ...(withPlan ? { plan: plan(['check the error rate', 'look at the last deploy']) } : {}) }), { kind: 'say', from: 'alice', text }, ctx());
const turnsFor = (text: string, withPlan: boolean): TurnDraft[] => decisionFor(text, withPlan).turns;

/** Sloppy typing: case, a doubled letter, a dropped letter, trailing punctuation. */
function sloppy(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.constantFrom('none', 'upper', 'lower', 'double', 'drop'), fc.constantFrom('', '', '!', '?', '...', ' pls', ' 🙏'), fc.nat(40))
    .map(([s, how, end, at]) => {
      let t = s;
      const words = t.split(' ');
      const i = at % words.length;
      const w = words[i] ?? '';
      if (how === 'upper') t = t.toUpperCase();
      if (how === 'lower') t = t.toLowerCase();
      if (how === 'double' && w.length > 4) words[i] = w.slice(0, 2) + (w[2] ?? '') + w.slice(2);
      if (how === 'drop' && w.length > 5) words[i] = w.slice(0, 3) + w.slice(4);
      if (how === 'double' || how === 'drop') t = words.join(' ');
      return `${t}${end}`;
    });
}

const opener = fc.constantFrom('', 'ok ', 'hey ', 'mentat, ', 'look, ', 'come on ', 'honestly ', 'can you ', 'could you please ', 'please ');
const DEMANDS = sloppy(fc.tuple(opener, fc.constantFrom(
  'just tell me what is wrong', 'give me the fix', 'stop asking questions and do it', 'tell me the root cause', 'what is the problem',
  'just give me the answer', 'fix it for me', 'send me the solution', 'whats wrong with it', 'what is going on', 'solve this',
  'just do it', 'give me the answer already', 'tell me what the cause is', 'what went wrong',
)).map(([o, b]) => `${o}${b}`));
const PLEAS = sloppy(fc.tuple(fc.constantFrom('', 'sorry ', 'ugh ', 'honestly ', 'omg '), fc.constantFrom(
  'im stuck', 'i am lost', 'no idea where to start', 'i dont know what im doing', 'nothing makes sense', 'help',
  'i cant figure this out', 'totally confused', 'i have no clue', 'i am not understand', 'i am new here and lost',
)).map(([o, b]) => `${o}${b}`));
const PUNCTUATION = fc.array(fc.constantFrom('?', '!', '.', '…', '?!'), { minLength: 1, maxLength: 5 }).map((xs) => xs.join(''));
const ANY = fc.oneof(
  DEMANDS, PLEAS, PUNCTUATION,
  fc.constantFrom('5xx rate', 'p99 checkout', 'cpu usage by mode', 'memory used', 'top 3 handlers by request rate', 'db looks fine',
    'i restarted the pod', 'the deploy went out at 10:05', 'checked the dashboards, nothing there', 'error rate?', 'latency by route'),
  fc.string({ minLength: 1, maxLength: 40 }),
);

describe('every message gets an EDGE response', () => {
  it('any non-empty message other than thanks gets at least one turn, with or without a plan', () => {
    fc.assert(fc.property(ANY, fc.boolean(), (text, withPlan) => {
      const intent = classify(text);
      fc.pre(text.trim() !== '' && intent !== 'thanks' && intent !== 'empty');
      // A question after a plan is answered by the demonstrator, whose fallback (a link or a decline) is always a turn.
      const d = decisionFor(text, withPlan);
      expect(d.turns.length > 0 || (d.demonstrate !== undefined && d.demonstrate.fallback.length > 0)).toBe(true);
    }), { numRuns: 400 });
  });

  it('a demand for the answer gets only a request for the person\'s thinking (G1)', () => {
    fc.assert(fc.property(DEMANDS, fc.boolean(), (text, withPlan) => {
      const turns = turnsFor(text, withPlan);
      expect(turns.map((t) => t.type)).toEqual(['ask_plan']);
    }), { numRuns: 300 });
  });

  it('a plea or a line of punctuation gets only "what are you stuck on?" (G2)', () => {
    fc.assert(fc.property(fc.oneof(PLEAS, PUNCTUATION), fc.boolean(), (text, withPlan) => {
      const turns = turnsFor(text, withPlan);
      expect(turns.map((t) => t.type)).toEqual(['clarify']);
      expect(turns[0]?.text).toMatch(/stuck on\?|stuck on:/);
    }), { numRuns: 300 });
  });

  it('short fragments that name what to look at are questions', () => {
    for (const q of ['5xx rate', 'cpu usage by mode', 'memory used', 'top 3 handlers by request rate', 'p99 latency checkout', 'disk iops'])
      expect(classify(q), q).toBe('question');
    for (const s of ['i restarted the pod', 'the db looks fine', 'we rolled back']) expect(classify(s), s).toBe('statement');
  });

  it('thanks in the words people use need no turn', () => {
    for (const t of ['thanks', 'thx, that was it', 'merci', 'ok my bad, thank you', '👍', 'cheers all']) {
      expect(classify(t), t).toBe('thanks');
      expect(turnsFor(t, true)).toEqual([]);
    }
  });
});

describe('G5 checks a stated time against every recorded time', () => {
  const base = { now: T('10:40'), plan: plan(['check the error rate']) };
  const alert = { kind: 'alert_firing', id: 1, incidentId: 1, at: T('10:20'), summary: 'CheckoutErrors firing', dedupeKey: null,
    data: { alert: { name: 'CheckoutErrors', service: 'checkout', startsAt: T('10:20'), labels: {}, annotations: {} } } };
  const acked = { kind: 'status', id: 2, incidentId: 1, at: T('10:25'), summary: 'bob set the status to acknowledged', dedupeKey: null, data: { from: 'open', to: 'acknowledged', by: 'bob' } };
  const say = (text: string, timeline: object[]): TurnDraft[] =>
    decide(state({ ...base, incident: incident({ openedAt: T('10:20') }), timeline: timeline as never }), { kind: 'say', from: 'alice', text }, ctx()).turns.filter((t) => t.type === 'cross_check');

  it('when the problem started, against the alert start', () => {
    expect(say('it started at 10:05', [alert])[0]?.fields).toMatchObject({ subject: 'alert', recorded: T('10:20') });
    expect(say('it started at 10:20', [alert])).toEqual([]);
  });
  it('an acknowledgement, against the recorded one, or, when none is recorded, against the alert and the opening', () => {
    expect(say('bob acked it at 10:10', [alert, acked])[0]?.fields).toMatchObject({ subject: 'acknowledged', recorded: T('10:25') });
    expect(say('bob acked it at 10:25', [alert, acked])).toEqual([]);
    expect(say('i acknowledged the page at 10:02', [alert])[0]?.text).toMatch(/CheckoutErrors starting at 10:20 UTC.*Which time is right\?/);
  });
  it('the hour written as Europe writes it', () => {
    expect(say('the alert fired at 10h05', [alert])[0]?.fields).toMatchObject({ subject: 'alert' });
  });
});
