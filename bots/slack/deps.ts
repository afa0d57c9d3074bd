// What the Slack layer needs from the rest of Mentat. Everything is passed in; nothing here reads the environment.
import type { CoachApi } from '../../coach/incident/api.ts';
import type { Directory } from '../../coach/people/index.ts';
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
  /** Link to an incident's page on the team server, for "read the full text"; null when unknown. */
  incidentUrl: (incidentId: number) => string | null;
}
