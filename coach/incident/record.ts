// Records one event in the store (inside the caller's transaction) and says what the policy should see.
import type { PolicyEvent } from '../edge/index.ts';
import type { Store } from '../store/index.ts';
import type { Action, Incident, IncidentStatus, Note, Plan, TimelineEvent } from '../types.ts';
import { CodedError } from '../types.ts';
import type { ActionInput, CoachEvent } from './api.ts';

export interface Recorded {
  /** null when the event was already recorded (a repeated notification): nothing new to say. */
  policyEvent: PolicyEvent | null;
  timeline?: TimelineEvent | null;
  action?: Action | null;
  plan?: Plan | null;
  note?: Note | null;
  statusChanged?: boolean;
}

function setStatus(store: Store, incident: Incident, to: IncidentStatus, by: string, at: string): TimelineEvent | null {
  if (incident.status === to) return null;
  store.incidents.setStatus(incident.id, to, at);
  return store.timeline.add({
    incidentId: incident.id, at, kind: 'status', summary: `${by} set the status to ${to}`, data: { from: incident.status, to, by },
  });
}

function recordAction(store: Store, incident: Incident, from: string, a: ActionInput, at: string): Recorded {
  const payload: Record<string, unknown> = { ...(a.payload ?? {}) };
  if (a.query !== undefined) payload.query = a.query;
  if (a.language !== undefined) payload.language = a.language;
  if (a.range !== undefined) payload.range = a.range;
  if (a.url !== undefined) payload.url = a.url;
  let step = a.step ?? null;
  let plan: Plan | null = null;
  if (a.kind === 'step_done' || a.kind === 'step_dropped') {
    step ??= store.plans.current(incident.id)?.steps.find((s) => s.state === 'open')?.n ?? null;
    if (step === null) throw new CodedError('no_open_step', 'There is no open plan step to mark: state a plan first, or name the step.', 409);
    plan = store.plans.setStepState(incident.id, step, a.kind === 'step_done' ? 'done' : 'dropped', at);
  }
  const action = store.actions.add({
    incidentId: incident.id, actor: from, at, kind: a.kind, step, text: a.text ?? a.query ?? a.url ?? '', payload,
  });
  let timeline: TimelineEvent | null = null;
  let statusChanged = false;
  const wanted = a.kind === 'ack' ? 'acknowledged' : a.kind === 'status' ? (payload.status as IncidentStatus | undefined) : undefined;
  if (wanted && ['open', 'acknowledged', 'mitigated', 'resolved'].includes(wanted)) {
    if (!(a.kind === 'ack' && incident.status !== 'open')) {
      timeline = setStatus(store, incident, wanted, from, at);
      statusChanged = timeline !== null;
    }
  } else if (a.kind === 'role') {
    const role = typeof payload.role === 'string' ? payload.role : 'responder';
    const person = typeof payload.person === 'string' ? payload.person : from;
    timeline = store.timeline.add({
      incidentId: incident.id, at, kind: 'role', summary: `${person} is ${role}`, data: { role, person, by: from },
    });
  }
  return { policyEvent: { kind: 'action', from, action }, action, plan, timeline, statusChanged };
}

export function recordEvent(store: Store, incident: Incident, event: CoachEvent, at: string): Recorded {
  const id = incident.id;
  switch (event.kind) {
    case 'alert': {
      const a = event.alert;
      const firing = event.status === 'firing';
      const timeline = store.timeline.add({
        incidentId: id, at: firing ? a.startsAt : (a.endsAt ?? at), kind: firing ? 'alert_firing' : 'alert_resolved',
        summary: `${a.name} ${firing ? 'firing' : 'resolved'}${a.service ? ` for ${a.service}` : ''}`,
        data: { alert: a, receivedAt: at },
        dedupeKey: `alert:${a.fingerprint ?? `${a.name}/${a.service ?? ''}/${JSON.stringify(a.labels)}`}:${a.startsAt}:${event.status}`,
      });
      return { policyEvent: timeline ? { kind: 'alert', status: event.status, alert: a } : null, timeline };
    }
    case 'deploy': {
      const d = event.deploy;
      const timeline = store.timeline.add({
        incidentId: id, at: d.at, kind: 'deploy', summary: `${d.service} ${d.version} deployed by ${d.by}`,
        data: { deploy: d, receivedAt: at }, dedupeKey: `deploy:${d.service}:${d.version}:${d.at}`,
      });
      return { policyEvent: timeline ? { kind: 'deploy', deploy: d } : null, timeline };
    }
    case 'say': {
      const action = store.actions.add({ incidentId: id, actor: event.from, at, kind: 'say', text: event.text });
      return { policyEvent: { kind: 'say', from: event.from, text: event.text }, action };
    }
    case 'plan': {
      const plan = store.plans.create(id, event.from, at, event.text);
      const action = store.actions.add({ incidentId: id, actor: event.from, at, kind: 'plan', text: event.text, payload: { planId: plan.id } });
      const timeline = store.timeline.add({
        incidentId: id, at, kind: 'plan', summary: `${event.from} stated a plan of ${plan.steps.length} steps`, data: { planId: plan.id },
      });
      return { policyEvent: { kind: 'plan', from: event.from, plan }, plan, action, timeline };
    }
    case 'note': {
      const note = store.notes.add(id, event.from, at, event.text, event.pinned ?? false);
      const action = store.actions.add({ incidentId: id, actor: event.from, at, kind: 'note', text: event.text, payload: { noteId: note.id } });
      return { policyEvent: { kind: 'note', from: event.from, note }, note, action };
    }
    case 'status': {
      const timeline = setStatus(store, incident, event.status, event.from, at);
      const action = store.actions.add({ incidentId: id, actor: event.from, at, kind: 'status', text: event.status, payload: { status: event.status } });
      return { policyEvent: { kind: 'status', from: event.from, status: event.status }, timeline, action, statusChanged: timeline !== null };
    }
    case 'action':
      return recordAction(store, incident, event.from, event.action, at);
    case 'tick':
      return { policyEvent: { kind: 'tick' } };
  }
}
