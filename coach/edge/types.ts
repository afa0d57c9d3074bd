// The policy's inputs and output. Everything is data; `now` is passed in, so decisions are repeatable.
import type {
  Action, AlertData, DeployData, Incident, IncidentStatus, Note, Plan, TimelineEvent, Turn, TurnDraft,
} from '../types.ts';
import type { Workspace } from '../workspace/index.ts';

/** A turn the coach already said, as far as the rules need to know to avoid repeating themselves. */
export type PastTurn = Pick<Turn, 'at' | 'type' | 'rule' | 'text' | 'fields'>;

export interface IncidentState {
  incident: Incident;
  /** Oldest first. Alert events hold `{ alert }`, deploy events `{ deploy }`. */
  timeline: TimelineEvent[];
  plan: Plan | null;
  actions: Action[];
  notes: Note[];
  turns: PastTurn[];
  now: Date;
}

/** The event just recorded (already part of the state), as the rules see it. */
export type PolicyEvent =
  | { kind: 'opened' }
  | { kind: 'alert'; status: 'firing' | 'resolved'; alert: AlertData }
  | { kind: 'deploy'; deploy: DeployData }
  | { kind: 'say'; from: string; text: string }
  | { kind: 'plan'; from: string; plan: Plan }
  | { kind: 'action'; from: string; action: Action }
  | { kind: 'note'; from: string; note: Note }
  | { kind: 'status'; from: string; status: IncidentStatus }
  | { kind: 'tick' };

export interface PolicyConfig {
  /** G3: minutes without progress on the first open step before "you seem stuck". */
  stuckAfterMinutes: number;
  /** E2: a deploy this many minutes or less before an alert's start is a rollback candidate. */
  rollbackWindowMinutes: number;
  /** E2/G4: an unanswered question may be asked again after this long. */
  reaskAfterMinutes: number;
  /** G5: stated and recorded times further apart than this are worth a question. */
  crossCheckToleranceMinutes: number;
  /** E2: at most this many process questions on one event, so a busy moment is not buried. */
  maxMissingStepsPerEvent: number;
}

export const defaultPolicyConfig: PolicyConfig = {
  stuckAfterMinutes: 10,
  rollbackWindowMinutes: 60,
  reaskAfterMinutes: 60,
  crossCheckToleranceMinutes: 2,
  maxMissingStepsPerEvent: 2,
};

export interface PolicyContext {
  config: PolicyConfig;
  workspace: Workspace;
}

export interface Decision {
  turns: TurnDraft[];
  /**
   * A question for the Demonstrator (D1–D3, D5). `fallback` is what the policy says when no Demonstrator is
   * configured or it has nothing to offer.
   */
  demonstrate?: { question: string; fallback: TurnDraft[] };
}
