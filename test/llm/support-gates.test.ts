import { describe, expect, it } from 'vitest';
import { gateSupportAnswer, timesIn } from '../../coach/llm/index.ts';
import { groundingText } from '../../coach/llm/support-gates.ts';
import { FACTS, GOOD_DRAFT } from './support-fixtures.ts';

const keys = (text: string) => timesIn(text).map((t) => t.key);

describe('timesIn', () => {
  it.each([
    ['fixed by 14:30 UTC', ['14:30']],
    ['around 2:30 pm or 9 a.m.', ['14:30', '09:00']],
    ['at 12 am', ['00:00']],
    ['within 30 minutes', ['30 minute']],
    ['in half an hour, maybe 2-3 hours', ['0.5 hour', '2 hour', '3 hour']],
    ['in a few minutes or an hour', ['some minute', '1 hour']],
    ['back in 2h', ['2 hour']],
  ])('%s', (text, expected) => {
    expect(keys(text)).toEqual(expected);
  });

  it.each(['take a second look', 'version v1.4.2 on SEV2', 'the 5xx rate is 12%', 'hours of operation'])('finds nothing in %s', (text) => {
    expect(keys(text)).toEqual([]);
  });

  it('reads the clock times inside ISO timestamps of the facts', () => {
    expect(keys(groundingText(FACTS, null))).toEqual(expect.arrayContaining(['10:02', '10:01', '10:45', '11:15']));
  });
});

describe('gateSupportAnswer', () => {
  const grounding = groundingText(FACTS, null);

  it('accepts an answer whose times are all in the facts', () => {
    expect(gateSupportAnswer(GOOD_DRAFT, grounding, 'draft')).toBeNull();
  });

  it('takes times from the responder’s reply too', () => {
    const answer = { ...GOOD_DRAFT, customer: 'Expected done by 12:30.' };
    expect(gateSupportAnswer(answer, grounding, 'draft')).toMatch(/"12:30"/);
    expect(gateSupportAnswer(answer, groundingText(FACTS, 'done by 12:30 hopefully'), 'draft')).toBeNull();
  });

  it('ignores the support note in a rewrite, where it is empty', () => {
    expect(gateSupportAnswer({ ...GOOD_DRAFT, support: '' }, grounding, 'rewrite')).toBeNull();
    expect(gateSupportAnswer({ ...GOOD_DRAFT, support: '' }, grounding, 'draft')).toBe('the support text is empty');
  });

  it.each([
    [{ missing: ['ETA', 'when'] }, '"when" is not a fact the workflow knows (ETA, impact, workaround, data safety, cause)'],
    [{ asks: Array.from({ length: 7 }, () => 'Why?') }, '7 asks, over 6'],
    [{ asks: ['x'.repeat(301)] }, 'an ask is over 300 characters'],
    [{ asks: [' '] }, 'an ask is empty'],
    [{ partner: 'Owner is [EMAIL].' }, 'the partner text would show a redacted placeholder'],
  ])('rejects %o', (change, reason) => {
    expect(gateSupportAnswer({ ...GOOD_DRAFT, ...change }, grounding, 'draft')).toBe(reason);
  });
});
