// E1: shows the team's process guide with what is done and what is open.
import type { TurnDraft } from '../../types.ts';
import { checklist } from '../checklist.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

export function showProcess(s: IncidentState, ctx: PolicyContext): TurnDraft {
  const list = checklist(s, ctx);
  const origin = ctx.workspace.process.origin === 'default' ? 'the built-in guide' : "your team's guide";
  const lines: string[] = [];
  let section: string | null = null;
  for (const { item, done, applies } of list) {
    if (item.section !== section && item.section) lines.push(`${item.section}:`);
    section = item.section;
    const note = applies ? '' : ` (does not apply now: ${item.whenText ?? ''})`;
    lines.push(`- [${done ? 'x' : ' '}] ${item.text}${note}`);
  }
  const open = list.filter((x) => x.applies && !x.done).length;
  return {
    phase: 'explain', type: 'process', rule: 'E1',
    fields: {
      origin: ctx.workspace.process.origin,
      items: list.map(({ item, done, applies }) => ({ id: item.id, text: item.text, section: item.section, done, applies })),
    },
    text: `The process, from ${origin}; ${open} open item${open === 1 ? '' : 's'} apply now.\n${lines.join('\n')}`,
  };
}
