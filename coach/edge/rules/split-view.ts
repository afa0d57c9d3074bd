// H3: a person who keeps looking at one service and then another is comparing them: offer a split view.
import { servicesNamed } from '../../learning/enhance/index.ts';
import type { Action, TurnDraft } from '../../types.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

const LOOKS = new Set(['query_run', 'link_opened']);

function looked(a: Action): { service: string; query: string } | null {
  const q = typeof a.payload.query === 'string' ? a.payload.query : '';
  const url = typeof a.payload.url === 'string' ? a.payload.url : '';
  const [service, ...more] = servicesNamed(`${q} ${url} ${q || url ? '' : a.text}`);
  // A query naming two services at once compares nothing by hand.
  return service && more.length === 0 ? { service, query: q || url || a.text } : null;
}

export function splitView(s: IncidentState, ctx: PolicyContext, from: string, action: Action): TurnDraft | null {
  if (!LOOKS.has(action.kind)) return null;
  const windowMs = ctx.config.compareWindowMinutes * 60_000;
  const mine = s.actions.filter((a) => a.actor === from && LOOKS.has(a.kind) && a.id <= action.id)
    .map((a) => ({ a, l: looked(a) })).filter((x): x is { a: Action; l: { service: string; query: string } } => x.l !== null);
  const last = mine.at(-1);
  const prev = mine.at(-2);
  if (!last || !prev || last.a.id !== action.id || last.l.service === prev.l.service) return null;
  if (Date.parse(last.a.at) - Date.parse(prev.a.at) > windowMs) return null;
  const pair = [prev.l.service, last.l.service].sort() as [string, string];
  let times = 0;
  const queries = new Map<string, string>();
  for (let i = 1; i < mine.length; i++) {
    const x = mine[i - 1] as (typeof mine)[number];
    const y = mine[i] as (typeof mine)[number];
    const p = [x.l.service, y.l.service].sort();
    if (p[0] === pair[0] && p[1] === pair[1] && x.l.service !== y.l.service && Date.parse(y.a.at) - Date.parse(x.a.at) <= windowMs) {
      times++;
      queries.set(x.l.service, x.l.query);
      queries.set(y.l.service, y.l.query);
    }
  }
  if (times < ctx.config.compareRepeats) return null;
  const [a, b] = pair;
  return {
    phase: 'enhance', type: 'split_view', rule: 'H3',
    text: `You keep switching between ${a} and ${b}. Compare ${a} and ${b} side by side in a split view?`,
    fields: {
      action_id: action.id, services: pair, times, queries: pair.map((svc) => queries.get(svc) ?? ''),
      suggestion: { kind: 'split_view', key: pair.join('|') },
    },
  };
}
