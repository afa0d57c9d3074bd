// The customer-safe check on three corpora of responder replies written by people who had not read the
// detector (test/support/customer-safe-corpus*.md). Every marked span must be found and scrubbed away;
// no safe line may be flagged. Corpus 3 was scored once, after the last change, and never tuned to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findUnsafe, scrub } from '../../coach/support/index.ts';

interface Line { id: string; reply: string; unsafe: { kind: string; text: string }[] }

const load = (n: string): Line[] => readFileSync(new URL(`../support/customer-safe-corpus${n}.jsonl`, import.meta.url), 'utf8')
  .trim().split('\n').map((l) => JSON.parse(l) as Line);

function score(lines: Line[]): { spans: number; found: number; leaked: string[]; falseAlarms: string[]; missed: string[] } {
  let spans = 0;
  let found = 0;
  const leaked: string[] = [];
  const falseAlarms: string[] = [];
  const missed: string[] = [];
  for (const l of lines) {
    const hits = findUnsafe(l.reply);
    if (l.unsafe.length === 0 && hits.length) falseAlarms.push(`${l.id}: ${hits.map((h) => h.text).join(', ')}`);
    const clean = scrub(l.reply).text;
    for (const u of l.unsafe) {
      spans++;
      const start = l.reply.indexOf(u.text);
      const end = start + u.text.length;
      const cover = hits.filter((h) => h.start < end && h.end > start);
      if (cover.length && Math.min(...cover.map((h) => h.start)) <= start && Math.max(...cover.map((h) => h.end)) >= end) found++;
      else missed.push(`${l.id} ${u.kind}: ${u.text}`);
      if (clean.includes(u.text)) leaked.push(`${l.id} ${u.kind}: ${u.text}`);
    }
    // What the scrub leaves is itself safe.
    expect(findUnsafe(clean), `${l.id} after scrub`).toEqual([]);
  }
  return { spans, found, leaked, falseAlarms, missed };
}

describe('customer-safe text on blind corpora', () => {
  it.each(['', '-2'])('corpus%s: every span found and scrubbed, no safe line flagged', (n) => {
    const lines = load(n);
    expect(lines.length).toBeGreaterThanOrEqual(70);
    const s = score(lines);
    expect(s.missed).toEqual([]);
    expect(s.leaked).toEqual([]);
    expect(s.falseAlarms).toEqual([]);
  });

  it('corpus-3 (held out): at least 92% of spans found, none of its safe lines flagged', () => {
    const lines = load('-3');
    const s = score(lines);
    expect(s.spans).toBeGreaterThanOrEqual(100);
    expect(s.found / s.spans).toBeGreaterThanOrEqual(0.92);
    expect(s.leaked.length / s.spans).toBeLessThanOrEqual(0.05);
    expect(s.falseAlarms).toEqual([]);
  });

  it('names each kind, so a refusal can say what is wrong', () => {
    const kinds = (t: string): string[] => findUnsafe(t).map((h) => h.kind);
    expect(kinds('down on db-7.prod.internal')).toEqual(['hostname']);
    expect(kinds('from 10.0.4.12 and fe80::1')).toEqual(['ip', 'ip']);
    expect(kinds('pod checkout-7d9f8b6c5-x2k4q restarted')).toEqual(['pod']);
    expect(kinds('arn:aws:rds:eu-west-1:123456789012:db:orders')).toEqual(['arn']);
    expect(kinds('call maria@shop.example or +44 20 7946 0958')).toEqual(['email', 'phone']);
    expect(kinds('token=ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toEqual(['secret']);
    expect(kinds('got ECONNREFUSED')).toEqual(['error_string']);
    expect(kinds('We expect checkout back by 14:30 UTC; 3% of orders were slow on v2.3.1.')).toEqual([]);
  });
});
