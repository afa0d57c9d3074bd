// Published learning notes as team memory: what the memory ranking reads, attributed and with the
// queries each note cites (verbatim from the incident's action log).
import type { Store } from '../../store/index.ts';
import type { NoteVersionBody } from './types.ts';

export interface PublishedNoteItem {
  noteId: number;
  incidentId: number;
  incidentKey: string;
  title: string;
  service: string | null;
  version: number;
  /** The published markdown. */
  text: string;
  questions: { question: string; answer: string }[];
  queries: string[];
  publishedAt: string;
  by: string;
}

/** Published notes, newest first. */
export function publishedNoteItems(store: Store, limit = 200): PublishedNoteItem[] {
  return store.learningNotes.published(limit).flatMap((row) => {
    const body = store.learningNotes.version(row.id, row.version) as NoteVersionBody | null;
    const incident = store.incidents.find(row.incidentId);
    if (!body || !incident) return [];
    return [{
      noteId: row.id, incidentId: row.incidentId, incidentKey: incident.key, title: incident.title, service: incident.service, version: row.version,
      text: body.markdown, questions: body.questions, queries: body.sources.queries.map((q) => q.query),
      publishedAt: row.publishedAt ?? row.updatedAt, by: row.publishedBy ?? '',
    }];
  });
}
