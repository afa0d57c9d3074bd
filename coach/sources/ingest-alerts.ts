// One Alertmanager delivery → one routed alert per entry, in order, each reported back to the sender.
import type { HandleResult } from '../incident/api.ts';
import type { AlertData, Severity } from '../types.ts';
import { toAlertData, type AlertmanagerPayload } from './alertmanager.ts';
import { severityFromLabels } from './severity.ts';

/** Opens or joins an incident for a firing alert; marks the incident's timeline for a resolved one. */
export type AlertRouter = (alert: AlertData, status: 'firing' | 'resolved', severity: Severity) => Promise<HandleResult | null>;

export interface AlertOutcome {
  alert: string;
  fingerprint: string | null;
  status: 'firing' | 'resolved';
  /** The incident the alert landed on; null for a resolved alert no open incident was waiting for. */
  incident: string | null;
}

export async function ingestAlertmanager(payload: AlertmanagerPayload, route: AlertRouter): Promise<AlertOutcome[]> {
  const out: AlertOutcome[] = [];
  for (const a of payload.alerts) {
    // An alert's own labels win; the group's common labels fill in what a sender left off the alert.
    const alert = toAlertData({ ...a, labels: { ...payload.commonLabels, ...a.labels }, annotations: { ...payload.commonAnnotations, ...a.annotations } });
    const result = await route(alert, a.status, severityFromLabels(alert.labels));
    out.push({ alert: alert.name, fingerprint: alert.fingerprint ?? null, status: a.status, incident: result?.incident.key ?? null });
  }
  return out;
}
