// What the Slack layer needs from the rest of Mentat. Everything is passed in; nothing here reads the environment.
import type { CoachApi } from '../../coach/incident/api.ts';
import type { Directory, Principal } from '../../coach/people/index.ts';
import type { Store } from '../../coach/store/index.ts';
import type { SupportService } from '../../coach/support/index.ts';
import type { Clock, TimeRange } from '../../coach/types.ts';
import type { Dedupe } from './dedupe.ts';
import type { People } from './people.ts';
import type { GroupCache } from './support/groups.ts';

/** A person's run of a query, as the query service takes it (D4: only people run queries). */
export interface RunQueryInput {
  incidentId: number;
  by: string;
  language: 'promql' | 'logql' | 'traceql';
  query: string;
  range?: TimeRange;
  step?: number | null;
  /** The coach turn whose card held the Run button. */
  turnId?: number;
  /** Where it was run from, for the action log. */
  payload?: Record<string, unknown>;
}

/** The slice of the query service that the Run button uses; it logs the run as the person's action. */
export interface SlackQueryService {
  runAsPerson(input: RunQueryInput): Promise<unknown>;
}

export type Log = (line: string) => void;

/** A learning note as the core returns it (CONTRACTS §7); only the fields Slack shows. */
export interface SlackLearningNote {
  id: number;
  incidentId: number;
  version: number;
  state: 'draft' | 'published';
  markdown: string;
  engine: string;
  questions: { question: string; answer: string }[];
  publishedBy?: string | null;
  publishedAt?: string | null;
}

/** What the learning-note service emits; Slack listens for published notes only. */
export interface SlackLearningChange {
  type: string;
  incidentId?: number;
  note?: SlackLearningNote;
}

/**
 * The slice of the learning-note service (coach/learning) that Slack uses. The core checks everything:
 * 409 for an incident still active or a stale version, 403 for a publish by someone not a responder.
 */
export interface SlackLearningNotes {
  generate(who: Principal, incidentId: number): SlackLearningNote | Promise<SlackLearningNote>;
  /** The latest version; null (or a 404) when the incident has none yet. */
  latest(incidentId: number): SlackLearningNote | null | Promise<SlackLearningNote | null>;
  publish(who: Principal, noteId: number, version: number): SlackLearningNote | Promise<SlackLearningNote>;
  subscribe(listener: (change: SlackLearningChange) => void): () => void;
}

export type SuggestionAnswer = 'accepted' | 'dismissed';

/**
 * Answering an enhancement suggestion (H5) as a person: 404 unknown, 403 offered to someone else,
 * 409 already answered, all decided by the core.
 */
export interface SlackSuggestions {
  answer(who: Principal, suggestionId: number, answer: SuggestionAnswer): Promise<unknown>;
}

/** Everything a listener may use. */
export interface SlackDeps {
  coach: CoachApi;
  store: Store;
  query: SlackQueryService | null;
  clock: Clock;
  people: People;
  seen: Dedupe;
  log: Log;
  /** The customer-support workflow (DESIGN §3); null when the server has none. */
  support: SupportService | null;
  /** Who a Slack user is (people.yml `slack:` ids and `slack_groups`), with their roles. */
  directory: Directory;
  /** Slack user-group membership, cached, for `slack_groups` roles. */
  groups: GroupCache;
  /** Learning notes (DESIGN §4); null when the server has none. */
  learning?: SlackLearningNotes | null;
  /** Accept / Dismiss on enhancement suggestions; null when the server has none. */
  suggestions?: SlackSuggestions | null;
  /** Link to an incident's page on the team server, for "read the full text"; null when unknown. */
  incidentUrl: (incidentId: number) => string | null;
}
