// The facts a support answer may state, read from the incident record: title, service, status, times,
// the timeline (status changes, alerts, deploys, roles) and answers already published. Nothing else.
import { redactText } from '../llm/redact.ts';
import type { Store } from '../store/index.ts';
import type { Incident } from '../types.ts';
import { ownerOf, type Workspace } from '../workspace/index.ts';
import type { IncidentFacts } from './writer.ts';

const TIMELINE_KINDS = ['opened', 'alert_firing', 'alert_resolved', 'deploy', 'status', 'role'] as const;

const hhmm = (iso: string): string => `${iso.slice(11, 16)} UTC`;

export function incidentFacts(store: Store, workspace: Workspace, incident: Incident, now: string): IncidentFacts {
  const events = store.timeline.list(incident.id, { kinds: [...TIMELINE_KINDS], limit: 200 });
  const firstAlert = events.find((e) => e.kind === 'alert_firing');
  const startsAt = typeof firstAlert?.data.startsAt === 'string' ? firstAlert.data.startsAt : firstAlert?.at ?? null;
  const published = store.support.published(incident.id, 20).flatMap((q) => (q.answer ? [{
    question: q.question, tiers: q.answer.tiers, publishedAt: q.answer.publishedAt,
  }] : []));
  return {
    key: incident.key,
    title: incident.title,
    service: incident.service,
    severity: incident.severity,
    status: incident.status,
    openedAt: incident.openedAt,
    resolvedAt: incident.resolvedAt,
    customerFacing: ownerOf(workspace.owners, incident.service)?.customerFacing ?? false,
    alertStartedAt: startsAt,
    timeline: events.slice(-40).map((e) => redactText(`${hhmm(e.at)} ${e.summary}`)),
    published,
    glossary: workspace.glossary,
    now,
  };
}
