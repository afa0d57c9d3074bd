// H1: after a person runs a query, one incremental improvement: widen the range to before the alert, or
// filter to the affected service. The suggestion is structured so a front end can apply it in one click.
import type { Action, TurnDraft } from '../../types.ts';
import { allAlerts, alertStart } from '../facts.ts';
import { clock } from '../times.ts';
import type { IncidentState } from '../types.ts';

const LEAD_MS = 5 * 60_000;

function rangeOf(a: Action): { from: string; to: string } | null {
  const r = a.payload.range as { from?: unknown; to?: unknown } | undefined;
  return r && typeof r.from === 'string' && typeof r.to === 'string' ? { from: r.from, to: r.to } : null;
}

/** Whether any `{…}` matcher in the query names the service, in any label. */
export function filtersOn(query: string, service: string): boolean {
  const esc = service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\{[^}]*\\b[\\w.]+\\s*(=|=~)\\s*"[^"]*${esc}[^"]*"`, 'i').test(query);
}

/** The label the team's alerts use for a service: `service`, else `job`, else `app`. */
function serviceLabel(s: IncidentState): string {
  const labels = allAlerts(s).flatMap((a) => Object.keys(a.labels));
  return ['service', 'job', 'app'].find((l) => labels.includes(l)) ?? 'service';
}

export function improve(s: IncidentState, action: Action): TurnDraft | null {
  if (action.kind !== 'query_run') return null;
  const query = typeof action.payload.query === 'string' ? action.payload.query : '';
  const range = rangeOf(action);
  const start = alertStart(s);
  if (range && start) {
    const from = Date.parse(start) - LEAD_MS;
    if (Date.parse(range.from) > from) {
      const iso = new Date(from).toISOString().replace('.000Z', 'Z');
      return {
        phase: 'enhance', type: 'improve', rule: 'H1',
        fields: { action_id: action.id, suggest: { range: { from: iso, to: range.to } }, suggestion: { kind: 'improve', key: `action:${action.id}` } },
        text: `Start the range 5 minutes before the alert fired (${clock(iso)}), so you see the before and after.`,
      };
    }
  }
  const service = s.incident.service;
  if (query && service && !filtersOn(query, service)) {
    const label = serviceLabel(s);
    return {
      phase: 'enhance', type: 'improve', rule: 'H1',
      fields: { action_id: action.id, suggest: { matcher: { label, value: service } }, suggestion: { kind: 'improve', key: `action:${action.id}` } },
      text: `Add {${label}="${service}"} to the query, so it only counts the affected service.`,
    };
  }
  return null;
}
