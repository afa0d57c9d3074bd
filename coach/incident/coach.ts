// The coach service: records each event, asks the EDGE policy what to say, phrases it and stores the turns.
import {
  checklist, decide, type Decision, type IncidentState, type PolicyContext, type PolicyEvent,
} from '../edge/index.ts';
import { Memory, stuckHints, type StuckHint } from '../learning/memory/index.ts';
import { analyzeAcrossIncidents, isSuggestionKind, suggestionRef, type AcrossIncidents } from '../learning/enhance/index.ts';
import { offlinePhraser, type Phraser } from '../llm/api.ts';
import type { Demonstrator } from '../query/api.ts';
import type { Store } from '../store/index.ts';
import { CodedError, type Clock, type Incident, type Turn, type TurnDraft } from '../types.ts';
import { defaultWorkspace, type Workspace } from '../workspace/index.ts';
import type { CoachApi, CoachChange, CoachEvent, HandleResult, IncidentView, OpenIncidentInput } from './api.ts';
import { defaultCoachConfig, type CoachConfig } from './config.ts';
import { demonstrate, phrase, type Log } from './phrase.ts';
import { recordEvent, type Recorded } from './record.ts';
import { buildState } from './state.ts';

export interface CoachDeps {
  store: Store;
  clock: Clock;
  workspace?: Workspace;
  config?: CoachConfig;
  phraser?: Phraser;
  demonstrator?: Demonstrator;
  log?: Log;
}

interface Decided {
  incident: Incident;
  rec: Recorded;
  state: IncidentState | null;
  decision: Decision;
}

export type Coach = CoachApi & { close(): void; readonly config: CoachConfig; readonly workspace: Workspace };

