// Retrieval-practice questions (3–7) from the record, answers folded away: "what would you run to …?"
// answered with the query a person ran, then what fired, what went out before it, what was found, what
// worked. Each answer states only record facts, and what it cites is added to the note's sources.
import { duration, fenced, hhmm, minutesBetween, quote } from './format.ts';
import { alertName } from './record.ts';
import type { Citations } from './sources.ts';
import type { NoteQuestion, NoteRecord } from './types.ts';

export const MIN_QUESTIONS = 3;
export const MAX_QUESTIONS = 7;

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function offlineQuestions(r: NoteRecord, cite: Citations): NoteQuestion[] {
  const out: NoteQuestion[] = [];
  const i = r.incident;
  const subject = i.service ? `${i.service}` : i.key;

  // What would you run to …? The queries that mattered, first those that advanced a plan step.
  const queries = [...r.queries.slice(0, 15)].sort((a, b) => Number(b.stepText !== null) - Number(a.stepText !== null)).slice(0, 3);
  for (const q of queries) {
    cite.query(q);
    const question = q.stepText
      ? `What would you run to ${lowerFirst(q.stepText.replace(/[.?!]+$/, ''))}?`
      : `${q.by} ran a query at ${hhmm(q.at)} UTC while working on ${subject}. What would you run to see the same thing, and what does it show?`;
    const first = q.explanation.split('\n')[0] ?? '';
    out.push({ question, answer: `${fenced(q.query, q.language)}\n\n${q.by} ran it at ${hhmm(q.at)} UTC${q.runs > 1 ? ` (run ${q.runs} times in all)` : ''}.${first ? ` What it does: ${first}` : ''}` });
  }

  const alert = r.timeline.find((e) => e.kind === 'alert_firing');
  if (alert) {
    cite.event(alert);
    const a = (alert.data.alert ?? {}) as { annotations?: Record<string, unknown> };
    const said = typeof a.annotations?.summary === 'string' ? ` (${quote(a.annotations.summary, 160)})` : '';
    out.push({ question: `Which alert fired first in ${i.key}, and when did it start?`, answer: `${alertName(alert)} at ${hhmm(alert.at)} UTC${said}.` });
  }

  const deploy = r.timeline.filter((e) => e.kind === 'deploy' && (!alert || e.at <= alert.at)).at(-1);
  if (deploy) {
    cite.event(deploy);
    const gap = alert ? `, ${duration(minutesBetween(deploy.at, alert.at))} before the first alert` : '';
    out.push({ question: alert ? 'Which deploy went out before the alert, and how long before it?' : `Which deploy went out during ${i.key}?`, answer: `${deploy.summary}, at ${hhmm(deploy.at)} UTC${gap}.` });
  }

  const note = r.notes.find((n) => n.pinned) ?? r.notes[0];
  const noteAction = note ? r.actions.find((a) => a.kind === 'note' && a.payload.noteId === note.id) : undefined;
  if (note && noteAction) {
    cite.action(noteAction);
    out.push({ question: `What did ${note.author} find and write down at ${hhmm(noteAction.at)} UTC?`, answer: quote(note.text, 400) });
  }

  const closing = r.statusChanges.filter((s) => s.to === 'mitigated' || s.to === 'resolved').at(-1);
  if (closing) {
    const before = r.actions.filter((a) => a.at <= closing.at && a.kind !== 'status' && a.kind !== 'plan' && a.kind !== 'say').slice(-2);
    if (before.length) {
      for (const a of before) cite.action(a);
      const verb: Record<string, string> = { query_run: 'ran a query', note: 'noted', step_done: 'marked a step done', link_opened: 'opened', rollback: 'rolled back', ack: 'acknowledged' };
      const what = before.map((a) => `${hhmm(a.at)} UTC ${a.actor} ${verb[a.kind] ?? a.kind.replace(/_/g, ' ')}${a.kind === 'query_run' ? '' : `: ${quote(a.text || a.kind, 160)}`}`).join('; ');
      out.push({ question: `What was done right before ${i.key} was ${closing.to}?`, answer: `${what}. Then ${closing.by} set it to ${closing.to} at ${hhmm(closing.at)} UTC.` });
    }
  }

  const plan = r.plans[0];
  if (plan && out.length < MAX_QUESTIONS) {
    cite.plan(plan);
    const steps = plan.steps.map((s) => `${s.n}. ${s.text} (${s.state})`).join('; ');
    out.push({ question: `What did ${plan.author} plan at ${hhmm(plan.createdAt)} UTC, and which steps got done?`, answer: steps || 'The plan had no steps.' });
  }

  // Always answerable once an incident is mitigated or resolved, so a note has at least three.
  const endEvent = closing ? r.timeline.find((e) => e.id === closing.eventId) : undefined;
  if (endEvent) cite.event(endEvent);
  const end = closing?.at ?? i.resolvedAt;
  if (end) out.push({ question: `How long did ${i.key} last, from opening to ${i.status}?`, answer: `${duration(minutesBetween(i.openedAt, end))}: opened at ${hhmm(i.openedAt)} UTC, ${i.status} at ${hhmm(end)} UTC.` });
  out.push({ question: `Which service did ${i.key} affect, and at what severity?`, answer: `${i.service ?? 'No service was recorded'}, ${i.severity}.` });
  out.push({ question: `Who opened ${i.key}?`, answer: `${i.openedBy}, at ${hhmm(i.openedAt)} UTC.` });
  return out.slice(0, MAX_QUESTIONS);
}
