// The process checklist of an incident: each guide item with whether it applies and whether it is done (E1, E2).
import type { Action } from '../types.ts';
import { evaluate, type ProcessItem } from '../workspace/index.ts';
import { conditionFacts } from './facts.ts';
import type { IncidentState, PolicyContext } from './types.ts';

export interface ChecklistItem {
  item: ProcessItem;
  applies: boolean;
  done: boolean;
}

const mentionsRollback = /\b(roll(ed|ing)?[ -]?back|revert(ed)?)\b/i;

/** How the built-in items become done without anyone ticking them: from the actions people take. */
const builtInDone: Record<string, (s: IncidentState, a: Action[]) => boolean> = {
  acknowledge: (s, a) => s.incident.status !== 'open' || a.some((x) => x.kind === 'ack'),
  roles: (s, a) => a.some((x) => x.kind === 'role') || s.timeline.some((e) => e.kind === 'role'),
  rollback: (s, a) =>
    a.some((x) => x.kind === 'rollback') ||
    a.some((x) => x.kind === 'step_done' &&
      (mentionsRollback.test(x.text) || mentionsRollback.test(s.plan?.steps.find((st) => st.n === x.step)?.text ?? ''))),
  comms: (_s, a) => a.some((x) => x.kind === 'comms' || x.kind === 'status_page'),
  notes: (s, a) => s.notes.length > 0 || a.some((x) => x.kind === 'note'),
};

export function isDone(item: ProcessItem, s: IncidentState): boolean {
  const a = s.actions;
  if (builtInDone[item.id]?.(s, a)) return true;
  return a.some((x) =>
    item.doneBy.includes(x.kind) || (x.kind === 'item_done' && (x.payload.item === item.id || x.text.trim() === item.id)));
}

export function checklist(s: IncidentState, ctx: PolicyContext): ChecklistItem[] {
  const facts = conditionFacts(s, ctx);
  return ctx.workspace.process.items.map((item) => ({ item, applies: evaluate(item.when, facts), done: isDone(item, s) }));
}
