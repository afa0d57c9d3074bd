// The conversation interleaves what people said (their `say` actions) with the coach's turns, in time
// order; at equal times the person comes first, since the turn answers them.
import type { Action, Turn } from '../api/index.ts';

export type Entry = { kind: 'person'; key: string; at: string; action: Action } | { kind: 'turn'; key: string; at: string; turn: Turn };

export function conversation(turns: Turn[], actions: Action[]): Entry[] {
  const entries: Entry[] = [
    ...actions.filter((a) => a.kind === 'say' && a.text).map((a): Entry => ({ kind: 'person', key: `a${a.id}`, at: a.at, action: a })),
    ...turns.map((t): Entry => ({ kind: 'turn', key: `t${t.id}`, at: t.at, turn: t })),
  ];
  const rank = (e: Entry): number => (e.kind === 'person' ? 0 : 1);
  const id = (e: Entry): number => (e.kind === 'person' ? e.action.id : e.turn.id);
  return entries.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b) || id(a) - id(b));
}

export const PHASE_LABELS: Record<Turn['phase'], string> = {
  explain: 'Explain',
  demonstrate: 'Demonstrate',
  guide: 'Guide',
  enhance: 'Enhance',
};

export function engineLabel(turn: Turn): string {
  const base = turn.engine === 'offline' ? 'offline engine' : turn.engine;
  return turn.fallback ? `${base} (model unavailable: ${turn.fallback})` : base;
}
