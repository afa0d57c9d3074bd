// Domain types shared by every capability of the core. Times are ISO-8601 strings in UTC.

export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
export type IncidentStatus = 'open' | 'acknowledged' | 'mitigated' | 'resolved';

export interface Incident {
  id: number;
  /** Human key, e.g. "INC-42". */
  key: string;
  title: string;
  service: string | null;
  severity: Severity;
  status: IncidentStatus;
  /** Alertmanager group/alert fingerprint that opened it, when it came from an alert. */
  fingerprint: string | null;
  openedAt: string;
  openedBy: string;
  resolvedAt: string | null;
  /** Slack channel linked to this incident, if any. */
  channel: string | null;
}

export type TimelineKind =
  | 'opened'
  | 'alert_firing'
  | 'alert_resolved'
  | 'deploy'
  | 'status'
  | 'role'
  | 'plan'
  | 'note'
  | 'action';

export interface AlertData {
  name: string;
  service: string | null;
  startsAt: string;
  endsAt?: string | null;
  fingerprint?: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL?: string | null;
}

export interface DeployData {
  service: string;
  version: string;
  at: string;
  by: string;
  environment?: string | null;
  url?: string | null;
  source?: 'webhook' | 'github' | 'replay' | 'manual';
}

export interface StatusData {
  from: IncidentStatus;
  to: IncidentStatus;
  by: string;
}

export interface RoleData {
  role: string;
  person: string;
  by: string;
}

export interface TimelineEvent {
  id: number;
  incidentId: number;
  at: string;
  kind: TimelineKind;
  /** One line a person can read on the timeline. */
  summary: string;
  data: Record<string, unknown>;
}

export type StepState = 'open' | 'done' | 'dropped';

export interface PlanStep {
  n: number;
  text: string;
  state: StepState;
  updatedAt: string;
}

export interface Plan {
  id: number;
  incidentId: number;
  author: string;
  createdAt: string;
  text: string;
  steps: PlanStep[];
}

export interface Note {
  id: number;
  incidentId: number;
  author: string;
  at: string;
  updatedAt: string;
  text: string;
  pinned: boolean;
}

/** Kinds of human action the log knows; others are accepted as free strings. */
export type ActionKind =
  | 'query_run'
  | 'step_done'
  | 'link_opened'
  | 'note'
  | 'plan'
  | 'say'
  | 'ack'
  | 'role'
  | 'status'
  | 'rollback'
  | (string & {});

export interface TimeRange {
  from: string;
  to: string;
}

export interface Action {
  id: number;
  incidentId: number | null;
  actor: string;
  at: string;
  kind: ActionKind;
  /** Plan step number this action advanced, if any. */
  step: number | null;
  text: string;
  payload: Record<string, unknown>;
}

export type Phase = 'explain' | 'demonstrate' | 'guide' | 'enhance';

export type TurnType =
  | 'ask_plan'
  | 'clarify'
  | 'stuck_nudge'
  | 'colleague'
  | 'cross_check'
  | 'plan_step'
  | 'missing_step'
  | 'process'
  | 'query'
  | 'link'
  | 'steps'
  | 'memory'
  | 'decline'
  | 'improve'
  | 'shortcut'
  | 'split_view'
  | 'recording_rule'
  | 'alert_refinement'
  | 'instrumentation';

/** A coach turn as the policy decides it, before any model phrases it. */
export interface TurnDraft {
  phase: Phase;
  type: TurnType;
  /** The rule of DESIGN §2 that produced it (E2, G3, …). */
  rule: string;
  text: string;
  /** Extra fields by type (step, step_id, suggest, query, links, …). */
  fields?: Record<string, unknown>;
}

export interface Turn extends TurnDraft {
  id: number;
  incidentId: number;
  at: string;
  /** "offline", or the model's name when a model phrased it. */
  engine: string;
  /** Why the offline engine answered when a model is configured (timeout, invalid output…). */
  fallback?: string | null;
  /** Who or what the turn answers: the actor of the triggering event. */
  to: string | null;
}

/** Clock is injected everywhere so replay can simulate time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Errors that cross a boundary: a code for logs, a message for people. */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CodedError';
  }
  toJSON(): { code: string; message: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** One entry of the team's link catalog (workspace links.yml). */
export interface LinkEntry {
  title: string;
  url: string;
  kind: 'runbook' | 'dashboard' | 'slo' | 'doc' | 'grafana' | 'prometheus' | 'other';
  services: string[];
  tags: string[];
  description?: string;
}

/** Who owns a service (workspace OWNERS, CODEOWNERS-style). */
export interface OwnerEntry {
  /** Service name or glob ("checkout", "payments-*"). */
  pattern: string;
  owners: string[];
  channel?: string | null;
  docs?: string | null;
}
