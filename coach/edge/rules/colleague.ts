// G4: the questions a helpful colleague asks: ping the owner, look at the docs, page another team, write it down.
import type { Action, AlertData, TurnDraft } from '../../types.ts';
import { linksFor, ownerOf, type OwnerRule } from '../../workspace/index.ts';
import { alertServices, pastTurns, serviceOf } from '../facts.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

function who(o: OwnerRule): string {
  return `${o.owners.join(', ')}${o.channel ? ` (${o.channel})` : ''}`;
}

function offered(s: IncidentState, kind: string, key: string): boolean {
  return pastTurns(s, 'colleague', { kind, key }).length > 0;
}

/** Offer to ping the owners of the incident's service; once per incident and service. */
export function pingOwner(s: IncidentState, ctx: PolicyContext, service = s.incident.service): TurnDraft | null {
  const o = ownerOf(ctx.workspace.owners, service);
  if (!o || !service || offered(s, 'owner', service)) return null;
  return {
    phase: 'guide', type: 'colleague', rule: 'G4',
    fields: { kind: 'owner', key: service, service, owners: o.owners, channel: o.channel ?? null },
    text: `${service} is owned by ${who(o)}. Should we ping them to look with you?`,
  };
}

/** The answer to "who owns X?": always answered, since a person asked. */
export function ownerAnswer(s: IncidentState, ctx: PolicyContext, text: string): TurnDraft | null {
  const inWorkspace = [
    ...ctx.workspace.owners.map((o) => o.pattern).filter((p) => !/[*?]/.test(p)),
    ...ctx.workspace.links.flatMap((l) => l.services),
  ];
  const known = new Set([s.incident.service, ...alertServices(s), ...inWorkspace].filter((x): x is string => !!x));
  const named = [...known].find((svc) => text.toLowerCase().includes(svc.toLowerCase())) ?? s.incident.service;
  const o = ownerOf(ctx.workspace.owners, named);
  if (!o || !named) return null;
  return {
    phase: 'guide', type: 'colleague', rule: 'G4',
    fields: { kind: 'owner', key: named, service: named, owners: o.owners, channel: o.channel ?? null },
    text: `${named} is owned by ${who(o)}${o.docs ? `; its docs are at ${o.docs}` : ''}. Do you want to ping them?`,
  };
}

/** With a fresh plan, point at the service's runbook or docs once. */
export function viewDocs(s: IncidentState, ctx: PolicyContext): TurnDraft | null {
  const service = s.incident.service;
  if (!service || offered(s, 'docs', service)) return null;
  const link = linksFor(ctx.workspace.links, service, ['runbook', 'doc'])[0];
  const url = link?.url ?? ownerOf(ctx.workspace.owners, service)?.docs ?? null;
  if (!url || s.actions.some((a) => a.kind === 'link_opened' && a.payload.url === url)) return null;
  const title = link ? `the "${link.title}"` : `the ${service} docs`;
  return {
    phase: 'guide', type: 'colleague', rule: 'G4', fields: { kind: 'docs', key: service, service, url },
    text: `There is ${title} at ${url}. Do you want to keep it open while you work through your plan?`,
  };
}

/** When alerts span services, ask about paging the other service's team; once per service. */
export function pageOtherTeam(s: IncidentState, ctx: PolicyContext, alert: AlertData): TurnDraft | null {
  const service = serviceOf(alert, s);
  const services = new Set([...alertServices(s), ...(s.incident.service ? [s.incident.service] : [])]);
  if (!service || services.size < 2 || service === s.incident.service || offered(s, 'page_team', service)) return null;
  const o = ownerOf(ctx.workspace.owners, service);
  const team = o ? `the ${service} team, ${who(o)}` : `the team that owns ${service}`;
  return {
    phase: 'guide', type: 'colleague', rule: 'G4',
    fields: { kind: 'page_team', key: service, service, owners: o?.owners ?? [], channel: o?.channel ?? null },
    text: `Alerts now fire for ${[...services].join(' and ')}. Should we page ${team}?`,
  };
}

/** A step finished with a finding: ask whether to write it down; once per step. */
export function documentIt(s: IncidentState, action: Action): TurnDraft | null {
  if (action.kind !== 'step_done' || action.text.trim().length === 0) return null;
  const key = `${s.plan?.id ?? 0}:${action.step ?? 0}`;
  if (offered(s, 'document', key)) return null;
  const step = action.step ? `Step ${action.step} is done` : 'That step is done';
  return {
    phase: 'guide', type: 'colleague', rule: 'G4', fields: { kind: 'document', key, step: action.step },
    text: `${step}: "${action.text.trim()}". Should we document that in the notes or the runbook?`,
  };
}
