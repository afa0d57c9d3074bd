// G5: compares times, order and numbers a person states with what the record says, and asks about a mismatch.
// Every recorded time counts: deploys, when alerts started, status changes (acknowledged, mitigated,
// resolved) and when the incident was opened.
import type { AlertData, DeployData, TurnDraft } from '../../types.ts';
import { allAlerts, deploys } from '../facts.ts';
import { clock, minutesBetween, plural, statedTimes } from '../times.ts';
import type { IncidentState, PolicyContext } from '../types.ts';
import { numberChecks } from './cross-check-numbers.ts';

type Subject = 'deploy' | 'alert' | 'acknowledged' | 'mitigated' | 'resolved' | 'opened';

const DEPLOY_WORDS = /\b(deploy(ed|ment|s)?|releas(e|ed)|roll(ed)? ?out|shipped|went (out|live)|push(ed)?)\b/i;
const ALERT_WORDS = /\b(alert(s|ed)?|fired|firing|paged|page went|alarm|start(ed|s|ing)?|began|begun|kicked off|first (saw|noticed|errors?|spike)|since)\b/i;
/** Status changes and the incident's opening, in the words people use for them. */
const STATUS_WORDS: [Exclude<Subject, 'deploy' | 'alert'>, RegExp][] = [
  ['acknowledged', /\b(ack(ed|d|nowledged|nowledge)?|acknowledg\w*|picked (it )?up|took (it|the page))\b/i],
  ['mitigated', /\b(mitigat\w*|stabili[sz]ed|recovered|back to normal)\b/i],
  ['resolved', /\b(resolv\w*|fixed|closed)\b/i],
  ['opened', /\b(opened|declared|raised|created)\b/i],
];
const ORDER = /\b(after|before)\s+(?:the\s+|that\s+|it\s+)?(alert|page|alarm|deploy|release|rollout)/i;

interface Clause { text: string; start: number; subject: Subject | null }

function subjectOf(text: string): Subject | null {
  const found: { subject: Subject; index: number }[] = [];
  const d = DEPLOY_WORDS.exec(text);
  if (d) found.push({ subject: 'deploy', index: d.index });
  const a = ALERT_WORDS.exec(text.replace(ORDER, ''));
  if (a) found.push({ subject: 'alert', index: a.index });
  for (const [subject, re] of STATUS_WORDS) {
    const m = re.exec(text);
    if (m) found.push({ subject, index: m.index });
  }
  // The first thing the clause names is what its time is about ("we acked it at 10:05 after the alert").
  return found.sort((x, y) => x.index - y.index)[0]?.subject ?? null;
}

function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  // A period splits only at a sentence end, so versions like v2.14.0 stay whole.
  const boundary = /[,;!?]|\.(?=\s|$)|\b(?:and|but|while|whereas|then)\b/gi;
  let last: Subject | null = null;
  let start = 0;
  for (const m of [...text.matchAll(boundary), null]) {
    const end = m ? m.index : text.length;
    const part = text.slice(start, end);
    if (part.trim()) {
      const subject: Subject | null = subjectOf(part) ?? last;
      out.push({ text: part, start, subject });
      last = subject;
    }
    start = m ? m.index + m[0].length : end;
  }
  return out;
}

function pickDeploy(s: IncidentState, text: string): DeployData | null {
  const list = deploys(s);
  const lower = text.toLowerCase();
  const named = list.filter((d) => lower.includes(d.version.toLowerCase()) || lower.includes(d.service.toLowerCase()));
  const pool = named.length ? named : list.filter((d) => d.service === s.incident.service);
  return (pool.length ? pool : list).at(-1) ?? null;
}

function pickAlert(s: IncidentState, text: string): AlertData | null {
  const list = allAlerts(s);
  return list.find((a) => text.toLowerCase().includes(a.name.toLowerCase())) ?? list[0] ?? null;
}

/** When the record says a status change happened (the first change to that status), or null. */
function statusAt(s: IncidentState, status: string): string | null {
  return s.timeline.find((e) => e.kind === 'status' && (e.data as { to?: unknown }).to === status)?.at ?? null;
}

/**
 * A stated status change with no recorded one to compare with can still contradict the record: nothing is
 * acknowledged, mitigated or resolved before the incident was opened and its first alert fired.
 */
