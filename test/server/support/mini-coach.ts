// A small CoachApi over the real Store, used only until the real coach service is wired in.
import type { CoachApi, CoachChange, CoachEvent, HandleResult } from '../../../coach/incident/api.ts';
import type { Store } from '../../../coach/store/index.ts';
import type { Clock } from '../../../coach/types.ts';

export function miniCoach(store: Store, clock: Clock): CoachApi {
  const listeners = new Set<(c: CoachChange) => void>();
  const emit = (c: CoachChange): void => listeners.forEach((l) => l(c));
  const now = (): string => clock.now().toISOString();
  const handle = async (ref: number | string, e: CoachEvent): Promise<HandleResult> => {
    const result = store.tx((): HandleResult => {
      let incident = store.incidents.get(ref);
      const at = e.at ?? now();
      const r: HandleResult = { incident, turns: [] };
      if (e.kind === 'say') {
        r.action = store.actions.add({ incidentId: incident.id, actor: e.from, at, kind: 'say', text: e.text });
        r.turns.push(store.turns.add({ incidentId: incident.id, at, phase: 'guide', type: 'ask_plan', rule: 'G1', text: 'What is your plan?', engine: 'offline', to: e.from }));
      } else if (e.kind === 'plan') {
        r.plan = store.plans.create(incident.id, e.from, at, e.text);
      } else if (e.kind === 'action') {
        r.action = store.actions.add({ incidentId: incident.id, actor: e.from, at, kind: e.action.kind, step: e.action.step ?? null,
          text: e.action.text ?? e.action.query ?? '', payload: { ...(e.action.payload ?? {}), ...(e.action.query ? { query: e.action.query } : {}) } });
      } else if (e.kind === 'note') {
        r.note = store.notes.add(incident.id, e.from, at, e.text, e.pinned ?? false);
      } else if (e.kind === 'status') {
        incident = store.incidents.setStatus(incident.id, e.status, at);
        r.incident = incident;
      } else if (e.kind === 'alert' || e.kind === 'deploy') {
        const summary = e.kind === 'alert' ? `${e.alert.name} ${e.status}` : `deploy ${e.deploy.service} ${e.deploy.version}`;
        const key = e.kind === 'alert' ? `${e.alert.fingerprint ?? e.alert.name}:${e.status}:${e.alert.startsAt}` : `${e.deploy.service}:${e.deploy.version}:${e.deploy.at}`;
        r.timeline = store.timeline.add({ incidentId: incident.id, at, kind: e.kind === 'alert' ? (e.status === 'firing' ? 'alert_firing' : 'alert_resolved') : 'deploy', summary, dedupeKey: key });
      }
      return r;
    });
    if (result.action) emit({ type: 'action', incidentId: result.incident.id, action: result.action });
    if (result.note) emit({ type: 'note', incidentId: result.incident.id, note: result.note });
    if (result.plan) emit({ type: 'plan', incidentId: result.incident.id, plan: result.plan });
    for (const t of result.turns) emit({ type: 'turn', incidentId: result.incident.id, turn: t });
    return result;
  };
  return {
    async open(input) {
      const incident = store.tx(() => store.incidents.create({ title: input.title, service: input.service ?? null, severity: input.severity ?? 'SEV3',
        openedAt: input.at ?? now(), openedBy: input.by, fingerprint: input.fingerprint ?? null }));
      emit({ type: 'incident', incident });
      return { incident, turns: [] };
    },
    handle,
    view(ref) {
      const incident = store.incidents.get(ref);
      return { incident, timeline: store.timeline.list(incident.id), plan: store.plans.current(incident.id), notes: store.notes.list(incident.id),
        actions: store.actions.list(incident.id), turns: store.turns.list(incident.id), checklist: [] };
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
