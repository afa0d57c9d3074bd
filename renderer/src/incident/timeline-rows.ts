// The timeline a person reads is the incident's recorded events (opened, alerts, deploys, status, roles,
// plans) merged with the action log (queries run, links opened, notes, steps, what people said), in time
// order. Actions whose effect already has its own timeline event are not repeated.
import type { Action, TimelineEvent } from '../api/index.ts';

export interface TimelineRow {
  key: string;
  at: string;
  /** CSS hook and label: an event kind, or "act-<kind>" for actions. */
  kind: string;
  label: string;
  summary: string;
}

const EVENT_LABELS: Record<string, string> = {
  opened: 'Opened',
  alert_firing: 'Alert',
  alert_resolved: 'Resolved',
  deploy: 'Deploy',
  status: 'Status',
  role: 'Role',
  plan: 'Plan',
  note: 'Note',
  action: 'Action',
};

const ON_TIMELINE_ALREADY = new Set(['plan', 'status', 'role']);

function describeAction(a: Action): { label: string; summary: string } {
  const step = a.step ? ` ${a.step}` : '';
  const text = a.text ? `: ${a.text}` : '';
  switch (a.kind) {
    case 'query_run': return { label: 'Query', summary: `${a.actor} ran${text}` };
    case 'link_opened': return { label: 'Link', summary: `${a.actor} opened${text}` };
    case 'note': return { label: 'Note', summary: `${a.actor}${text}` };
    case 'say': return { label: 'Said', summary: `${a.actor}${text}` };
    case 'ack': return { label: 'Ack', summary: `${a.actor} acknowledged${text}` };
    case 'step_done': return { label: 'Step', summary: `${a.actor} finished step${step}${text}` };
    case 'step_reopened': return { label: 'Step', summary: `${a.actor} reopened step${step}${text}` };
    case 'step_dropped': return { label: 'Step', summary: `${a.actor} dropped step${step}${text}` };
    default: return { label: 'Action', summary: `${a.actor} ${a.kind.replace(/_/g, ' ')}${text}` };
  }
}

export function timelineRows(events: TimelineEvent[], actions: Action[]): TimelineRow[] {
  const rows: (TimelineRow & { order: number; id: number })[] = events.map((e) => ({
    key: `e${e.id}`, at: e.at, kind: e.kind, label: EVENT_LABELS[e.kind] ?? e.kind, summary: e.summary, order: 0, id: e.id,
  }));
  for (const a of actions) {
    if (ON_TIMELINE_ALREADY.has(a.kind)) continue;
    const d = describeAction(a);
    rows.push({ key: `a${a.id}`, at: a.at, kind: `act-${a.kind}`, label: d.label, summary: d.summary, order: 1, id: a.id });
  }
  rows.sort((x, y) => x.at.localeCompare(y.at) || x.order - y.order || x.id - y.id);
  return rows;
}
