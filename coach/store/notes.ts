import type { Db } from './db.ts';
import type { Note } from '../types.ts';
import { CodedError } from '../types.ts';

interface Row { id: number; incident_id: number; author: string; at: string; updated_at: string; text: string; pinned: number }

const toNote = (r: Row): Note => ({
  id: r.id, incidentId: r.incident_id, author: r.author, at: r.at, updatedAt: r.updated_at, text: r.text, pinned: r.pinned === 1,
});

export class NoteRepo {
  constructor(private readonly db: Db) {}

  add(incidentId: number, author: string, at: string, text: string, pinned = false): Note {
    const info = this.db
      .prepare('INSERT INTO notes (incident_id, author, at, updated_at, text, pinned) VALUES (?, ?, ?, ?, ?, ?)')
      .run(incidentId, author, at, at, text, pinned ? 1 : 0);
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): Note {
    const r = this.db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new CodedError('note_not_found', `No note ${id}.`, 404);
    return toNote(r);
  }

  update(id: number, at: string, patch: { text?: string; pinned?: boolean }): Note {
    const before = this.get(id);
    this.db
      .prepare('UPDATE notes SET text = ?, pinned = ?, updated_at = ? WHERE id = ?')
      .run(patch.text ?? before.text, (patch.pinned ?? before.pinned) ? 1 : 0, at, id);
    return this.get(id);
  }

  list(incidentId: number): Note[] {
    return (this.db.prepare('SELECT * FROM notes WHERE incident_id = ? ORDER BY pinned DESC, id').all(incidentId) as Row[]).map(toNote);
  }
}
