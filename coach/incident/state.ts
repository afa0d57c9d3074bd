// Reads an incident's state from the store in the shape the policy decides on.
import type { IncidentState } from '../edge/index.ts';
import type { Store } from '../store/index.ts';

export function buildState(store: Store, incidentId: number, now: Date, turnHistory: number): IncidentState {
  return {
    incident: store.incidents.get(incidentId),
    timeline: store.timeline.list(incidentId),
    plan: store.plans.current(incidentId),
    actions: store.actions.list(incidentId),
    notes: store.notes.list(incidentId),
    turns: store.turns.list(incidentId, { limit: turnHistory }),
    now,
  };
}
