// Published learning notes as memory items (coach/learning/notes: publishedNoteItems): a note about a
// similar incident is remembered like the actions in it, attributed to whoever published it.
import { publishedNoteItems } from '../notes/memory.ts';
import type { ItemSource, MemoryItem } from './search.ts';

/** How many of the newest published notes are read per search; notes are few beside actions. */
const NOTES_READ = 100;

export const publishedNotes: ItemSource = (store, incidentIds) => {
  const wanted = new Set(incidentIds);
  return publishedNoteItems(store, NOTES_READ)
    .filter((n) => wanted.has(n.incidentId))
    .map((n): MemoryItem => ({
      ref: `note:${n.noteId}`, kind: 'learning_note', incidentId: n.incidentId, actor: n.by || 'a responder', at: n.publishedAt,
      text: `${n.title}: ${n.queries.join(' ')} ${n.questions.map((q) => q.question).join(' ')}`,
    }));
};
