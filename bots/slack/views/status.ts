// `/mentat status`: the incident, its plan and the team's process checklist (E1), as blocks.
import type { IncidentView } from '../../../coach/incident/api.ts';
import type { Incident } from '../../../coach/types.ts';
import { context, escapeText, LIMITS, mrkdwn, truncate, type KnownBlock } from './limits.ts';

const STEP_MARK = { open: ':white_square:', done: ':white_check_mark:', dropped: ':heavy_multiplication_x:' } as const;

export function incidentLine(incident: Incident): string {
  const service = incident.service ? ` · ${escapeText(incident.service)}` : '';
  return `*${incident.key}* ${escapeText(incident.title)} · ${incident.severity} · ${incident.status}${service}`;
}

export function checklistBlocks(view: IncidentView, fullTextUrl: string | null): KnownBlock[] {
  const items = view.checklist.filter((c) => c.applies);
  if (items.length === 0) return [];
  const lines = items.map((c) => `${c.done ? ':white_check_mark:' : ':white_square:'} ${escapeText(c.text)}`);
  return [mrkdwn(`*Process checklist*\n${lines.join('\n')}`, LIMITS.sectionText, fullTextUrl)];
}

export function statusBlocks(view: IncidentView, fullTextUrl: string | null): KnownBlock[] {
  const { incident, plan } = view;
  const blocks: KnownBlock[] = [mrkdwn(incidentLine(incident))];
  blocks.push(context(`Opened ${incident.openedAt} by ${escapeText(incident.openedBy)}` +
    `${fullTextUrl ? ` · <${fullTextUrl}|open in Mentat>` : ''}`));
  if (plan) {
    const steps = plan.steps.map((s) => `${STEP_MARK[s.state]} ${s.n}. ${escapeText(s.text)}`);
    blocks.push(mrkdwn(`*Plan* (${escapeText(plan.author)})\n${steps.join('\n')}`, LIMITS.sectionText, fullTextUrl));
  } else {
    blocks.push(mrkdwn('*Plan*\nNo plan yet. State one with `/mentat plan 1. … 2. …`.'));
  }
  blocks.push(...checklistBlocks(view, fullTextUrl));
  const pinned = view.notes.filter((n) => n.pinned).slice(-5);
  if (pinned.length > 0) {
    const lines = pinned.map((n) => `• ${truncate(escapeText(n.text), 300)}`);
    blocks.push(mrkdwn(`*Pinned notes*\n${lines.join('\n')}`, LIMITS.sectionText, fullTextUrl));
  }
  blocks.push(context(`${view.actions.length} actions logged · ${view.notes.length} notes · ${view.timeline.length} timeline events`));
  return blocks;
}
