// Memory digests (migration 9): each resolved incident's memory items in one row, kept by triggers, so team
// memory (coach/learning/memory/search.ts) reads one row per past incident rather than its hundred actions.
import { prepared, type Db } from './db.ts';
import { DIGEST_EXTRA, DIGEST_KINDS, type DigestItem } from './memory-digest-sql.ts';

export { DIGEST_KIND_LIST, type DigestItem } from './memory-digest-sql.ts';


export class MemoryDigestRepo {
  constructor(private readonly db: Db) {}

  /** A resolved incident's items, or null when it has no digest (not resolved, or an action of it changed). */
  items(incidentId: number): DigestItem[] | null {
    const raw = prepared(this.db, 'SELECT items FROM memory_digests WHERE incident_id = ?').pluck().get(incidentId) as string | undefined;
    if (raw === undefined) return null;
    try {
      const parsed = JSON.parse(raw) as unknown;
      return Array.isArray(parsed) ? (parsed as DigestItem[]) : null;
    } catch {
      return null;
    }
  }

  /** The same items read from the action log itself: what a digest must equal, and what is read without one. */
  fromLog(incidentId: number): DigestItem[] {
    return prepared(this.db, `SELECT a.id, a.actor, a.at, a.kind, a.step, a.text, ${DIGEST_EXTRA('a')} FROM actions a
      WHERE a.incident_id = ? AND a.kind IN (${DIGEST_KINDS}) ORDER BY a.id`).raw().all(incidentId) as DigestItem[];
  }
}
