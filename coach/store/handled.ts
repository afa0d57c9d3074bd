// Requests a transport already handled (Slack's event ids and retry keys), durable across restarts.
import type { Db } from './db.ts';

/** How long a key is remembered: longer than Slack retries (about an hour at most). */
export const HANDLED_RETENTION_MS = 2 * 3_600_000;

export class HandledRepo {
  private readonly claimStmt;
  private readonly seenStmt;
  private readonly pruneStmt;

  constructor(db: Db) {
    this.claimStmt = db.prepare('INSERT INTO handled_requests (key, at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING');
    this.seenStmt = db.prepare('SELECT 1 FROM handled_requests WHERE key = ? AND at >= ?');
    this.pruneStmt = db.prepare('DELETE FROM handled_requests WHERE at < ?');
  }

  /** True when this is the key's first claim (within the retention window); false for a repeat. */
  claim(key: string, at: string): boolean {
    // Expired rows go first (the key's own included: it is new again); only they match the index range.
    this.prune(at);
    return this.claimStmt.run(key, at).changes === 1;
  }

  seen(key: string, at: string): boolean {
    return this.seenStmt.get(key, new Date(Date.parse(at) - HANDLED_RETENTION_MS).toISOString()) !== undefined;
  }

  prune(at: string): number {
    return this.pruneStmt.run(new Date(Date.parse(at) - HANDLED_RETENTION_MS).toISOString()).changes;
  }
}
