// The learning-note agent's tools: read-only views of one incident's record. None may change, send, fetch
// or run anything; incident text is untrusted, so a model steered by it has nothing to act with.
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { NoteRecord } from '../learning/notes/types.ts';
import { MAX_CITED_QUERIES } from '../learning/notes/record.ts';
import { wrapUntrusted } from './prompts.ts';

const PAGE = 60;
const t = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const clip = (s: string, max = 300): string => { const one = s.replace(/\s+/g, ' ').trim(); return one.length > max ? `${one.slice(0, max - 1)}…` : one; };

const page = z.object({
  offset: z.number().int().min(0).optional().describe('How many entries to skip from the oldest (0 when left out).'),
}).describe(`Pages of ${PAGE} entries, oldest first.`);

function paged(lines: string[], offset: number | undefined, label: string): string {
  const from = offset ?? 0;
  const slice = lines.slice(from, from + PAGE);
  if (!slice.length) return `No ${label} entries from offset ${from} (there are ${lines.length}).`;
  const more = lines.length > from + PAGE ? `\n(${lines.length - from - PAGE} more: call again with offset ${from + PAGE})` : '';
  return wrapUntrusted(label, slice.join('\n')) + more;
}

export function noteTools(r: NoteRecord): StructuredToolInterface[] {
  const i = r.incident;
  const summary = tool(() => JSON.stringify({
    key: i.key, title: i.title, service: i.service, severity: i.severity, status: i.status, openedAt: t(i.openedAt), openedBy: i.openedBy,
    resolvedAt: i.resolvedAt ? t(i.resolvedAt) : null, statusChanges: r.statusChanges.map((s) => `${t(s.at)} ${s.from} → ${s.to} by ${s.by}`),
  }), { name: 'incident_summary', description: 'The incident: key, title, service, severity, status, when it opened and resolved, its status changes. Read-only.', schema: z.object({}).describe('No arguments.') });

  const timeline = tool(({ offset }) => paged(r.timeline.map((e) => `${t(e.at)} ${e.kind}: ${clip(e.summary)}`), offset, 'timeline'),
    { name: 'incident_timeline', description: 'Timeline events (alerts, deploys, status and role changes), oldest first. Read-only.', schema: page });

  const plans = tool(() => (r.plans.length
    ? wrapUntrusted('plans', r.plans.map((p) => `${p.author}'s plan at ${t(p.createdAt)}:\n${p.steps.map((s) => `  ${s.n}. ${clip(s.text, 200)} [${s.state}, ${t(s.updatedAt)}]`).join('\n')}`).join('\n'))
    : 'Nobody stated a plan.'), { name: 'incident_plans', description: 'Each plan people stated, with author, time, steps and their states. Read-only.', schema: z.object({}).describe('No arguments.') });

  const actions = tool(({ offset }) => paged(r.actions.map((a) => {
    const st = r.stepOf(a);
    return `${t(a.at)} ${a.actor} ${a.kind}${st ? ` (step ${st.n}: ${clip(st.text, 120)})` : ''}: ${clip(a.text)}`;
  }), offset, 'actions'), { name: 'incident_actions', description: 'What people did (queries run, links opened, notes, steps done, what they said), oldest first, with the plan step each advanced. Read-only.', schema: page });

  const queries = tool(() => (r.queries.length
    ? r.queries.slice(0, MAX_CITED_QUERIES).map((q, k) => wrapUntrusted(`query ${k + 1}`, JSON.stringify({
      query: q.query, firstRunBy: q.by, firstRunAt: t(q.at), runs: q.runs, people: q.people, step: q.stepText, reasons: q.reasons, explanation: q.explanation,
    }))).join('\n')
    : 'Nobody ran a query in this incident.'), { name: 'incident_queries', description: 'The queries people ran, deduplicated and ranked (run often, right before a status change, attached to a plan step), each with its explanation. Cite them verbatim. Read-only.', schema: z.object({}).describe('No arguments.') });

  return [summary, timeline, plans, actions, queries];
}
