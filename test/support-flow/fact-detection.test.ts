// Which facts a support question asks for and a responder's reply states, scored on three sets written
// by people who had not read the detector (test/support/fact-detection-blind*.md). The floors sit a little
// under the measured figures (docs/support.md): they catch a regression, they are not a target to tune to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { askedFacts, statedFacts } from '../../coach/support/fact-words.ts';

interface Line { id: string; question?: string; asks?: string[]; reply?: string; states?: string[] }

function exact(file: string): { questions: number; replies: number } {
  const lines = readFileSync(new URL(`../support/${file}`, import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
  const same = (a: string[], b: string[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  const qs = lines.filter((l) => l.question !== undefined);
  const rs = lines.filter((l) => l.reply !== undefined);
  return {
    questions: qs.filter((l) => same(askedFacts(l.question ?? ''), l.asks ?? [])).length / qs.length,
    replies: rs.filter((l) => same(statedFacts(l.reply ?? ''), l.states ?? [])).length / rs.length,
  };
}

describe('support fact detection', () => {
  it.each([
    ['fact-detection-blind.jsonl', 0.9, 0.8],
    ['fact-detection-blind-2.jsonl', 0.6, 0.45],
    ['fact-detection-blind-3.jsonl', 0.65, 0.55],
  ])('%s: exact match on questions ≥ %s and replies ≥ %s', (file, q, r) => {
    const s = exact(file);
    expect(s.questions).toBeGreaterThanOrEqual(q);
    expect(s.replies).toBeGreaterThanOrEqual(r);
  });

  it('does not count a fact mentioned only to say it is not known', () => {
    expect(statedFacts('no eta yet, still digging')).toEqual([]);
    expect(statedFacts('root cause unknown for now')).toEqual([]);
    expect(statedFacts('there is no workaround, clearing cache won\'t help')).toEqual([]);
    expect(statedFacts('back in 20 mins, nothing lost')).toEqual(['ETA', 'data safety']);
  });

  it('reads only questions as asking', () => {
    expect(askedFacts('thanks everyone, great work')).toEqual([]);
    expect(askedFacts('is everyone affected? and when is it back?')).toEqual(['ETA', 'impact']);
  });
});
