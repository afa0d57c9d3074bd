// The replay file format (CONTRACTS §2): one JSON event per line, validated here and turned into coach events.
import { z } from 'zod';
import type { CoachEvent, OpenIncidentInput } from '../incident/api.ts';

const iso = z.iso.datetime({ offset: true });
const labels = z.record(z.string(), z.string());

const base = { at: iso.describe('When the event happens; the simulated clock') };

/** Which suggestion an answer line means: its id, the newest offered to the person, or the newest of a kind. */
export type SuggestionPick = { id: number } | { last: true } | { kind: string };

/** An earlier, already resolved incident seeded into the store, so cross-incident rules (H4) have a history. */
export interface PastIncident {
  title: string;
  service: string | null;
  alerts: { name: string; service: string | null; startsAt: string; labels: Record<string, string> }[];
  actions: { from: string; at: string; kind: string; query?: string | undefined; url?: string | undefined; text?: string | undefined }[];
}

export type ReplayLine =
  | { kind: 'incident'; at: string; open: OpenIncidentInput }
  | { kind: 'event'; at: string; event: CoachEvent };

/** Lines only a scenario has: answering a suggestion, and seeding an earlier incident. */
export type ScenarioLine =
  | ReplayLine
  | { kind: 'answer'; at: string; from: string; pick: SuggestionPick; accept: boolean }
  | { kind: 'past'; at: string; past: PastIncident };

const ev = (event: CoachEvent & { at: string }): ReplayLine => ({ kind: 'event', at: event.at, event });
const from = z.string().min(1);

const incidentLine = z.object({
  ...base, from: from.optional(),
  incident: z.object({
    title: z.string().min(1), service: z.string().min(1).nullable().optional(),
    severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']).optional(), fingerprint: z.string().nullable().optional(),
  }),
}).transform((l): ReplayLine => ({ kind: 'incident', at: l.at, open: { ...l.incident, by: l.from ?? 'replay', at: l.at } }));

const alertLine = z.object({
  ...base,
  alert: z.object({
    name: z.string().min(1), service: z.string().min(1).nullable().optional(), startsAt: iso, endsAt: iso.nullable().optional(),
    status: z.enum(['firing', 'resolved']).optional(), fingerprint: z.string().nullable().optional(),
    labels: labels.default({}), annotations: labels.default({}), generatorURL: z.string().nullable().optional(),
  }),
}).transform(({ at, alert: { status, ...a } }) =>
  ev({ kind: 'alert', at, status: status ?? 'firing', alert: { ...a, service: a.service ?? null } }));

const deployLine = z.object({
  ...base,
  deploy: z.object({
    service: z.string().min(1), version: z.string().min(1), at: iso, by: z.string().min(1).default('unknown'),
    environment: z.string().nullable().optional(), url: z.string().nullable().optional(),
  }),
}).transform(({ at, deploy }) => ev({ kind: 'deploy', at, deploy: { ...deploy, source: 'replay' } }));

const sayLine = z.object({ ...base, from, say: z.string() })
  .transform((l) => ev({ kind: 'say', at: l.at, from: l.from, text: l.say }));
const planLine = z.object({ ...base, from, plan: z.string().min(1) })
  .transform((l) => ev({ kind: 'plan', at: l.at, from: l.from, text: l.plan }));
const noteLine = z.object({ ...base, from, note: z.string().min(1), pinned: z.boolean().default(false) })
  .transform((l) => ev({ kind: 'note', at: l.at, from: l.from, text: l.note, pinned: l.pinned }));
const statusLine = z.object({ ...base, from, status: z.enum(['open', 'acknowledged', 'mitigated', 'resolved']) })
  .transform((l) => ev({ kind: 'status', at: l.at, from: l.from, status: l.status }));
const actionLine = z.object({
  ...base, from,
  action: z.looseObject({
    kind: z.string().min(1), step: z.number().int().positive().nullable().optional(), text: z.string().optional(),
    query: z.string().optional(), language: z.enum(['promql', 'logql', 'traceql']).optional(),
    range: z.object({ from: iso, to: iso }).optional(), url: z.string().optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
}).transform(({ at, from: who, action: { kind, step, text, query, language, range, url, payload, ...rest } }) =>
  // Unknown action fields (a result summary, a Slack ts…) travel in the payload, as front ends send them.
  ev({ kind: 'action', at, from: who, action: { kind, step: step ?? null, text, query, language, range, url, payload: { ...rest, ...payload } } }));
const tickLine = z.object({ ...base, tick: z.literal(true) }).transform((l) => ev({ kind: 'tick', at: l.at }));

const answerLine = z.object({
  ...base, from,
  answer: z.object({
    suggestion: z.union([z.literal('last'), z.number().int().positive(), z.string().min(1)])
      .describe('"last" (the newest offered to this person), a suggestion id, or a kind such as "split_view"'),
    accept: z.boolean().describe('true accepts, false dismisses'),
  }),
}).transform(({ at, from: who, answer }): ScenarioLine => ({
  kind: 'answer', at, from: who, accept: answer.accept,
  pick: answer.suggestion === 'last' ? { last: true } : typeof answer.suggestion === 'number' ? { id: answer.suggestion } : { kind: answer.suggestion },
}));

const pastLine = z.object({
  ...base,
  past: z.object({
    incident: z.object({ title: z.string().min(1), service: z.string().min(1).nullable().optional() }),
    alerts: z.array(z.object({
      name: z.string().min(1), service: z.string().min(1).nullable().optional(), startsAt: iso, labels: labels.default({}),
    })).default([]),
    actions: z.array(z.object({
      from, at: iso, kind: z.string().min(1), query: z.string().optional(), url: z.string().optional(), text: z.string().optional(),
    })).default([]),
  }),
}).transform(({ at, past }): ScenarioLine => ({
  kind: 'past', at,
  past: {
    title: past.incident.title, service: past.incident.service ?? null,
    alerts: past.alerts.map((a) => ({ ...a, service: a.service ?? null })), actions: past.actions,
  },
}));

/** Which key makes a line which event; the first key found wins. */
const shapes = {
  incident: incidentLine, alert: alertLine, deploy: deployLine, say: sayLine, plan: planLine,
  action: actionLine, note: noteLine, status: statusLine, tick: tickLine,
} as const;
const scenarioShapes = { past: pastLine, ...shapes, answer: answerLine } as const;

function parseWith<S extends Record<string, z.ZodType>>(shapes: S, raw: unknown): z.output<S[keyof S]> | { error: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'expected a JSON object' };
  const key = Object.keys(shapes).find((k) => k in raw);
  if (!key) return { error: `unknown event: expected one of the keys ${Object.keys(shapes).join(', ')}` };
  const r = (shapes[key] as z.ZodType).safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { error: `${key} event: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` };
  }
  return r.data as z.output<S[keyof S]>;
}

/** A line of a recording (CONTRACTS §2 events): what the demo seeder and front ends replay. */
export function parseLine(raw: unknown): ReplayLine | { error: string } {
  return parseWith(shapes, raw);
}

/** A line of a `mentat replay` scenario: the recorded events plus `answer` and `past` (docs/edge-rules.md). */
export function parseScenarioLine(raw: unknown): ScenarioLine | { error: string } {
  return parseWith(scenarioShapes, raw);
}
