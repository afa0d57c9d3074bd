// Learning notes' shapes (DESIGN §4, CONTRACTS §7). Times are ISO-8601 UTC.
import type { Action, Incident, Note, Plan, TimelineEvent } from '../../types.ts';

export type NoteState = 'draft' | 'published';

/** A retrieval-practice question; the answer is folded away in the markdown. */
export interface NoteQuestion {
  question: string;
  answer: string;
}

/** A query a person ran in this incident, as the note cites it: verbatim from the action log. */
export interface SourceQuery {
  query: string;
  by: string;
  at: string;
  actionId: number;
  explanation: string;
  language: string;
  /** How many times it was run in this incident (any person). */
  runs: number;
  /** Why it is ranked where it is ("run 3 times", "right before resolved", "advanced step 1"). */
  reasons: string[];
}

export interface SourceAction {
  id: number;
  kind: string;
  by: string;
  at: string;
  text: string;
  step: number | null;
}

export interface SourceEvent {
  id: number;
  kind: string;
  at: string;
  text: string;
}

export interface SourcePlan {
  id: number;
  by: string;
  at: string;
  steps: { n: number; text: string; state: string; updatedAt: string }[];
}

/** Everything the note states comes from here; every query, time and name in it can be found in these. */
export interface NoteSources {
  incident: { id: number; key: string; title: string; service: string | null; severity: string; status: string; openedAt: string; openedBy: string; resolvedAt: string | null };
  queries: SourceQuery[];
  actions: SourceAction[];
  events: SourceEvent[];
  plans: SourcePlan[];
}

/** What a writer (offline or model) produces for one version. */
export interface WrittenNote {
  markdown: string;
  questions: NoteQuestion[];
  sources: NoteSources;
  /** "offline", the model's name, or "human" for a responder's edit. */
  engine: string;
  /** Set when a model was configured but the offline writer answered, with why. */
  fallback: string | null;
}

/** One stored version (learning_note_versions.body). */
export interface NoteVersionBody extends WrittenNote {
  by: string;
  at: string;
  kind: 'generated' | 'edit';
}

/** N of CONTRACTS §7: the note's current version with its state. */
export interface LearningNote extends NoteVersionBody {
  id: number;
  incidentId: number;
  incidentKey: string;
  title: string;
  version: number;
  state: NoteState;
  createdAt: string;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  /** Every version number this note has, oldest first. */
  versions: number[];
}

/** Live changes (relayed as server-sent events `learning_note`). */
export interface LearningNoteChange {
  type: 'learning_note';
  incidentId: number;
  note: LearningNote;
}

/** A query of the record, deduplicated and ranked. */
export interface RankedQuery extends SourceQuery {
  score: number;
  step: number | null;
  stepText: string | null;
  /** Everyone who ran it. */
  people: string[];
}

export interface StatusChange {
  eventId: number;
  at: string;
  from: string;
  to: string;
  by: string;
}

/** The incident's record as the writers read it: nothing else may be stated. */
export interface NoteRecord {
  incident: Incident;
  timeline: TimelineEvent[];
  plans: Plan[];
  actions: Action[];
  notes: Note[];
  /** Deduplicated, best first; explanations filled in for the first MAX_CITED_QUERIES. */
  queries: RankedQuery[];
  statusChanges: StatusChange[];
  /** The plan step an action advanced, read against the plan current when it happened. */
  stepOf(a: Action): { plan: Plan; n: number; text: string } | null;
  /** The whole record as text, ISO times also as "HH:MM", for gates: what a model may state. */
  groundingText(): string;
}

export interface NoteWriter {
  readonly engine: string;
  write(record: NoteRecord): Promise<WrittenNote>;
}
