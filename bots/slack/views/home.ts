// The App Home tab: the person's open incidents first, then the team's other open incidents, then the
// team's recent learning notes.
import type { Incident } from '../../../coach/types.ts';
import type { types } from '@slack/bolt';
import { homeNotesBlocks, type PublishedNoteRow } from './learning.ts';
import { context, escapeText, LIMITS, mrkdwn, type KnownBlock } from './limits.ts';
import { incidentLine } from './status.ts';

export interface HomeData {
  name: string;
  mine: Incident[];
  others: Incident[];
  incidentUrl: (id: number) => string | null;
  /** Recently published learning notes, newest first; the section is left out when undefined. */
  notes?: PublishedNoteRow[];
  /** How a person is shown (a mention for Slack people). */
  label?: (person: string) => string;
}

function row(inc: Incident, url: string | null): KnownBlock {
  const where = inc.channel ? ` · <#${inc.channel}>` : '';
  const link = url ? ` · <${url}|open>` : '';
  return mrkdwn(`${incidentLine(inc)}${where}${link}`);
}

export function homeView(d: HomeData): types.HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Mentat' } },
    context(`Hi ${escapeText(d.name)}. Work an incident from its channel with \`/mentat\`; \`/mentat help\` lists the commands.`),
    mrkdwn('*Your open incidents*'),
  ];
  if (d.mine.length === 0) blocks.push(context('None: incidents you open or act on show up here.'));
  for (const inc of d.mine) blocks.push(row(inc, d.incidentUrl(inc.id)));
  if (d.others.length > 0) {
    blocks.push({ type: 'divider' }, mrkdwn('*Other open incidents*'));
    for (const inc of d.others) blocks.push(row(inc, d.incidentUrl(inc.id)));
  }
  const notes: KnownBlock[] = d.notes
    ? [{ type: 'divider' }, ...homeNotesBlocks(d.notes, d.incidentUrl, d.label ?? ((p) => escapeText(p)))]
    : [];
  // A Home view holds at most 100 blocks. The notes keep their room; the newest incidents come first,
  // so cutting drops the oldest incidents.
  const room = LIMITS.homeBlocks - notes.length;
  const fitted = blocks.length > room
    ? [...blocks.slice(0, room - 1), context('More open incidents are listed in Mentat.')]
    : blocks;
  return { type: 'home', blocks: [...fitted, ...notes] };
}
