// The model learning-note writer: an agent reads the incident's record through read-only tools and writes
// the note's prose and questions; the facts (summary, timeline, plans, query explanations) stay the
// record's. Its answer passes the gates below or the offline writer answers, with the reason.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import { hhmm, questionsMarkdown } from '../learning/notes/format.ts';
import { NOTE_NOTICE, citedQueries, peopleOf, queriesSection, summarySection, thoughtsSection, timelineSection } from '../learning/notes/offline-writer.ts';
import { MAX_QUESTIONS, MIN_QUESTIONS } from '../learning/notes/questions.ts';
import { queryOf } from '../learning/notes/record.ts';
import { Citations } from '../learning/notes/sources.ts';
import type { NoteRecord, NoteWriter, RankedQuery, WrittenNote } from '../learning/notes/types.ts';
import { buildAgent } from './agent.ts';
import type { ModelConfig, StructuredMethod } from './config.ts';
import { createChatModel } from './chat-model.ts';
import { NOTE_SYSTEM, NOTE_TASK } from './note-prompts.ts';
import { noteTools } from './note-tools.ts';
import { EMAIL, REDACTED } from './redact.ts';
import { timesIn } from './support-gates.ts';

const MAX_SECTION = 6000;

export const NoteAnswerSchema = z.object({
  summary: z.string().describe('Two to four sentences: what happened, the impact, and how it ended. Facts from the tools only.'),
  thoughts: z.string().describe('What people thought as it unfolded: their plans and hypotheses, with who and when (HH:MM UTC).'),
  tried: z.string().describe('What was tried and why: queries run, links opened, notes, each with who, when and the plan step it advanced. A markdown list.'),
  worked: z.string().describe('What worked: the actions right before mitigation or resolution, and the status changes. A markdown list.'),
  queries: z.array(z.object({
    query: z.string().describe('A query from incident_queries, copied verbatim.'),
    why: z.string().describe('One sentence: why this query mattered in this incident.'),
  })).describe('The queries that mattered, most important first.'),
  questions: z.array(z.object({
    question: z.string().describe('A retrieval-practice question for the reader, e.g. "What would you run to see which checkout endpoints were slowest?"'),
    answer: z.string().describe('The answer from the record: the query a person ran (fenced), what was found, who and when.'),
  })).describe(`${MIN_QUESTIONS} to ${MAX_QUESTIONS} questions.`),
}).describe('A post-incident learning note.');

export type NoteAnswer = z.infer<typeof NoteAnswerSchema>;

/** Every query text people ran in the record, verbatim (trimmed). */
function recordQueries(r: NoteRecord): Set<string> {
  const out = new Set<string>();
  for (const a of r.actions) {
    const q = queryOf(a);
    if (q) out.add(q.trim());
  }
  return out;
}

function rawRecordText(r: NoteRecord): string {
  return [r.incident.title, r.incident.service ?? '', ...r.timeline.map((e) => e.summary), ...r.actions.map((a) => `${a.text}\n${queryOf(a) ?? ''}`),
    ...r.plans.flatMap((p) => p.steps.map((s) => s.text)), ...r.notes.map((n) => n.text)].join('\n');
}

const texts = (a: NoteAnswer): [string, string][] => [
  ['summary', a.summary], ['thoughts', a.thoughts], ['tried', a.tried], ['worked', a.worked],
  ...a.queries.map((q, i): [string, string] => [`query ${i + 1}'s why`, q.why]),
  ...a.questions.flatMap((q, i): [string, string][] => [[`question ${i + 1}`, q.question], [`answer ${i + 1}`, q.answer]]),
];

/** Why the answer may not be used, or null when it may. */
export function gateNoteAnswer(a: NoteAnswer, r: NoteRecord): string | null {
  if (a.questions.length < MIN_QUESTIONS || a.questions.length > MAX_QUESTIONS) return `${a.questions.length} questions; a note has ${MIN_QUESTIONS} to ${MAX_QUESTIONS}`;
  const blank = a.questions.findIndex((q) => !q.question.trim() || !q.answer.trim());
  if (blank >= 0) return `question ${blank + 1} has no ${a.questions[blank]?.question.trim() ? 'answer' : 'text'}`;
  const ran = recordQueries(r);
  const stray = a.queries.find((q) => !ran.has(q.query.trim()));
  if (stray) return `it cites a query nobody ran in ${r.incident.key}: "${stray.query.slice(0, 120)}"`;
  const raw = rawRecordText(r);
  const allowed = new Set(timesIn(r.groundingText()).map((t) => t.key).filter((k) => k.includes(':')));
  for (const [name, text] of texts(a)) {
    if (text.length > MAX_SECTION) return `the ${name} text has ${text.length} characters, over ${MAX_SECTION}`;
    if (text.includes(REDACTED) || text.includes(EMAIL)) return `the ${name} text would show a redacted placeholder`;
    for (const m of text.matchAll(/```[a-z]*\n([\s\S]*?)\n?```/g)) {
      const code = (m[1] ?? '').trim();
      if (code && !ran.has(code)) return `the ${name} text cites a query nobody ran in ${r.incident.key}: "${code.slice(0, 120)}"`;
    }
    const inline = text.replace(/```[\s\S]*?```/g, '');
    for (const m of inline.matchAll(/`([^`\n]+)`/g)) {
      const code = (m[1] ?? '').trim();
      if (code && !raw.includes(code)) return `the ${name} text quotes \`${code.slice(0, 80)}\`, which is not in the record`;
    }
    const time = timesIn(text).find((t) => t.key.includes(':') && !allowed.has(t.key));
    if (time) return `the ${name} text states a time the record does not hold ("${time.said}")`;
  }
  return null;
}