function impossible(s: IncidentState, subject: Subject, stated: Date, raw: string, a: AlertData | null, tol: number): TurnDraft | null {
  const first = a?.startsAt ?? null;
  // The earlier of the two: nothing happened to the incident before both.
  const floor = first && Date.parse(first) < Date.parse(s.incident.openedAt) ? first : s.incident.openedAt;
  const early = minutesBetween(stated, floor);
  if (early <= tol) return null;
  const what = floor === first && a ? `${a.name} starting` : 'the incident opened';
  return {
    phase: 'guide', type: 'cross_check', rule: 'G5',
    fields: { subject, stated: stated.toISOString(), recorded: floor },
    text: `I have ${what} at ${clock(floor)}, ${plural(early, 'minute')} after ${raw}, and nothing ${subject} before that. Which time is right?`,
  };
}

function check(s: IncidentState, subject: Subject, stated: Date, raw: string, d: DeployData | null, a: AlertData | null, tol: number): TurnDraft | null {
  const recorded = subject === 'deploy' ? d?.at : subject === 'alert' ? a?.startsAt
    : subject === 'opened' ? s.incident.openedAt : statusAt(s, subject);
  // A status change not on record yet ('opened' is always on record) can still be impossible.
  if (!recorded) return subject === 'deploy' || subject === 'alert' ? null : impossible(s, subject, stated, raw, a, tol);
  // A time of day names no date: read it as the occurrence nearest the recorded time, so "09:56" about a
  // deploy at 09:46 is ten minutes off whatever day the incident is looked at.
  const day = 24 * 60;
  const wrapped = ((minutesBetween(stated, recorded) % day) + day) % day;
  const diff = wrapped > day / 2 ? wrapped - day : wrapped;
  if (Math.abs(diff) <= tol) return null;
  stated = new Date(Date.parse(recorded) - diff * 60_000);
  const what = subject === 'deploy' && d ? `${d.service} ${d.version} deployed`
    : subject === 'alert' ? `${a?.name ?? 'the alert'} starting`
      : subject === 'opened' ? 'the incident opened' : `the incident ${subject}`;
  return {
    phase: 'guide', type: 'cross_check', rule: 'G5',
    fields: { subject, stated: stated.toISOString(), recorded },
    text: `I have ${what} at ${clock(recorded)}, ${plural(Math.abs(diff), 'minute')} ${diff < 0 ? 'earlier' : 'later'} than ${raw}. Which time is right?`,
  };
}

export function crossCheck(s: IncidentState, ctx: PolicyContext, text: string): TurnDraft[] {
  const d = pickDeploy(s, text);
  const a = pickAlert(s, text);
  const turns: TurnDraft[] = [];
  const parts = clauses(text);
  const times = statedTimes(text, s.now);
  for (const t of times) {
    const clause = [...parts].reverse().find((c) => c.start <= t.index);
    if (!clause?.subject || turns.some((x) => x.fields?.subject === clause.subject)) continue;
    const turn = check(s, clause.subject, t.at, t.raw, d, a, ctx.config.crossCheckToleranceMinutes);
    if (turn) turns.push(turn);
  }
  for (const c of parts) {
    const m = ORDER.exec(c.text);
    if (!m || !d || !a) continue;
    const object: Subject = /alert|page|alarm/i.test(m[2] ?? '') ? 'alert' : 'deploy';
    const subject: Subject = c.subject && c.subject !== object ? c.subject : object === 'alert' ? 'deploy' : 'alert';
    const deployFirst = Date.parse(d.at) <= Date.parse(a.startsAt);
    const claimsDeployFirst = (subject === 'deploy') === (m[1]?.toLowerCase() === 'before');
    if (deployFirst === claimsDeployFirst || turns.some((x) => x.fields?.order)) continue;
    const gap = Math.abs(minutesBetween(d.at, a.startsAt));
    turns.push({
      phase: 'guide', type: 'cross_check', rule: 'G5',
      fields: { subject, order: claimsDeployFirst ? 'deploy_first' : 'alert_first', recorded: { deploy: d.at, alert: a.startsAt } },
      text: `My record has the ${d.service} deploy (${clock(d.at)}) ${plural(gap, 'minute')} ${deployFirst ? 'before' : 'after'} ` +
        `${a.name} started (${clock(a.startsAt)}). Which order is right?`,
    });
  }
  // Numbers a person states about something measured, against what its latest query returned.
  turns.push(...numberChecks(s, text));
  return turns;
}
