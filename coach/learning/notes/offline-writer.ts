// The offline learning-note writer: a structured markdown note built only from the incident's record.
// Every line cites what it states (Citations), so `sources` is exactly what the note relies on.
import type { Action } from '../../types.ts';
import { day, duration, fenced, hhmm, minutesBetween, questionsMarkdown, quote } from './format.ts';
import { offlineQuestions } from './questions.ts';
import { MAX_CITED_QUERIES, alertName } from './record.ts';
import { Citations } from './sources.ts';
import type { NoteRecord, NoteWriter, RankedQuery, WrittenNote } from './types.ts';

const TIMELINE_KINDS = new Set(['opened', 'alert_firing', 'alert_resolved', 'deploy', 'status', 'role']);
const ALWAYS_KINDS = new Set(['opened', 'status', 'role']);
const MAX_TIMELINE = 60;
const MAX_TRIED = 80;
const SKIP_TRIED = new Set(['plan', 'status']);

export const NOTE_NOTICE = 'Written from the incident record. A draft until a responder reviews and publishes it.';

/** The parts every note has, in order (the model writer fills the same headings). */
export const SECTION_HEADINGS = ['## Summary', '## Timeline', '## What people thought', '## What was tried and why', '## What worked', '## Queries that mattered', '## Questions for the reader'] as const;

/** At most `max` items: every must-keep one, the rest filled in time order; how many were left out. */
function pick<T>(xs: T[], max: number, keep: (x: T) => boolean): { items: T[]; left: number } {
  if (xs.length <= max) return { items: xs, left: 0 };
  const must = new Set(xs.filter(keep).slice(0, max));
  let room = max - must.size;
  const items = xs.filter((x) => must.has(x) || (room-- > 0));
  return { items, left: xs.length - items.length };
}

export function timelineSection(r: NoteRecord, cite: Citations): string {
  const events = r.timeline.filter((e) => TIMELINE_KINDS.has(e.kind));
  const { items, left } = pick(events, MAX_TIMELINE, (e) => ALWAYS_KINDS.has(e.kind));
  const lines = items.map((e) => `- **${hhmm(cite.event(e).at)}** ${e.kind.replace('_', ' ')}: ${e.summary}`);
  if (left) lines.push(`- … and ${left} more alert and deploy events in the record.`);
  return ['## Timeline', '', lines.length ? lines.join('\n') : 'The timeline holds no alerts, deploys or status changes.'].join('\n');
}

export function thoughtsSection(r: NoteRecord, cite: Citations): string {
  const mark = { done: '[x]', open: '[ ]', dropped: '[-]' } as const;
  const plans = r.plans.slice(-20).map((p) => {
    cite.plan(p);
    const steps = p.steps.map((s) => `${s.n}. ${mark[s.state]} ${s.text}${s.state === 'done' ? ` — done at ${hhmm(s.updatedAt)} UTC` : s.state === 'dropped' ? ` — dropped at ${hhmm(s.updatedAt)} UTC` : ' — still open'}`);
    return [`### ${p.author}'s plan at ${hhmm(p.createdAt)} UTC`, '', ...steps].join('\n');
  });
  return ['## What people thought', '', plans.length ? plans.join('\n\n') : 'Nobody stated a plan in this incident.'].join('\n');
}

function inlineQuery(q: string): string {
  return q.includes('`') || q.length > 160 ? '(the query is listed under "Queries that mattered")' : `\`${q.replace(/\s+/g, ' ')}\``;
}

export function actionLine(r: NoteRecord, a: Action, cited: Map<number, { q: RankedQuery; n: number }>, cite: Citations): string {
  cite.action(a);
  const st = r.stepOf(a);
  const step = st ? ` for step ${st.n} ("${st.text}")` : '';
  const text = a.text.trim();
  let what: string;
  if (a.kind === 'query_run' || typeof a.payload.query === 'string') {
    const c = cited.get(a.id);
    what = c ? `ran query ${c.n} ${inlineQuery(c.q.query)}` : 'ran a query';
  } else if (a.kind === 'link_opened') {
    const url = typeof a.payload.url === 'string' ? a.payload.url : '';
    what = `opened ${url || quote(text)}${url && text && text !== url ? ` (${quote(text, 120)})` : ''}`;
  } else if (a.kind === 'note') what = `noted ${quote(text)}`;
  else if (a.kind === 'step_done') what = `marked the step done${text ? `: ${quote(text)}` : ''}`;
  else if (a.kind === 'say') what = `said ${quote(text)}`;
  else if (a.kind === 'ack') what = `acknowledged the page${text && text !== 'acknowledged the page' ? `: ${quote(text)}` : ''}`;
  else if (a.kind === 'rollback') what = `rolled back${text ? `: ${quote(text)}` : ''}`;
  else what = `${a.kind.replace(/_/g, ' ')}${text ? `: ${quote(text)}` : ''}`;
  return `- **${hhmm(a.at)}** ${a.actor} ${what}${step}`;
}

