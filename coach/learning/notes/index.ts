// Learning notes (DESIGN §4, CONTRACTS §7): a draft from the incident's record once it is mitigated or
// resolved, reviewed and published by a responder, exported as markdown, and read back as team memory.
export * from './types.ts';
export { createLearningNotes, MAX_NOTE_CHARS, type LearningNotesDeps, type LearningNotesService } from './service.ts';
export { offlineNoteWriter, writeOffline, NOTE_NOTICE, SECTION_HEADINGS } from './offline-writer.ts';
export { readRecord, explainQuery, queryOf, MAX_CITED_QUERIES } from './record.ts';
export { MAX_QUESTIONS, MIN_QUESTIONS } from './questions.ts';
export { parseQuestions, questionsMarkdown } from './format.ts';
export { noteExport } from './export.ts';
export { publishedNoteItems, type PublishedNoteItem } from './memory.ts';
