// Learning notes (DESIGN §4, CONTRACTS §7): one note per incident, its versions, and its state. The rules
// (who may publish, which version) live in coach/learning; this file only reads and writes rows.
import { prepared, type Db } from './db.ts';

export interface NoteRow {
  id: number;
  incidentId: number;
  state: 'draft' | 'published';
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

interface Row { id: number; incident_id: number; state: 'draft' | 'published'; version: number; created_at: string; updated_at: string; published_at: string | null; published_by: string | null }

const toRow = (r: Row): NoteRow => ({
  id: r.id, incidentId: r.incident_id, state: r.state, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  publishedAt: r.published_at, publishedBy: r.published_by,
});

export class LearningNoteRepo {
  constructor(private readonly db: Db) {}

  /** The incident's note row, created (as an empty draft) when there is none. */
  ensure(incidentId: number, at: string): NoteRow {
    this.db.prepare("INSERT INTO learning_notes (incident_id, state, version, created_at, updated_at) VALUES (?, 'draft', 0, ?, ?) ON CONFLICT (incident_id) DO NOTHING")
      .run(incidentId, at, at);
    return this.forIncident(incidentId) as NoteRow;
  }

  get(id: number): NoteRow | null {
    const r = this.db.prepare('SELECT * FROM learning_notes WHERE id = ?').get(id) as Row | undefined;
    return r ? toRow(r) : null;
  }

  forIncident(incidentId: number): NoteRow | null {
    const r = this.db.prepare('SELECT * FROM learning_notes WHERE incident_id = ?').get(incidentId) as Row | undefined;
    return r ? toRow(r) : null;
  }

  /** Adds version `version` with its body (JSON) and makes it current, if the current one is still `expect`. */
  addVersion(noteId: number, version: number, body: unknown, at: string, expect: number): boolean {
    const moved = this.db.prepare("UPDATE learning_notes SET version = ?, state = 'draft', updated_at = ?, published_at = NULL, published_by = NULL WHERE id = ? AND version = ?")
      .run(version, at, noteId, expect).changes === 1;
    if (moved) this.db.prepare('INSERT INTO learning_note_versions (note_id, version, body) VALUES (?, ?, ?)').run(noteId, version, JSON.stringify(body));
    return moved;
  }

  version(noteId: number, version: number): unknown {
    const r = this.db.prepare('SELECT body FROM learning_note_versions WHERE note_id = ? AND version = ?').get(noteId, version) as { body: string } | undefined;
    return r ? (JSON.parse(r.body) as unknown) : null;
  }

  versions(noteId: number): number[] {
    return (this.db.prepare('SELECT version FROM learning_note_versions WHERE note_id = ? ORDER BY version').all(noteId) as { version: number }[]).map((r) => r.version);
  }

  /** Publishes the current version when it is `version`; false when another version is current. */
  publish(noteId: number, version: number, by: string, at: string): boolean {
    return this.db.prepare("UPDATE learning_notes SET state = 'published', published_at = ?, published_by = ?, updated_at = ? WHERE id = ? AND version = ?")
      .run(at, by, at, noteId, version).changes === 1;
  }

  /** Notes that have a version, newest change first; `published` ones by when they were published. */
  list(opts: { state?: 'draft' | 'published' | 'all'; limit?: number } = {}): NoteRow[] {
    const state = opts.state ?? 'all';
    if (state === 'published') return this.published(opts.limit ?? 20);
    const where = state === 'draft' ? "AND state = 'draft'" : '';
    return (this.db.prepare(`SELECT * FROM learning_notes WHERE version > 0 ${where} ORDER BY updated_at DESC, id DESC LIMIT ?`).all(opts.limit ?? 20) as Row[]).map(toRow);
  }

  /** Published notes, newest first (team memory, the Home tab). */
  published(limit = 20): NoteRow[] {
    return (prepared(this.db, "SELECT * FROM learning_notes WHERE state = 'published' ORDER BY published_at DESC LIMIT ?").all(limit) as Row[]).map(toRow);
  }
}
