// Where an incoming alert goes: the open incident with its fingerprint or service, else a new incident.
import type { Store } from '../store/index.ts';
import type { AlertData, Incident, Severity } from '../types.ts';
import type { CoachApi, HandleResult } from './api.ts';

/** Alertmanager `severity` label values teams commonly use, mapped to incident severities. */
export function severityFromLabels(labels: Record<string, string>): Severity {
  const v = (labels.severity ?? labels.priority ?? '').toLowerCase();
  if (['critical', 'sev1', 'p1', 'emergency'].includes(v)) return 'SEV1';
  if (['page', 'high', 'error', 'sev2', 'p2'].includes(v)) return 'SEV2';
  if (['info', 'low', 'sev4', 'p4', 'none'].includes(v)) return 'SEV4';
  return 'SEV3';
}

export interface RoutedAlert {
  incident: Incident;
  /** True when this alert opened the incident. */
  opened: boolean;
  result: HandleResult;
}

/**
 * Records an alert on the right incident. A resolved alert with no open incident is dropped (null): there is
 * nothing to work on.
 */
export async function routeAlert(
  deps: { coach: CoachApi; store: Store }, alert: AlertData, status: 'firing' | 'resolved' = 'firing', at?: string,
): Promise<RoutedAlert | null> {
  const service = alert.service ?? alert.labels.service ?? null;
  const existing = deps.store.incidents.findOpenFor(alert.fingerprint ?? null, service);
  if (!existing && status === 'resolved') return null;
  let incident = existing;
  if (!incident) {
    const opened = await deps.coach.open({
      title: alert.annotations.summary ?? alert.name, service, severity: severityFromLabels(alert.labels),
      by: 'alertmanager', fingerprint: alert.fingerprint ?? null, ...(at ? { at } : {}),
    });
    incident = opened.incident;
  }
  const result = await deps.coach.handle(incident.id, { kind: 'alert', status, alert, ...(at ? { at } : {}) });
  return { incident: result.incident, opened: !existing, result };
}
