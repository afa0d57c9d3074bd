// The shapes the sidebar relies on, checked where they enter the page. Objects stay loose so the server
// may add fields (CONTRACTS: more fields may be added, none removed) without breaking an older build.
import { z } from 'zod';
import type { Action, Incident, Note, Plan, TimelineEvent, Turn } from '../../../coach/types.ts';
import type { CoachChange, HandleResult, IncidentView } from '../../../coach/incident/api.ts';

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

export const errorSchema = z.object({ error: z.looseObject({ code: z.string(), message: z.string() }) });

// The schemas check what the page reads; the core's own types name the rest of each object.
export const asIncident = (v: unknown): Incident => incidentSchema.parse(v) as unknown as Incident;
export const asView = (v: unknown): IncidentView => viewSchema.parse(v) as unknown as IncidentView;
export const asHandleResult = (v: unknown): HandleResult => handleResultSchema.parse(v) as unknown as HandleResult;
export const asChange = (v: unknown): CoachChange => changeSchema.parse(v) as unknown as CoachChange;
export const asNote = (v: unknown): Note => noteSchema.parse(v) as unknown as Note;
export const asIncidents = (v: unknown): Incident[] =>
  z.object({ incidents: z.array(incidentSchema) }).parse(v).incidents as unknown as Incident[];

export type { Action, Incident, Note, Plan, TimelineEvent, Turn, CoachChange, HandleResult, IncidentView };
