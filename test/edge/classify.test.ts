import { describe, expect, it } from 'vitest';
import { classify } from '../../coach/edge/index.ts';
import { editDistance } from '../../coach/edge/words.ts';

describe('classify', () => {
  it.each([
    'im stuk pls help', 'stuckk', 'halp', 'HELP!!!', 'help me', 'pls hlep im so lost', 'no idea', 'heeelp', 'i am confused',
    "i'm completely stuck, please help??", 'sos',
  ])('reads %j as a vague request for help', (text) => expect(classify(text)).toBe('vague_help'));

  it.each([
    'what should I do?', 'ok what next?', 'wat shoud i do', 'whats next', 'now what', 'where do I start?', 'next step?',
  ])('reads %j as what-next', (text) => expect(classify(text)).toBe('what_next'));

  it.each(['show me the process', "what's our process?", 'whats our proccess', 'checklist', 'show the checklist please'])(
    'reads %j as a request for the process', (text) => expect(classify(text)).toBe('show_process'));

  it.each([
    ['who owns payments?', 'owner_question'],
    ['thanks!', 'thanks'],
    ['ok cool', 'thanks'],
    ['how do I see p99 latency for checkout?', 'question'],
    ["I'm stuck on the database query for slow checkouts", 'statement'],
    ['show error rate by route', 'question'],
    ['the checkout deploy went out at 10:05', 'statement'],
    ['   ', 'empty'],
  ])('reads %j as %s', (text, intent) => expect(classify(text)).toBe(intent));

  it('a specific question with help words is not vague', () => {
    expect(classify('help me find the checkout error rate')).not.toBe('vague_help');
  });

  it('measures edits, transpositions included', () => {
    expect(editDistance('hlep', 'help')).toBe(1);
    expect(editDistance('stuk', 'stuck')).toBe(1);
    expect(editDistance('checkout', 'search', 2)).toBe(3);
  });
});
