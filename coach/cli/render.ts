// Readable output for people at a terminal; --json prints the server's answer instead.
import type { HandleResult, IncidentView } from '../incident/api.ts';
import type { Incident, Plan, Turn } from '../types.ts';

export function turnLine(t: Pick<Turn, 'phase' | 'rule' | 'text'>): string {
  return `[${t.phase} · ${t.rule}] ${t.text}`;
}

export function incidentLine(i: Incident): string {
  return `${i.key} · ${i.severity} · ${i.status}${i.service ? ` · ${i.service}` : ''} · ${i.title}`;
}

export function planLines(p: Plan): string[] {
  const mark = { open: '[ ]', done: '[x]', dropped: '[-]' } as const;
  return [`Plan by ${p.author}:`, ...p.steps.map((s) => `  ${mark[s.state]} ${s.n}. ${s.text}`)];
}

export function resultLines(r: HandleResult): string[] {
  return r.turns.map(turnLine);
}

export function listLines(incidents: Incident[]): string[] {
  if (incidents.length === 0) return ['No incidents.'];
  return incidents.map((i) => `${i.key.padEnd(8)} ${i.severity}  ${i.status.padEnd(12)} ${(i.service ?? '-').padEnd(14)} ${i.openedAt.slice(0, 16).replace('T', ' ')}  ${i.title}`);
}

export function viewLines(v: IncidentView): string[] {
  const out = [incidentLine(v.incident), `Opened ${v.incident.openedAt} by ${v.incident.openedBy}`, ''];
  out.push(...(v.plan ? planLines(v.plan) : ['No plan yet.']), '');
  if (v.checklist.length) {
    out.push('Checklist:', ...v.checklist.filter((c) => c.applies).map((c) => `  ${c.done ? '[x]' : '[ ]'} ${c.text}`), '');
  }
  if (v.notes.length) out.push('Notes:', ...v.notes.map((n) => `  ${n.pinned ? '📌 ' : ''}${n.author}: ${n.text}`), '');
  out.push('Timeline:', ...v.timeline.slice(-15).map((e) => `  ${e.at.slice(11, 19)} ${e.summary}`));
  if (v.turns.length) out.push('', 'Coach:', ...v.turns.slice(-5).map((t) => `  ${turnLine(t)}`));
  return out;
}
