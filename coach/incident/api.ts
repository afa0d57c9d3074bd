// The contract between the coach service and its front ends (server, CLI, replay, Slack, desktop).
import type { AlertData, DeployData, Incident, Severity, Turn, TimeRange, Action, Note, Plan, TimelineEvent } from '../types.ts';

export interface OpenIncidentInput {
  title: string;
  service?: string | null;
  severity?: Severity;
  by: string;
  at?: string;
  fingerprint?: string | null;
  channel?: string | null;
}

/** A person's action as it arrives from any front end. */
export interface ActionInput {
  kind: string;
  /** Plan step this action advances. */
  step?: number | null;
  text?: string;
  query?: string;
  language?: 'promql' | 'logql' | 'traceql';
  range?: TimeRange;
  url?: string;
  /** Anything else the front end knows (result summary, Slack ts…). */
  payload?: Record<string, unknown>;
}

/** Everything that can happen to an incident. `at` defaults to the coach's clock. */
/**
 * `dedupe`: a transport's key for the request that caused the event (Slack's event id). It is claimed in the
 * event's own transaction: a repeat, also after a restart, is refused with `duplicate_request` and records
 * nothing.
 */
export type CoachEvent = (
  | { kind: 'alert'; at?: string; status: 'firing' | 'resolved'; alert: AlertData }
  | { kind: 'deploy'; at?: string; deploy: DeployData }
  | { kind: 'say'; at?: string; from: string; text: string }
  | { kind: 'plan'; at?: string; from: string; text: string }
  | { kind: 'action'; at?: string; from: string; action: ActionInput }
  | { kind: 'note'; at?: string; from: string; text: string; pinned?: boolean }
  | { kind: 'status'; at?: string; from: string; status: Incident['status'] }
  | { kind: 'tick'; at?: string }
) & { dedupe?: string };

export interface HandleResult {
  incident: Incident;
  /** Turns the coach produced for this event, already stored. */
  turns: Turn[];
  /** What the event recorded, when it recorded something. */
  timeline?: TimelineEvent | null;
  action?: Action | null;
  plan?: Plan | null;
  note?: Note | null;
}

/** What a live view needs to know changed; the server relays these as server-sent events. */
export type CoachChange =
  | { type: 'incident'; incident: Incident }
  | { type: 'timeline'; incidentId: number; event: TimelineEvent }
  | { type: 'turn'; incidentId: number; turn: Turn }
  | { type: 'action'; incidentId: number; action: Action }
  | { type: 'plan'; incidentId: number; plan: Plan }
  | { type: 'note'; incidentId: number; note: Note };

export interface IncidentView {
  incident: Incident;
  timeline: TimelineEvent[];
  plan: Plan | null;
  notes: Note[];
  actions: Action[];
  turns: Turn[];
  /** Process checklist with each item's state, from the workspace's guide (E1). */
  checklist: { id: string; text: string; done: boolean; applies: boolean }[];
}

export interface CoachApi {
  open(input: OpenIncidentInput): Promise<HandleResult>;
  handle(incidentRef: number | string, event: CoachEvent): Promise<HandleResult>;
  view(incidentRef: number | string): IncidentView;
  /** Subscribe to changes; returns the unsubscribe function. */
  subscribe(listener: (change: CoachChange) => void): () => void;
}
