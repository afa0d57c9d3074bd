// The request bodies of the API, written once: route handlers validate with these schemas and the
// renderer's client types its requests from them (type-only), so the two cannot drift apart.
import { z } from 'zod';
import { actor, isoTime, severity } from './routes/common.ts';

const text = z.string().trim().min(1).max(20_000);
const language = z.enum(['promql', 'logql', 'traceql']);
const version = z.number({ error: 'Required: the version number you reviewed, e.g. 1' }).int().positive();
const tierText = z.string().trim().min(1, 'Required: the text for this audience').max(4_000);

export const bodies = {
  openIncident: z.object({
    title: z.string().trim().min(1).max(300),
    service: z.string().trim().min(1).max(200).nullish(),
    severity: severity.optional(),
    from: actor,
  }),
  setStatus: z.object({ from: actor, status: z.enum(['open', 'acknowledged', 'mitigated', 'resolved']) }),
  say: z.object({ from: actor, text }),
  plan: z.object({ from: actor, text }),
  setStep: z.object({ from: actor, state: z.enum(['open', 'done', 'dropped']) }),
  action: z.object({
    from: actor,
    kind: z.string().trim().min(1).max(64).regex(/^[a-z][a-z0-9_.-]*$/, 'Use a lower-case kind such as query_run'),
    step: z.number().int().positive().nullish(),
    text: z.string().max(20_000).optional(),
    query: z.string().max(20_000).optional(),
    language: language.optional(),
    range: z.object({ from: isoTime, to: isoTime }).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
  addNote: z.object({ from: actor, text, pinned: z.boolean().optional() }),
  editNote: z.object({ from: actor, text: text.optional(), pinned: z.boolean().optional() })
    .refine((b) => b.text !== undefined || b.pinned !== undefined, { message: 'Send text, pinned or both', path: ['text'] }),
  startRecording: z.object({ from: actor, incident: z.number().int().positive().optional() }),
  stopRecording: z.object({ from: actor, title: z.string().trim().min(1).max(200), incident: z.number().int().positive().optional() }),
  runQuery: z.object({
    from: actor,
    query: z.string().trim().min(1).max(20_000),
    language: language.optional(),
    question: z.string().trim().min(1).max(2_000).optional().describe('the question the query was suggested for (a query card): the pair answers the next similar question'),
    suggested: z.string().trim().min(1).max(20_000).optional().describe('the query Mentat suggested, when the person edited it before running'),
    range: z.object({
      from: isoTime,
      to: isoTime,
      step: z.union([
        z.number().positive().max(86_400).describe('seconds between points'),
        z.string().regex(/^\d+(ms|s|m|h)$/, 'a duration such as 15s or 1m'),
      ]).optional(),
    }).optional(),
  }),
  supportAsk: z.object({ from: actor, question: z.string().trim().min(1, 'Required: the question to ask the dev team').max(2_000) }),
  supportEdit: z.object({
    from: actor,
    version: version.describe('the version you edited'),
    tiers: z.object({ customer: tierText, partner: tierText }).strict(),
  }),
  supportRewrite: z.object({ from: actor, version, reply: z.string().trim().min(1, 'Required: your reply in your own words').max(4_000) }),
  supportApprove: z.object({ from: actor, version: version.describe('the version you read and approve') }),
  supportWithdraw: z.object({ from: actor, reason: z.string().trim().max(500).optional() }),
  learningNoteGenerate: z.object({ from: actor }),
  learningNoteEdit: z.object({
    from: actor,
    version: version.describe('the version you edited'),
    markdown: z.string().trim().min(1, "Required: the note's text as markdown").max(200_000),
  }),
  learningNotePublish: z.object({ from: actor, version: version.describe('the version you read and publish') }),
  suggestionAnswer: z.object({ from: actor }),
} as const;

type Bodies = typeof bodies;

/** What a client sends to a route, without `from`, which the client adds for the person using it. */
export type ApiBody<K extends keyof Bodies> = Omit<z.input<Bodies[K]>, 'from'>;
