// A note as a markdown file: its text with a header comment saying which version it is and whether a
// responder published it (the CLI's `mentat notes export` prints exactly this).
import type { LearningNote } from './types.ts';

export function noteExport(note: LearningNote): string {
  const state = note.state === 'published'
    ? `published by ${note.publishedBy ?? '?'} at ${note.publishedAt ?? '?'}`
    : 'draft: not yet reviewed by a responder';
  const header = `<!-- ${note.incidentKey} learning note, version ${note.version}, ${state}; engine ${note.engine}${note.fallback ? ` (fallback: ${note.fallback.replace(/--/g, '—')})` : ''} -->`;
  return `${header}\n${note.markdown.endsWith('\n') ? note.markdown : `${note.markdown}\n`}`;
}
