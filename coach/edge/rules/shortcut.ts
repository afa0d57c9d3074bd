// H2: a compound action the same person keeps doing (run a query → open it in Grafana; open a trace → copy
// its id) is offered as a one-click shortcut the next time they start it. An offer, never a button pressed.
import { linkHasQuery, linkTarget } from '../../learning/enhance/index.ts';
import type { Action, TurnDraft } from '../../types.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

interface Compound {
  id: string;
  first: string;
  /** Whether `next` completes the compound begun by `first`; returns the variant (grafana/prometheus…). */
  then(next: Action, first: Action): string | null;
  label(variant: string): string;
  on: string;
  text(variant: string): string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const queryOf = (a: Action): string => str(a.payload.query) || a.text;
const urlOf = (a: Action): string => str(a.payload.url) || a.text;
const traceOf = (a: Action): string => str(a.payload.trace_id) || str(a.payload.traceId) || str(a.payload.value) || a.text;
const tool = (v: string): string => (v === 'grafana' ? 'Grafana' : 'Prometheus');

export const COMPOUNDS: Compound[] = [
  {
    id: 'run_and_open', first: 'query_run', on: 'query_card',
    then(next, first) {
      if (next.kind !== 'link_opened') return null;
      const target = linkTarget(urlOf(next));
      const same = linkHasQuery(urlOf(next), queryOf(first)) || (str(next.payload.query) !== '' && str(next.payload.query) === queryOf(first));
      return target && same ? target : null;
    },
    label: (v) => `Run and open in ${tool(v)}`,
    text: (v) => `You often open your queries in ${tool(v)} right after running them. Want a 'Run and open in ${tool(v)}' button on query cards?`,
  },
  {
    id: 'open_trace_copy_id', first: 'trace_opened', on: 'trace_card',
    then(next, first) {
      if (next.kind === 'trace_id_copied') return 'trace';
      if (next.kind !== 'copy') return null;
      const id = traceOf(first);
      return str(next.payload.what) === 'trace_id' || (id !== '' && traceOf(next) === id) ? 'trace' : null;
    },
    label: () => 'Copy trace id',
    text: () => "You often copy the trace id right after opening a trace. Want a 'Copy trace id' button on trace cards?",
  },
];

/** How many times, before `before`, the person did `first` and then completed it within the window, by variant. */
function completions(mine: Action[], c: Compound, windowMs: number, beforeId: number): Map<string, number> {
  const counts = new Map<string, number>();
  mine.forEach((a, i) => {
    if (a.kind !== c.first || a.id >= beforeId) return;
    for (const next of mine.slice(i + 1)) {
      if (next.id >= beforeId || Date.parse(next.at) - Date.parse(a.at) > windowMs) break;
      if (next.kind === c.first) break;
      const v = c.then(next, a);
      if (v) {
        counts.set(v, (counts.get(v) ?? 0) + 1);
        break;
      }
    }
  });
  return counts;
}

export function shortcut(s: IncidentState, ctx: PolicyContext, from: string, action: Action): TurnDraft | null {
  const c = COMPOUNDS.find((x) => x.first === action.kind);
  if (!c) return null;
  const mine = s.actions.filter((a) => a.actor === from);
  const counts = completions(mine, c, ctx.config.shortcutWindowMinutes * 60_000, action.id);
  const [variant, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  if (!variant || n < ctx.config.shortcutRepeats) return null;
  const steps = c.id === 'run_and_open' ? ['query_run', 'link_opened'] : ['trace_opened', 'trace_id_copied'];
  const id = c.id === 'run_and_open' ? `run_and_open_${variant}` : c.id;
  return {
    phase: 'enhance', type: 'shortcut', rule: 'H2', text: c.text(variant),
    fields: {
      action_id: action.id, steps, times: n,
      shortcut: { id, label: c.label(variant), on: c.on },
      suggestion: { kind: 'shortcut', key: id },
    },
  };
}
