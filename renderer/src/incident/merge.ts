// Folding what the server reports into the view on screen. Changes may arrive twice (the answer to our
// own request and the event stream both carry them), so every merge is by id and idempotent.
import type { CoachChange, HandleResult, IncidentView, Suggestion } from '../api/index.ts';

function upsert<T extends { id: number }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i === -1) {
    const last = list[list.length - 1];
    // Appends keep id order, which is arrival order on the server.
    if (!last || last.id < item.id) return [...list, item];
    return [...list, item].sort((a, b) => a.id - b.id);
  }
  const next = list.slice();
  next[i] = item;
  return next;
}

export function applyChange(view: IncidentView, change: CoachChange): IncidentView {
  switch (change.type) {
    case 'incident':
      return change.incident.id === view.incident.id ? { ...view, incident: change.incident } : view;
    case 'timeline':
      return change.incidentId === view.incident.id ? { ...view, timeline: upsert(view.timeline, change.event) } : view;
    case 'turn':
      return change.incidentId === view.incident.id ? { ...view, turns: upsert(view.turns, change.turn) } : view;
    case 'action':
      return change.incidentId === view.incident.id ? { ...view, actions: upsert(view.actions, change.action) } : view;
    case 'plan':
      return change.incidentId === view.incident.id ? { ...view, plan: change.plan } : view;
    case 'note':
      return change.incidentId === view.incident.id ? { ...view, notes: upsert(view.notes, change.note) } : view;
  }
}

export function applyResult(view: IncidentView, r: HandleResult): IncidentView {
  if (r.incident.id !== view.incident.id) return view;
  let v: IncidentView = { ...view, incident: r.incident };
  const id = r.incident.id;
  if (r.timeline) v = applyChange(v, { type: 'timeline', incidentId: id, event: r.timeline });
  if (r.action) v = applyChange(v, { type: 'action', incidentId: id, action: r.action });
  if (r.plan) v = applyChange(v, { type: 'plan', incidentId: id, plan: r.plan });
  if (r.note) v = applyChange(v, { type: 'note', incidentId: id, note: r.note });
  for (const turn of r.turns) v = applyChange(v, { type: 'turn', incidentId: id, turn });
  return v;
}

/** A suggestion's answer, folded into the turn that offered it (`fields.suggestion`), by suggestion id. */
export function applySuggestion(view: IncidentView, s: Pick<Suggestion, 'id' | 'state'>): IncidentView {
  let changed = false;
  const turns = view.turns.map((t) => {
    const cur = t.fields?.suggestion as { id?: unknown; state?: unknown } | undefined;
    if (!cur || cur.id !== s.id || cur.state === s.state) return t;
    changed = true;
    return { ...t, fields: { ...t.fields, suggestion: { ...cur, state: s.state } } };
  });
  return changed ? { ...view, turns } : view;
}
