// E2: process items that apply and are not done, asked as questions at sensible moments. It never does them.
import type { TurnDraft } from '../../types.ts';
import type { ProcessItem } from '../../workspace/index.ts';
import { checklist } from '../checklist.ts';
import { firingAlerts, minutesSince, pastTurns, suspectDeploy } from '../facts.ts';
import type { IncidentState, PolicyContext, PolicyEvent } from '../types.ts';

interface Question { text: string; key: string }

/** The question for an item; built-in ids know the incident's details. */
function question(item: ProcessItem, s: IncidentState, ctx: PolicyContext, event: PolicyEvent): Question | null {
  const i = s.incident;
  switch (item.id) {
    case 'acknowledge': {
      const alert = event.kind === 'alert' ? event.alert.name : null;
      return {
        key: '',
        text: item.ask ?? (alert
          ? `${alert} is firing and nobody has acknowledged ${i.key} yet. Can you acknowledge it so others know someone is on it?`
          : `Can you acknowledge ${i.key} so others know someone is on it?`),
      };
    }
    case 'rollback': {
      const sd = suspectDeploy(s, ctx.config.rollbackWindowMinutes);
      if (!sd) return null;
      const { deploy: d, minutesBefore: m } = sd;
      return {
        key: `${d.service}@${d.version}@${d.at}`,
        text: item.ask ??
          `A deploy of ${d.service} (${d.version}) went out ${m} minute${m === 1 ? '' : 's'} before the alert. Can you roll back to the previous version before investigating further?`,
      };
    }
    case 'roles':
      return { key: '', text: item.ask ?? `This is a ${i.severity}. Who is the incident commander, and who handles comms?` };
    case 'comms':
      return {
        key: '',
        text: item.ask ?? `This is a ${i.severity} and customers may notice. Has someone posted a status page update and told support?`,
      };
    case 'notes':
      return { key: '', text: item.ask ?? 'Nobody has written a note yet. Can you note what you have tried and seen so far?' };
    default:
      return { key: '', text: item.ask ?? `Our process says: "${item.text}". Has someone done this yet?` };
  }
}

/** Events on which process questions may come up; a person's message gets an answer to what they said instead. */
function isMoment(event: PolicyEvent): boolean {
  return event.kind !== 'say';
}

export function missingSteps(s: IncidentState, ctx: PolicyContext, event: PolicyEvent): TurnDraft[] {
  if (!isMoment(event)) return [];
  const out: TurnDraft[] = [];
  for (const { item, applies, done } of checklist(s, ctx)) {
    if (out.length >= ctx.config.maxMissingStepsPerEvent) break;
    if (!applies || done || minutesSince(s, s.incident.openedAt) < item.afterMinutes) continue;
    // Acknowledging matters from the start, and again whenever a new alert fires on an unacknowledged incident.
    if (item.id === 'acknowledge' && event.kind !== 'opened' && !(event.kind === 'alert' && firingAlerts(s).length > 0)) continue;
    const q = question(item, s, ctx, event);
    if (!q) continue;
    const asked = pastTurns(s, 'missing_step', { step_id: item.id, key: q.key || undefined });
    if (asked.some((t) => minutesSince(s, t.at) < ctx.config.reaskAfterMinutes)) continue;
    out.push({ phase: 'explain', type: 'missing_step', rule: 'E2', text: q.text, fields: q.key ? { step_id: item.id, key: q.key } : { step_id: item.id } });
  }
  return out;
}
