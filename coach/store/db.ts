import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { migrations } from './migrations.ts';

export type Db = Database.Database;

/** Where the store lives when no path is configured: the platform's per-user data directory. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Mentat', 'mentat.db');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Mentat', 'mentat.db');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'mentat', 'mentat.db');
}

/** Opens (creating if needed) a store file, or ':memory:', and applies pending migrations. */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives a crash of the process or the machine.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();
/** Statements whose SQL is built per call (IN lists, optional clauses) are compiled once per connection. */
const STATEMENTS_PER_DB = 512;

/** `db.prepare(sql)`, kept per connection: compiling a statement costs more than running a small one. */
export function prepared(db: Db, sql: string): Database.Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map<string, Database.Statement>()));
  let stmt = m.get(sql);
  if (!stmt) {
    if (m.size >= STATEMENTS_PER_DB) m.clear();
    stmt = db.prepare(sql);
    m.set(sql, stmt);
  }
  return stmt;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      m.after?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