export function triedSection(r: NoteRecord, cite: Citations, cited: Map<number, { q: RankedQuery; n: number }>): string {
  const tried = r.actions.filter((a) => !SKIP_TRIED.has(a.kind));
  const half = MAX_TRIED / 2;
  const shown = tried.length <= MAX_TRIED ? tried : [...tried.slice(0, half), ...tried.slice(-half)];
  const lines = shown.map((a) => actionLine(r, a, cited, cite));
  if (tried.length > MAX_TRIED) lines.splice(half, 0, `- … ${tried.length - MAX_TRIED} more actions in the action log …`);
  return ['## What was tried and why', '', lines.length ? lines.join('\n') : 'The action log holds nothing people did in this incident.'].join('\n');
}

export function workedSection(r: NoteRecord, cite: Citations, cited: Map<number, { q: RankedQuery; n: number }>): string {
  const out: string[] = [];
  const closing = r.statusChanges.filter((s) => s.to === 'mitigated' || s.to === 'resolved');
  const events = new Map(r.timeline.map((e) => [e.id, e] as const));
  let i = 0;
  const before: Action[] = [];
  for (const s of closing) {
    while (i < r.actions.length && (r.actions[i]?.at ?? '') <= s.at) {
      const a = r.actions[i] as Action;
      if (!SKIP_TRIED.has(a.kind) && a.kind !== 'say') before.push(a);
      i++;
    }
    const ev = events.get(s.eventId);
    if (ev) cite.event(ev);
    out.push(`**${s.to === 'resolved' ? 'Resolved' : 'Mitigated'} at ${hhmm(s.at)} UTC by ${s.by}.** Right before it:`, '');
    const last = before.slice(-3);
    out.push(last.length ? last.map((a) => actionLine(r, a, cited, cite)).join('\n') : '- nothing in the action log.', '');
  }
  if (!closing.length) out.push(`The record does not say what brought ${r.incident.key} to ${r.incident.status}.`, '');
  const done = r.plans.flatMap((p) => p.steps.filter((s) => s.state === 'done').map((s) => ({ p, s })));
  if (done.length) {
    out.push('Steps marked done:', '', ...done.slice(-10).map(({ p, s }) => `- step ${s.n} of ${cite.plan(p).author}'s plan, "${s.text}" (done at ${hhmm(s.updatedAt)} UTC)`));
  }
  return ['## What worked', '', out.join('\n').trim()].join('\n');
}

export function queriesSection(r: NoteRecord, cite: Citations, cited: Map<number, { q: RankedQuery; n: number }>, why?: Map<string, string>): string {
  const top = [...cited.values()].sort((a, b) => a.n - b.n);
  const blocks = top.map(({ q, n }) => {
    cite.query(q);
    const lines = [`### Query ${n}: ${q.by} at ${hhmm(q.at)} UTC`, '', fenced(q.query, q.language), ''];
    if (why?.get(q.query)) lines.push(`- Why it mattered: ${why.get(q.query) ?? ''}`);
    lines.push(`- Ranked for: ${q.reasons.length ? q.reasons.join('; ') : 'run once'}`);
    if (q.people.length > 1) lines.push(`- Run by: ${q.people.join(', ')}`);
    lines.push('- What it does:', ...q.explanation.split('\n').map((l) => `  - ${l}`));
    return lines.join('\n');
  });
  const more = r.queries.length - top.length;
  if (more > 0) blocks.push(`… and ${more} more distinct queries in the action log.`);
  return ['## Queries that mattered', '', blocks.length ? blocks.join('\n\n') : 'Nobody ran a query in this incident.'].join('\n');
}

