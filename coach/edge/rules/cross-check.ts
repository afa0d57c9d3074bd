// G5: compares times and order a person states with what the record says, and asks about a mismatch.
import type { AlertData, DeployData, TurnDraft } from '../../types.ts';
import { allAlerts, deploys } from '../facts.ts';
import { clock, minutesBetween, plural, statedTimes } from '../times.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

type Subject = 'deploy' | 'alert';

const DEPLOY_WORDS = /\b(deploy(ed|ment|s)?|releas(e|ed)|roll(ed)? ?out|shipped|went (out|live)|push(ed)?)\b/i;
const ALERT_WORDS = /\b(alert(s|ed)?|fired|firing|paged|page went|alarm)\b/i;
const ORDER = /\b(after|before)\s+(?:the\s+|that\s+|it\s+)?(alert|page|alarm|deploy|release|rollout)/i;

interface Clause { text: string; start: number; subject: Subject | null }

function subjectOf(text: string): Subject | null {
  const d = DEPLOY_WORDS.exec(text);
  const a = ALERT_WORDS.exec(text.replace(ORDER, ''));
  if (d && (!a || d.index <= a.index)) return 'deploy';
  return a ? 'alert' : null;
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

function check(subject: Subject, stated: Date, raw: string, d: DeployData | null, a: AlertData | null, tol: number): TurnDraft | null {
  const recorded = subject === 'deploy' ? d?.at : a?.startsAt;
  if (!recorded) return null;
  // A time of day names no date: read it as the occurrence nearest the recorded time, so "09:56" about a
  // deploy at 09:46 is ten minutes off whatever day the incident is looked at.
  const day = 24 * 60;
  const wrapped = ((minutesBetween(stated, recorded) % day) + day) % day;
  const diff = wrapped > day / 2 ? wrapped - day : wrapped;
  if (Math.abs(diff) <= tol) return null;
  stated = new Date(Date.parse(recorded) - diff * 60_000);
  const what = subject === 'deploy' && d ? `${d.service} ${d.version} deployed` : `${a?.name ?? 'the alert'} starting`;
  return {
    phase: 'guide', type: 'cross_check', rule: 'G5',
    fields: { subject, stated: stated.toISOString(), recorded },
    text: `I have ${what} at ${clock(recorded)}, ${plural(Math.abs(diff), 'minute')} ${diff < 0 ? 'earlier' : 'later'} than ${raw}. Which time is right?`,
  };
}

export function crossCheck(s: IncidentState, ctx: PolicyContext, text: string): TurnDraft[] {
  const d = pickDeploy(s, text);
  const a = pickAlert(s, text);
  if (!d && !a) return [];
  const turns: TurnDraft[] = [];
  const parts = clauses(text);
  const times = statedTimes(text, s.now);
  for (const t of times) {
    const clause = [...parts].reverse().find((c) => c.start <= t.index);
    if (!clause?.subject || turns.some((x) => x.fields?.subject === clause.subject)) continue;
    const turn = check(clause.subject, t.at, t.raw, d, a, ctx.config.crossCheckToleranceMinutes);
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
  return turns;
}
