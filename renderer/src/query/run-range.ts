// The time window a person picks for Run. "Now" is an instant query; the others are range queries
// with about 120 points, enough for a small chart without asking Prometheus for too much.
import type { RunRequest } from '../api/index.ts';

export type RangeChoice = 'instant' | '15m' | '1h' | '6h' | 'card';

export const RANGE_LABELS: Record<RangeChoice, string> = {
  instant: 'Now (instant)',
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  card: 'Suggested window',
};

const SPAN_MS: Record<'15m' | '1h' | '6h', number> = { '15m': 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000 };

/** The window to run over; the step is whole seconds. Undefined means an instant query. */
export type RunRange = NonNullable<RunRequest['range']> & { step: number };

export function rangeFor(choice: RangeChoice, now: number, card?: { from: string; to: string }): RunRange | undefined {
  if (choice === 'instant') return undefined;
  const [start, to] = choice === 'card' && card ? [Date.parse(card.from), Date.parse(card.to)] : [now - SPAN_MS[choice === 'card' ? '1h' : choice], now];
  const step = Math.max(1, Math.round((to - start) / 1000 / 120));
  // Prometheus evaluates at from, from+step, …; starting on a whole number of steps before `to` makes the
  // last point `to` itself, so the chart ends on the value the person is looking at now.
  const from = to - Math.ceil((to - start) / 1000 / step) * step * 1000;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), step };
}
