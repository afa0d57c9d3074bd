// Learning notes in Slack (DESIGN §4): `/mentat notes`, the post when a note is published, and the Home
// tab's list. Retrieval practice: the channel sees the questions, never the answers; a reader who has
// thought first asks for one answer, which only they see.
import type { Incident, Note } from '../../../coach/types.ts';
import type { SlackLearningNote } from '../deps.ts';
import { context, escapeText, LIMITS, mrkdwn, truncate, type KnownBlock } from './limits.ts';

export const LEARNING_ACTIONS = {
  publish: 'mentat_note_publish',
  showAnswer: 'mentat_note_show_answer',
} as const;

/** "noteId:version" on Publish; the core checks role and version whatever the button says. */
export function noteRef(noteId: number, version: number): string {
  return `${noteId}:${version}`;
}

export function parseNoteRef(value: string | undefined): { noteId: number; version: number } | null {
  const m = /^(\d{1,12}):(\d{1,9})$/.exec(value ?? '');
  if (!m) return null;
  const noteId = Number(m[1]);
  const version = Number(m[2]);
  return noteId > 0 && version > 0 ? { noteId, version } : null;
}

/** "noteId:version:question index" on Show answer. */
export function parseAnswerRef(value: string | undefined): { noteId: number; version: number; index: number } | null {
  const m = /^(\d{1,12}):(\d{1,9}):(\d{1,2})$/.exec(value ?? '');
  if (!m) return null;
  return { noteId: Number(m[1]), version: Number(m[2]), index: Number(m[3]) };
}

const HEADING = /^#{1,6}\s+/;
/** Sections a summary never reads from: the practice questions and their answers. */
const PRACTICE = /question|practice|answer|quiz/i;

/**
 * The note's summary: its "Summary" (or "What happened") section, else its first paragraph of prose.
 * Never text from the questions section, so no answer leaks into the channel.
 */
export function noteSummary(markdown: string, max = 900): string {
  const cleaned = markdown.replace(/<details>[\s\S]*?<\/details>/gi, '');
  const lines = cleaned.split('\n');
  const at = lines.findIndex((l) => HEADING.test(l) && /summary|what happened|overview/i.test(l));
  let body: string[] = [];
  if (at >= 0) {
    for (const l of lines.slice(at + 1)) {
      if (HEADING.test(l)) break;
      body.push(l);
    }
  }
  if (!body.join('').trim()) {
    body = [];
    let inPractice = false;
    for (const l of lines) {
      if (HEADING.test(l)) {
        if (body.join('').trim()) break;
        inPractice = PRACTICE.test(l);
        continue;
      }
      if (inPractice) continue;
      if (!l.trim() && body.join('').trim()) break;
      body.push(l);
    }
  }
  return truncate(body.join('\n').trim(), max);
}

/** Markdown's bold and list bullets in Slack's mrkdwn, after escaping. */
function slackMarkdown(md: string): string {
  return escapeText(md).replace(/\*\*(.+?)\*\*/g, '*$1*').replace(/^\s*[-*] /gm, '• ');
}

export interface NotesViewData {
  incident: Incident;
  pinned: Note[];
  note: SlackLearningNote | null;
  url: string | null;
  /** How a person is shown (a mention for Slack people). */
  label: (person: string) => string;
}

const PINNED_SHOWN = 10;

