// A store file as an older Mentat left it: the schema of migrations 1..upTo (their SQL only), for tests of
// what a later migration does when the file is opened.
import Database from 'better-sqlite3';
import { migrations } from '../../coach/store/migrations.ts';

export function oldStore(path: string, upTo: number): Database.Database {
  const db = new Database(path);
  for (const m of migrations.filter((x) => x.version <= upTo)) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  return db;
}
