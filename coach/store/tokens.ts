// Per-person API tokens. Only a SHA-256 of each token is kept: tokens are 256 random bits, so a fast hash
// is enough (there is nothing to brute-force), and a stolen store file holds no usable credential.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

export const TOKEN_PREFIX = 'mnt_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export class TokenRepo {
  private readonly countStmt;
  private readonly byHashStmt;

  constructor(private readonly db: Db) {
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM person_tokens');
    this.byHashStmt = db.prepare('SELECT person FROM person_tokens WHERE hash = ?');
  }

  /** Creates a token for the person, replacing any older one; returns it (the store keeps only its hash). */
  issue(person: string, at: string): string {
    const token = newToken();
    this.db.prepare('INSERT INTO person_tokens (person, hash, created_at) VALUES (?, ?, ?) ' +
      'ON CONFLICT(person) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at').run(person, hashToken(token), at);
    return token;
  }

  revoke(person: string): boolean {
    return this.db.prepare('DELETE FROM person_tokens WHERE person = ?').run(person).changes > 0;
  }

  /** The person a presented token belongs to, or null. The lookup is by hash, so it leaks no timing about the token. */
  personFor(token: string): string | null {
    const row = this.byHashStmt.get(hashToken(token)) as { person: string } | undefined;
    return row?.person ?? null;
  }

  /** How many people have a token: with any, the server is a team server. */
  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  list(): { person: string; createdAt: string }[] {
    return (this.db.prepare('SELECT person, created_at FROM person_tokens ORDER BY person').all() as { person: string; created_at: string }[])
      .map((r) => ({ person: r.person, createdAt: r.created_at }));
  }
}
