// Post-incident learning notes (H6): review, edit, publish, export, and the reader's question cards.
export { LearningNoteSection, noteReady } from './LearningNoteSection.tsx';
export { Markdown } from './Markdown.tsx';
export { parseInline, parseMarkdown, plainText, sectionTitles, type Block, type Inline } from './markdown.ts';
export { newerNote, useLearningNote } from './useLearningNote.ts';
