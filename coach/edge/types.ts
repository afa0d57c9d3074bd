// The policy's inputs and output. Everything is data; `now` is passed in, so decisions are repeatable.
import type {
  Action, AlertData, DeployData, Incident, IncidentStatus, Note, Plan, TimelineEvent, Turn, TurnDraft,
} from '../types.ts';
import type { AcrossIncidents, KindAnswers } from '../learning/enhance/index.ts';
import type { StuckHint } from '../learning/memory/index.ts';
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
  /** What the enhancement rules (H2–H5) need from beyond this incident; the coach reads it from the store. */
  enhance?: EnhanceFacts;
  /** Team memory the coach read for this decision (G3: what others looked at on a step like the open one). */
  memory?: MemoryFacts;
}

export interface MemoryFacts {
  /** For the plan's first open step only; empty when memory holds nothing that fits. */
  stuck: StuckHint[];
}

export interface EnhanceFacts {
  /** The person the event's suggestions would be offered to. */
  person: string;
  /** How that person answered each kind of suggestion so far (H5). */
  answers: KindAnswers;
  /** Cross-incident patterns about this event's query or alert (H4), when the coach looked. */
  across: AcrossIncidents | null;
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
  /** H2: a compound action seen this many times surfaces a shortcut the next time it starts. */
  shortcutRepeats: number;
  /** H2: the second action of a compound follows the first within this many minutes. */
  shortcutWindowMinutes: number;
  /** H3: comparisons of the same two services before a split view is offered. */
  compareRepeats: number;
  /** H3: two services looked at within this many minutes of each other are being compared. */
  compareWindowMinutes: number;
  /** H4: distinct incidents a pattern needs before a process or system suggestion. */
  acrossMinIncidents: number;
  /** H4: an alert with no human action this many minutes after firing went unanswered. */
  quietAlertMinutes: number;
  /** H4: two metrics queried this close together by one person are being correlated by hand. */
  correlateMinutes: number;
  /** H5: dismissals of a kind after which it is not offered to that person again. */
  dismissLimit: number;
}

export const defaultPolicyConfig: PolicyConfig = {
  stuckAfterMinutes: 10,
  rollbackWindowMinutes: 60,
  reaskAfterMinutes: 60,
  crossCheckToleranceMinutes: 2,
  maxMissingStepsPerEvent: 2,
  shortcutRepeats: 2,
  shortcutWindowMinutes: 2,
  compareRepeats: 2,
  compareWindowMinutes: 5,
  acrossMinIncidents: 3,
  quietAlertMinutes: 30,
  correlateMinutes: 5,
  dismissLimit: 2,
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