export function createCoach(deps: CoachDeps): Coach {
  const { store, clock } = deps;
  const workspace = deps.workspace ?? defaultWorkspace();
  const config = deps.config ?? defaultCoachConfig;
  const phraser = deps.phraser ?? offlinePhraser;
  const log: Log = deps.log ?? (() => undefined);
  const ctx: PolicyContext = { config, workspace };
  const listeners = new Set<(c: CoachChange) => void>();
  // An incident's events are handled one at a time, so each decision sees the turns of the one before it;
  // incidents go on independently, so one slow model call holds up only its own incident. Store writes are
  // synchronous transactions and never span a model call.
  const queues = new Map<number, Promise<unknown>>();

  const emit = (c: CoachChange): void => {
    for (const l of listeners) {
      try { l(c); } catch (e) { log({ level: 'error', code: 'listener_failed', message: String(e) }); }
    }
  };

  const inOrder = <T>(incidentId: number, fn: () => Promise<T>): Promise<T> => {
    const run = (queues.get(incidentId) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    queues.set(incidentId, tail);
    void tail.then(() => { if (queues.get(incidentId) === tail) queues.delete(incidentId); });
    return run;
  };

  /** H4: the cross-incident patterns about this event's query or alert, read at the moment they matter. */
  function acrossFor(e: PolicyEvent, now: Date): AcrossIncidents | null {
    const opts = {
      minIncidents: config.acrossMinIncidents, quietMinutes: config.quietAlertMinutes, correlateMinutes: config.correlateMinutes,
      now: now.toISOString(),
    };
    if (e.kind === 'action' && e.action.kind === 'query_run' && typeof e.action.payload.query === 'string') {
      return analyzeAcrossIncidents(store, { ...opts, focus: { query: e.action.payload.query } });
    }
    if (e.kind === 'alert' && e.status === 'firing') return analyzeAcrossIncidents(store, { ...opts, focus: { alert: e.alert.name } });
    return null;
  }

  const memory = new Memory(store);

  /** G3's team memory: read on a tick, for the current plan's first open step; nothing without a plan (G1). */
  function stuckFor(e: PolicyEvent, incidentId: number, now: Date): StuckHint[] {
    if (e.kind !== 'tick') return [];
    const step = store.plans.current(incidentId)?.steps.find((st) => st.state === 'open');
    if (!step) return [];
    return stuckHints(memory, { incidentId, step: step.n, stepText: step.text, now });
  }

  /** Who an event's suggestions are for: whoever acted, or for an alert the incident's opener. */
  const personFor = (incident: Incident, e: PolicyEvent): string => ('from' in e ? e.from : incident.openedBy);

  /** Runs inside the recording transaction, so the decision sees exactly what was just written. */
  function decideOn(incident: Incident, rec: Recorded): Decided {
    if (!rec.policyEvent) return { incident, rec, state: null, decision: { turns: [] } };
    const now = clock.now();
    const person = personFor(incident, rec.policyEvent);
    const state: IncidentState = {
      ...buildState(store, incident.id, now, config.turnHistory),
      enhance: { person, answers: store.suggestions.answersOf(person), across: acrossFor(rec.policyEvent, now) },
      memory: { stuck: stuckFor(rec.policyEvent, incident.id, now) },
    };
    return { incident, rec, state, decision: decide(state, rec.policyEvent, ctx) };
  }

  /**
   * H5: an enhancement turn is offered once per person, kind and key. Stores the offer and puts its id and
   * state in the turn's fields; null when that person was already offered it (here or in another incident).
   */
  function offered(d: TurnDraft, incidentId: number, person: string, at: string): TurnDraft | null {
    const ref = d.fields?.suggestion as { kind?: unknown; key?: unknown } | undefined;
    if (!ref || typeof ref.key !== 'string' || typeof ref.kind !== 'string' || !isSuggestionKind(ref.kind)) return d;
    if (store.suggestions.offeredTo(person, ref.kind, ref.key)) return null;
    const { suggestion: _ref, ...body } = d.fields ?? {};
    const s = store.suggestions.offer({ incidentId, person, kind: ref.kind, key: ref.key, at, body: { ...body, type: d.type, rule: d.rule, text: d.text } });
    return s ? { ...d, fields: { ...d.fields, suggestion: suggestionRef(s) } } : null;
  }

  async function respond(d: Decided, at: string, to: string | null, message: string | null): Promise<HandleResult> {
    const { incident, rec, state, decision } = d;
    const now = state?.now ?? clock.now();
    const shown = [...decision.turns, ...await demonstrate(decision, deps.demonstrator, {
      incidentId: incident.id, incidentKey: incident.key, service: incident.service,
      alertStart: state ? (state.timeline.find((e) => e.kind === 'alert_firing')?.at ?? null) : null,
      now: now.toISOString(), asker: to ?? 'unknown',
    }, log)];
    const recent = (state?.actions ?? []).filter((a) => a.kind === 'say').slice(-5).map((a) => `${a.actor}: ${a.text}`);
    const phrased = await phrase(shown, phraser, { incidentTitle: incident.title, service: incident.service, recent, message }, log);
    const person = to ?? incident.openedBy;
    const turns: Turn[] = store.tx(() => shown.flatMap((draft, i) => {
      const p = phrased[i] ?? { text: draft.text, engine: 'offline', fallback: 'missing phrasing' };
      const d = offered({ ...draft, text: p.text }, incident.id, person, at);
      return d ? [store.turns.add({ ...d, incidentId: incident.id, at, engine: p.engine, fallback: p.fallback, to })] : [];
    }));
    const fresh = store.incidents.get(incident.id);
    if (rec.statusChanged || rec.policyEvent?.kind === 'opened') emit({ type: 'incident', incident: fresh });
    if (rec.timeline) emit({ type: 'timeline', incidentId: incident.id, event: rec.timeline });
    if (rec.action) emit({ type: 'action', incidentId: incident.id, action: rec.action });
    if (rec.plan) emit({ type: 'plan', incidentId: incident.id, plan: rec.plan });
    if (rec.note) emit({ type: 'note', incidentId: incident.id, note: rec.note });
    for (const turn of turns) emit({ type: 'turn', incidentId: incident.id, turn });
    return { incident: fresh, turns, timeline: rec.timeline ?? null, action: rec.action ?? null, plan: rec.plan ?? null, note: rec.note ?? null };
  }

  return {
    config, workspace,
    open: (input: OpenIncidentInput) => {
      const at = input.at ?? clock.now().toISOString();
      let decided: Decided;
      try {
        decided = store.tx(() => {
        const incident = store.incidents.create({
          title: input.title, service: input.service ?? null, severity: input.severity ?? 'SEV3', openedAt: at,
          openedBy: input.by, fingerprint: input.fingerprint ?? null, channel: input.channel ?? null,
        });
        const timeline = store.timeline.add({
          incidentId: incident.id, at, kind: 'opened', summary: `${input.by} opened ${incident.key}: ${input.title}`,
          data: { by: input.by, severity: incident.severity, service: incident.service },
        });
        const policyEvent: PolicyEvent = { kind: 'opened' };
        return decideOn(incident, { policyEvent, timeline });
        });
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      // Queued under the new incident before anything awaits: its next event waits for these turns.
      return inOrder(decided.incident.id, () => respond(decided, at, input.by, null));
    },
    handle: (ref: number | string, event: CoachEvent) => {
      let id: number;
      try {
        id = store.incidents.get(ref).id;
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      return inOrder(id, async () => {
        const at = event.at ?? clock.now().toISOString();
        const decided = store.tx(() => {
          if (event.dedupe !== undefined && !store.handled.claim(event.dedupe, clock.now().toISOString())) {
            throw new CodedError('duplicate_request', `Already handled (${event.dedupe.slice(0, 80)}): nothing was recorded twice.`, 409);
          }
          const incident = store.incidents.get(id);
          return decideOn(incident, recordEvent(store, incident, event, at));
        });
        const from = 'from' in event ? event.from : null;
        return respond(decided, at, from, event.kind === 'say' ? event.text : null);
      });
    },
    view(ref: number | string): IncidentView {
      const incident = store.incidents.get(ref);
      const state = buildState(store, incident.id, clock.now(), config.turnHistory);
      return {
        incident, timeline: state.timeline, plan: state.plan, notes: state.notes, actions: state.actions,
        turns: store.turns.list(incident.id),
        checklist: checklist(state, ctx).map(({ item, done, applies }) => ({ id: item.id, text: item.text, done, applies })),
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    close() { listeners.clear(); },
  };
}