/** The model's answer as a note: its prose and questions under the note's headings, the record's facts around them. */
export function noteFromAnswer(a: NoteAnswer, r: NoteRecord, engine: string): WrittenNote {
  const cite = new Citations(r);
  const all = citedQueries(r);
  const byText = new Map<string, RankedQuery>();
  for (const q of r.queries) byText.set(q.query.trim(), q);
  const chosen = new Map<number, { q: RankedQuery; n: number }>();
  const why = new Map<string, string>();
  for (const c of a.queries) {
    const q = byText.get(c.query.trim()) ?? [...all.values()].find((v) => v.q.query.trim() === c.query.trim())?.q;
    if (!q || [...chosen.values()].some((v) => v.q === q)) continue;
    chosen.set(chosen.size + 1, { q, n: chosen.size + 1 });
    why.set(q.query, c.why.trim());
  }
  for (const q of r.queries) {
    if (a.questions.some((x) => x.answer.includes(q.query.trim()))) cite.query(q);
  }
  const prose = texts(a).map(([, t]) => t).join('\n');
  for (const x of r.actions) if (prose.includes(hhmm(x.at))) cite.action(x);
  const timeline = timelineSection(r, cite);
  const thoughts = thoughtsSection(r, cite);
  const queries = queriesSection({ ...r, queries: [...chosen.values()].map((v) => v.q) }, cite, chosen, why);
  const summary = summarySection(r, cite, peopleOf(cite.sources()));
  const questions = a.questions.map((q) => ({ question: q.question.trim(), answer: q.answer.trim() }));
  const markdown = [`# Learning note: ${r.incident.key} — ${r.incident.title}`, '', `> ${NOTE_NOTICE}`, '',
    summary, '', a.summary.trim(), '', timeline, '', thoughts.replace('## What people thought\n', `## What people thought\n\n${a.thoughts.trim()}\n`), '',
    '## What was tried and why', '', a.tried.trim(), '', '## What worked', '', a.worked.trim(), '', queries, '', questionsMarkdown(questions), ''].join('\n');
  return { markdown, questions, sources: cite.sources(), engine, fallback: null };
}

export interface ModelNoteWriterOptions {
  model: BaseChatModel;
  modelName: string;
  timeoutMs: number;
  /** Answers whenever the model fails or its answer fails a gate; usually the offline writer. */
  fallback: NoteWriter;
  method?: StructuredMethod;
}

/** A NoteWriter backed by a model agent. It never throws on the model's account. */
export function createModelNoteWriter(opts: ModelNoteWriterOptions): NoteWriter {
  return {
    engine: opts.modelName,
    async write(record) {
      const agent = buildAgent({
        model: opts.model, name: 'learning_note', engine: opts.modelName, systemPrompt: NOTE_SYSTEM, tools: noteTools(record),
        responseSchema: NoteAnswerSchema, timeoutMs: opts.timeoutMs, maxRepairs: 1, maxModelCalls: 8, maxToolCalls: 10,
        // A failed gate goes back to the model once with its problem before the offline writer answers.
        check: (value) => gateNoteAnswer(value, record),
        ...(opts.method ? { method: opts.method } : {}),
      });
      const result = await agent.run(`Incident ${record.incident.key}.\n\n${NOTE_TASK}`);
      if (result.ok) return noteFromAnswer(result.value, record, result.engine);
      return { ...(await opts.fallback.write(record)), fallback: result.reason };
    },
  };
}

/** The note writer for a configuration: the model agent over `offline` when one is configured, `offline` otherwise. */
export function noteWriterFromConfig(cfg: ModelConfig | null, offline: NoteWriter): NoteWriter {
  if (!cfg) return offline;
  return createModelNoteWriter({ model: createChatModel(cfg), modelName: cfg.model, timeoutMs: cfg.timeoutMs, method: cfg.structuredMethod, fallback: offline });
}