export function summarySection(r: NoteRecord, cite: Citations, people: string[]): string {
  const i = r.incident;
  const firstAlert = r.timeline.find((e) => e.kind === 'alert_firing');
  const mitigated = r.statusChanges.find((s) => s.to === 'mitigated');
  const resolved = [...r.statusChanges].reverse().find((s) => s.to === 'resolved');
  const events = new Map(r.timeline.map((e) => [e.id, e] as const));
  const citeStatus = (s: { eventId: number } | undefined): void => { const e = s && events.get(s.eventId); if (e) cite.event(e); };
  citeStatus(mitigated);
  citeStatus(resolved);
  const opened = r.timeline.find((e) => e.kind === 'opened');
  if (opened) cite.event(opened);
  const end = resolved?.at ?? i.resolvedAt ?? mitigated?.at ?? null;
  const lines = [
    `- **Incident:** ${i.key}, "${i.title}"`,
    `- **Service:** ${i.service ?? 'not recorded'} · **Severity:** ${i.severity} · **Status:** ${i.status}`,
    `- **Opened:** ${day(i.openedAt)} by ${i.openedBy}`,
  ];
  if (firstAlert) lines.push(`- **First alert:** ${alertName(firstAlert)} at ${hhmm(cite.event(firstAlert).at)} UTC`);
  if (mitigated) lines.push(`- **Mitigated:** ${day(mitigated.at)} by ${mitigated.by}`);
  if (resolved) lines.push(`- **Resolved:** ${day(resolved.at)} by ${resolved.by}`);
  else if (i.resolvedAt) lines.push(`- **Resolved:** ${day(i.resolvedAt)}`);
  if (end) lines.push(`- **Duration:** ${duration(minutesBetween(i.openedAt, end))}, from opening (${hhmm(i.openedAt)} UTC) to ${resolved || i.resolvedAt ? 'resolution' : 'mitigation'} (${hhmm(end)} UTC)`);
  if (people.length) lines.push(`- **People:** ${people.join(', ')}`);
  return ['## Summary', '', lines.join('\n')].join('\n');
}

/** The queries the note cites, numbered in rank order, by the action id of each person's runs. */
export function citedQueries(r: NoteRecord): Map<number, { q: RankedQuery; n: number }> {
  const top = r.queries.slice(0, MAX_CITED_QUERIES);
  const byKey = new Map(top.map((q, k) => [q.query.trim().replace(/\s+/g, ' '), { q, n: k + 1 }] as const));
  const out = new Map<number, { q: RankedQuery; n: number }>();
  for (const a of r.actions) {
    const text = typeof a.payload.query === 'string' ? a.payload.query : a.kind === 'query_run' ? a.text : '';
    const hit = byKey.get(text.trim().replace(/\s+/g, ' '));
    if (hit) out.set(a.id, hit);
  }
  // The first run of each query stands for it when the section lists them.
  for (const v of byKey.values()) out.set(v.q.actionId, v);
  return out;
}

export function uniqueCited(cited: Map<number, { q: RankedQuery; n: number }>): Map<number, { q: RankedQuery; n: number }> {
  return new Map([...cited.values()].map((v) => [v.n, v] as const));
}

export function peopleOf(sources: ReturnType<Citations['sources']>): string[] {
  const names = [...sources.actions.map((a) => a.by), ...sources.plans.map((p) => p.by), ...sources.queries.map((q) => q.by)];
  return [...new Set(names)].filter((n) => n && n !== 'mentat' && n !== 'ai');
}

export function writeOffline(r: NoteRecord): WrittenNote {
  const cite = new Citations(r);
  const cited = citedQueries(r);
  const timeline = timelineSection(r, cite);
  const thoughts = thoughtsSection(r, cite);
  const tried = triedSection(r, cite, cited);
  const worked = workedSection(r, cite, cited);
  const queries = queriesSection(r, cite, uniqueCited(cited));
  const questions = offlineQuestions(r, cite);
  const summary = summarySection(r, cite, peopleOf(cite.sources()));
  const markdown = [`# Learning note: ${r.incident.key} — ${r.incident.title}`, '', `> ${NOTE_NOTICE}`, '',
    summary, '', timeline, '', thoughts, '', tried, '', worked, '', queries, '', questionsMarkdown(questions), ''].join('\n');
  return { markdown, questions, sources: cite.sources(), engine: 'offline', fallback: null };
}

export const offlineNoteWriter: NoteWriter = {
  engine: 'offline',
  write: (record) => Promise.resolve(writeOffline(record)),
};
