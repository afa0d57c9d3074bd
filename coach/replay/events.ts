// The replay file format (CONTRACTS §2): one JSON event per line, validated here and turned into coach events.
import { z } from 'zod';
import type { CoachEvent, OpenIncidentInput } from '../incident/api.ts';

const iso = z.iso.datetime({ offset: true });
const labels = z.record(z.string(), z.string());

const base = { at: iso.describe('When the event happens; the simulated clock') };

export type ReplayLine =
  | { kind: 'incident'; at: string; open: OpenIncidentInput }
  | { kind: 'event'; at: string; event: CoachEvent };

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

/** Which key makes a line which event; the first key found wins. */
const shapes = {
  incident: incidentLine, alert: alertLine, deploy: deployLine, say: sayLine, plan: planLine,
  action: actionLine, note: noteLine, status: statusLine, tick: tickLine,
} as const;

export function parseLine(raw: unknown): ReplayLine | { error: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'expected a JSON object' };
  const key = (Object.keys(shapes) as (keyof typeof shapes)[]).find((k) => k in raw);
  if (!key) return { error: `unknown event: expected one of the keys ${Object.keys(shapes).join(', ')}` };
  const r = shapes[key].safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { error: `${key} event: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` };
  }
  return r.data;
}
