// The shapes the sidebar relies on, checked where they enter the page. Objects stay loose so the server
// may add fields (CONTRACTS: more fields may be added, none removed) without breaking an older build.
import { z } from 'zod';
import type { Action, Incident, Note, Plan, TimelineEvent, Turn } from '../../../coach/types.ts';
import type { CoachChange, HandleResult, IncidentView } from '../../../coach/incident/api.ts';
import type { SupportChange, SupportQuestion } from '../../../coach/support/types.ts';
import { learningChangeSchema, suggestionChangeSchema, type LearningChange, type SuggestionChange } from './learning.ts';

const record = z.record(z.string(), z.unknown());

export const incidentSchema = z.looseObject({
  id: z.number(),
  key: z.string(),
  title: z.string(),
  service: z.string().nullable(),
  severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
  status: z.enum(['open', 'acknowledged', 'mitigated', 'resolved']),
  openedAt: z.string(),
  openedBy: z.string(),
});

export const timelineEventSchema = z.looseObject({
  id: z.number(),
  incidentId: z.number(),
  at: z.string(),
  kind: z.string(),
  summary: z.string(),
  data: record.default({}),
});

export const planSchema = z.looseObject({
  id: z.number(),
  incidentId: z.number(),
  author: z.string(),
  createdAt: z.string(),
  text: z.string(),
  steps: z.array(z.looseObject({ n: z.number(), text: z.string(), state: z.enum(['open', 'done', 'dropped']) })),
});

export const noteSchema = z.looseObject({
  id: z.number(),
  incidentId: z.number(),
  author: z.string(),
  at: z.string(),
  text: z.string(),
  pinned: z.boolean(),
});

export const actionSchema = z.looseObject({
  id: z.number(),
  actor: z.string(),
  at: z.string(),
  kind: z.string(),
  step: z.number().nullable(),
  text: z.string(),
  payload: record.default({}),
});

export const turnSchema = z.looseObject({
  id: z.number(),
  incidentId: z.number(),
  at: z.string(),
  phase: z.enum(['explain', 'demonstrate', 'guide', 'enhance']),
  type: z.string(),
  rule: z.string(),
  text: z.string(),
  engine: z.string(),
  fields: record.optional(),
});

export const viewSchema = z.looseObject({
  incident: incidentSchema,
  timeline: z.array(timelineEventSchema),
  plan: planSchema.nullable(),
  notes: z.array(noteSchema),
  actions: z.array(actionSchema),
  turns: z.array(turnSchema),
  checklist: z.array(z.looseObject({ id: z.string(), text: z.string(), done: z.boolean(), applies: z.boolean() })),
});

export const handleResultSchema = z.looseObject({
  incident: incidentSchema,
  turns: z.array(turnSchema),
  timeline: timelineEventSchema.nullish(),
  action: actionSchema.nullish(),
  plan: planSchema.nullish(),
  note: noteSchema.nullish(),
});

export const changeSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('incident'), incident: incidentSchema }),
  z.looseObject({ type: z.literal('timeline'), incidentId: z.number(), event: timelineEventSchema }),
  z.looseObject({ type: z.literal('turn'), incidentId: z.number(), turn: turnSchema }),
  z.looseObject({ type: z.literal('action'), incidentId: z.number(), action: actionSchema }),
  z.looseObject({ type: z.literal('plan'), incidentId: z.number(), plan: planSchema }),
  z.looseObject({ type: z.literal('note'), incidentId: z.number(), note: noteSchema }),
]);

export const errorSchema = z.object({ error: z.looseObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

const supportState = z.enum(['asked', 'ai_draft', 'dev_review', 'rewritten', 'published', 'withdrawn']);
const tiersSchema = z.looseObject({ customer: z.string(), partner: z.string() });

export const supportQuestionSchema = z.looseObject({
  id: z.number(),
  incidentId: z.number(),
  state: supportState,
  question: z.string(),
  askedBy: z.string(),
  askedAt: z.string(),
  version: z.number(),
  draft: z.looseObject({ text: z.string(), label: z.string(), engine: z.string(), fallback: z.string().nullish() }),
  candidate: z.looseObject({
    version: z.number(),
    tiers: tiersSchema,
    missing: z.array(z.string()).default([]),
    asks: z.array(z.string()).default([]),
    by: z.string(),
    engine: z.string(),
    kind: z.string(),
    notice: z.string().nullish(),
    unsafe: z.array(z.looseObject({ tier: z.enum(['customer', 'partner']), kind: z.string(), text: z.string() })).default([]),
  }),
  answer: z.looseObject({ tiers: tiersSchema, version: z.number(), approvedBy: z.string(), publishedAt: z.string() }).nullable(),
  audit: z.array(z.looseObject({ at: z.string(), by: z.string(), state: supportState, action: z.string(), text: z.string() })).default([]),
});

export const publishedAnswerSchema = z.looseObject({
  questionId: z.number(),
  question: z.string(),
  askedBy: z.string(),
  tiers: tiersSchema,
  version: z.number(),
  approvedBy: z.string(),
  publishedAt: z.string(),
});
export type PublishedAnswer = z.infer<typeof publishedAnswerSchema>;

export const meSchema = z.looseObject({
  mode: z.enum(['team', 'solo', 'shared']),
  person: z.string().nullable(),
  roles: z.array(z.string()),
  display: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const supportChangeSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('support_question'), incidentId: z.number(), question: supportQuestionSchema }),
  z.looseObject({ type: z.literal('support_batch'), incidentId: z.number(), batch: z.looseObject({ id: z.number() }), questions: z.array(supportQuestionSchema) }),
  z.looseObject({ type: z.literal('support_published'), incidentId: z.number(), question: supportQuestionSchema }),
]);

/** Everything the event stream carries that the page understands. */
export type LiveChange = CoachChange | SupportChange | LearningChange | SuggestionChange;

// The schemas check what the page reads; the core's own types name the rest of each object.
export const asIncident = (v: unknown): Incident => incidentSchema.parse(v) as unknown as Incident;
export const asView = (v: unknown): IncidentView => viewSchema.parse(v) as unknown as IncidentView;
export const asHandleResult = (v: unknown): HandleResult => handleResultSchema.parse(v) as unknown as HandleResult;
export const asChange = (v: unknown): LiveChange => {
  const type = (v as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && type.startsWith('support_')) return supportChangeSchema.parse(v) as unknown as SupportChange;
  if (type === 'learning_note') return learningChangeSchema.parse(v);
  if (type === 'suggestion') return suggestionChangeSchema.parse(v);
  return changeSchema.parse(v) as unknown as CoachChange;
};
export const asQuestion = (v: unknown): SupportQuestion =>
  z.object({ question: supportQuestionSchema }).parse(v).question as unknown as SupportQuestion;
export const asQuestions = (v: unknown): SupportQuestion[] =>
  z.object({ questions: z.array(supportQuestionSchema) }).parse(v).questions as unknown as SupportQuestion[];
export const asAnswers = (v: unknown): PublishedAnswer[] => z.object({ answers: z.array(publishedAnswerSchema) }).parse(v).answers;
export const asMe = (v: unknown): Me => meSchema.parse(v);
export const asNote = (v: unknown): Note => noteSchema.parse(v) as unknown as Note;
export const asIncidents = (v: unknown): Incident[] =>
  z.object({ incidents: z.array(incidentSchema) }).parse(v).incidents as unknown as Incident[];

export type { Action, Incident, Note, Plan, TimelineEvent, Turn, CoachChange, HandleResult, IncidentView, SupportChange, SupportQuestion };
