// The store: one SQLite file (WAL, foreign keys on), versioned migrations, one repository per table.
import { openDb, type Db } from './db.ts';
import { ActionRepo } from './actions.ts';
import { IncidentRepo } from './incidents.ts';
import { NoteRepo } from './notes.ts';
import { PlanRepo } from './plans.ts';
import { MemoryDigestRepo } from './memory-digests.ts';
import { QueryRunRepo } from './query-runs.ts';
import { LearningNoteRepo } from './learning-notes.ts';
import { SuggestionRepo } from './suggestions.ts';
import { SupportRepo } from './support.ts';
import { TokenRepo } from './tokens.ts';
import { HandledRepo } from './handled.ts';
import { TimelineRepo } from './timeline.ts';
import { TurnRepo } from './turns.ts';

export { defaultDbPath, openDb, schemaVersion, type Db } from './db.ts';
export { incidentKey, parseIncidentRef, type NewIncident } from './incidents.ts';
export { splitPlan } from './plans.ts';
export { ftsQuery, type NewAction, type SearchHit } from './actions.ts';
export type { NewTimelineEvent } from './timeline.ts';
export type { NewTurn } from './turns.ts';
export { hashToken, newToken, TOKEN_PREFIX } from './tokens.ts';
export type { Delivery, NewQuestion } from './support.ts';
export type { NoteRow } from './learning-notes.ts';
export { rebuildMemoryTables } from './migrations.ts';
export type { DigestItem } from './memory-digests.ts';
export type { Suggestion, SuggestionState } from './suggestions.ts';

export class Store {
  readonly incidents: IncidentRepo;
  readonly timeline: TimelineRepo;
  readonly plans: PlanRepo;
  readonly notes: NoteRepo;
  readonly actions: ActionRepo;
  readonly turns: TurnRepo;
  readonly tokens: TokenRepo;
  /** Transport requests already handled (Slack retries), kept across restarts. */
  readonly handled: HandledRepo;
  readonly support: SupportRepo;
  readonly learningNotes: LearningNoteRepo;
  readonly suggestions: SuggestionRepo;
  readonly queryRuns: QueryRunRepo;
  readonly memoryDigests: MemoryDigestRepo;

  constructor(readonly db: Db) {
    this.incidents = new IncidentRepo(db);
    this.timeline = new TimelineRepo(db);
    this.plans = new PlanRepo(db);
    this.notes = new NoteRepo(db);
    this.actions = new ActionRepo(db);
    this.turns = new TurnRepo(db);
    this.tokens = new TokenRepo(db);
    this.handled = new HandledRepo(db);
    this.support = new SupportRepo(db);
    this.learningNotes = new LearningNoteRepo(db);
    this.suggestions = new SuggestionRepo(db);
    this.queryRuns = new QueryRunRepo(db);
    this.memoryDigests = new MemoryDigestRepo(db);
  }

  static open(path: string): Store {
    return new Store(openDb(path));
  }

  /** Runs fn in one transaction: every write inside lands, or none does. Nested calls join the outer one. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
