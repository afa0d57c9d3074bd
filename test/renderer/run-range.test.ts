import { describe, expect, it } from 'vitest';
import { rangeFor } from '../../renderer/src/query/run-range.ts';

const now = Date.parse('2026-03-02T10:00:00.000Z');

describe('the time window a person picks for Run', () => {
  it('is an instant query for "now"', () => {
    expect(rangeFor('instant', now)).toBeUndefined();
  });

  it.each(['15m', '1h', '6h'] as const)('%s ends exactly now, on a whole number of steps, with about 120 points', (choice) => {
    const r = rangeFor(choice, now)!;
    expect(Date.parse(r.to)).toBe(now);
    const span = (Date.parse(r.to) - Date.parse(r.from)) / 1000;
    expect(span % r.step).toBe(0);
    expect(span / r.step).toBeGreaterThanOrEqual(100);
    expect(span / r.step).toBeLessThanOrEqual(135);
  });

  it('uses the card\'s suggested window when asked', () => {
    const r = rangeFor('card', now, { from: '2026-03-02T09:53:00.000Z', to: '2026-03-02T10:05:00.000Z' })!;
    expect(r.to).toBe('2026-03-02T10:05:00.000Z');
    expect(Date.parse(r.from)).toBeLessThanOrEqual(Date.parse('2026-03-02T09:53:00.000Z'));
  });
});