/** `/mentat notes`: the pinned notes, then the learning note's state, with Publish for a draft. */
export function notesBlocks(d: NotesViewData): KnownBlock[] {
  const { incident, note, url } = d;
  const blocks: KnownBlock[] = [mrkdwn(`*Notes for ${incident.key}* ${escapeText(incident.title)} · ${incident.status}`)];
  const pinned = d.pinned.slice(-PINNED_SHOWN);
  if (pinned.length === 0) {
    blocks.push(context('No pinned notes yet: react with :pushpin: to a message, or `/mentat note …`.'));
  } else {
    const more = d.pinned.length > pinned.length ? `\n_${d.pinned.length - pinned.length} older pinned notes are in Mentat._` : '';
    blocks.push(mrkdwn(`*Pinned notes*\n${pinned.map((n) => `• ${truncate(escapeText(n.text), 280)}`).join('\n')}${more}`, LIMITS.sectionText, url));
  }
  blocks.push({ type: 'divider' });
  if (!note) {
    blocks.push(mrkdwn('*Learning note*\nNone yet. Once the incident is mitigated or resolved, `/mentat notes draft` drafts one from the record.'));
    return blocks;
  }
  const link = url ? ` · <${url}|read it in Mentat>` : '';
  const qs = `${note.questions.length} retrieval-practice question${note.questions.length === 1 ? '' : 's'}`;
  if (note.state === 'published') {
    const by = note.publishedBy ? ` by ${d.label(note.publishedBy)}` : '';
    blocks.push(mrkdwn(`*Learning note* · version ${note.version} · published${by}${note.publishedAt ? ` ${escapeText(note.publishedAt)}` : ''} · ${qs}${link}`));
    return blocks;
  }
  blocks.push(mrkdwn(`*Learning note* · version ${note.version} · draft (${escapeText(note.engine)}) · ${qs}${link}`));
  blocks.push(context('A responder reviews the draft (edit it in Mentat\'s Notes pane), then publishes exactly this version.'));
  blocks.push({ type: 'actions', elements: [{
    type: 'button', action_id: LEARNING_ACTIONS.publish, value: noteRef(note.id, note.version),
    text: { type: 'plain_text', text: `Publish version ${note.version}` },
  }] });
  return blocks;
}

/** The channel post for a published note: summary and questions, answers held back. */
export function publishedNoteBlocks(note: SlackLearningNote, incident: Pick<Incident, 'key' | 'title'>, by: string, url: string | null): KnownBlock[] {
  const blocks: KnownBlock[] = [
    mrkdwn(`:mortar_board: *Learning note for ${incident.key}* ${escapeText(incident.title)} published by ${by} (version ${note.version})`),
  ];
  const summary = noteSummary(note.markdown);
  if (summary) blocks.push(mrkdwn(slackMarkdown(summary), LIMITS.sectionText, url));
  if (note.questions.length > 0) {
    blocks.push(mrkdwn('*Before you read it: how would you answer these?*'));
    note.questions.slice(0, 10).forEach((q, i) => {
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(`${i + 1}. ${escapeText(q.question)}`, LIMITS.sectionText) },
        accessory: {
          type: 'button', action_id: LEARNING_ACTIONS.showAnswer, value: `${noteRef(note.id, note.version)}:${i}`,
          text: { type: 'plain_text', text: 'Show answer' },
        },
      });
    });
  }
  blocks.push(context(`Think first, then press *Show answer* (only you see it).${url ? ` <${url}|The whole note is in Mentat>;` : ''} \`mentat notes export ${incident.key}\` prints it as markdown.`));
  return blocks;
}

export function publishedNoteFallback(incident: Pick<Incident, 'key'>, by: string): string {
  return truncate(`Learning note for ${incident.key} published by ${by}`, LIMITS.fallbackText);
}

/** One answer, for the person who asked to see it. */
export function answerText(q: { question: string; answer: string }, index: number): string {
  return truncate(`*${index + 1}. ${escapeText(q.question)}*\n${escapeText(q.answer)}`, LIMITS.sectionText);
}

export interface PublishedNoteRow {
  incident: Pick<Incident, 'id' | 'key' | 'title'>;
  publishedAt: string | null;
  publishedBy: string | null;
}

/** The Home tab's "Recent learning notes" rows, newest first. */
export function homeNotesBlocks(rows: PublishedNoteRow[], url: (id: number) => string | null, label: (person: string) => string): KnownBlock[] {
  const blocks: KnownBlock[] = [mrkdwn('*Recent learning notes*')];
  if (rows.length === 0) {
    blocks.push(context('None published yet: after an incident, `/mentat notes draft` in its channel drafts one for a responder to publish.'));
    return blocks;
  }
  for (const r of rows) {
    const link = url(r.incident.id);
    const by = r.publishedBy ? ` · by ${label(r.publishedBy)}` : '';
    const when = r.publishedAt ? ` · ${escapeText(r.publishedAt.slice(0, 10))}` : '';
    blocks.push(mrkdwn(`*${r.incident.key}* ${escapeText(r.incident.title)}${by}${when}${link ? ` · <${link}|read it>` : ''}`));
  }
  return blocks;
}
