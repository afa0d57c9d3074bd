// How a note writes times, quotes and queries, and how its questions are folded away and read back.
import type { NoteQuestion } from './types.ts';

export const hhmm = (iso: string): string => iso.slice(11, 16);
export const day = (iso: string): string => `${iso.slice(0, 10)} ${hhmm(iso)} UTC`;

export function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}

export function duration(mins: number): string {
  if (mins < 60) return `${mins} min`;
  const h = Math.floor(mins / 60);
  return `${h} h ${mins % 60} min`;
}

/** One line of someone's text, quoted: newlines folded, long text clipped. */
export function quote(text: string, max = 240): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}

/** A query as a fenced block; the fence grows past any backticks inside it so the text stays verbatim. */
export function fenced(query: string, language = 'promql'): string {
  const longest = Math.max(2, ...[...query.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${query}\n${fence}`;
}

export const QUESTIONS_HEADING = '## Questions for the reader';

export function questionsMarkdown(questions: NoteQuestion[]): string {
  const blocks = questions.map((q, i) => `### Q${i + 1}. ${q.question.replace(/\s+/g, ' ').trim()}\n\n<details><summary>Answer</summary>\n\n${q.answer.trim()}\n\n</details>`);
  return [QUESTIONS_HEADING, '', 'Try to answer each one before you open it.', '', blocks.join('\n\n')].join('\n');
}

/** Reads the questions back from a note's markdown (after a responder edited it); null when there is no such section. */
export function parseQuestions(markdown: string): NoteQuestion[] | null {
  const start = markdown.indexOf(QUESTIONS_HEADING);
  if (start < 0) return null;
  const rest = markdown.slice(start + QUESTIONS_HEADING.length);
  const next = rest.search(/^## /m);
  const section = next < 0 ? rest : rest.slice(0, next);
  const out: NoteQuestion[] = [];
  const parts = section.split(/^### (?:Q\d+\.\s*)?/m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf('\n');
    const question = (nl < 0 ? part : part.slice(0, nl)).trim();
    const body = nl < 0 ? '' : part.slice(nl + 1);
    const m = /<details>\s*<summary>[^<]*<\/summary>([\s\S]*?)<\/details>/i.exec(body);
    const answer = (m ? m[1] ?? '' : body).trim();
    if (question) out.push({ question, answer });
  }
  return out;
}
