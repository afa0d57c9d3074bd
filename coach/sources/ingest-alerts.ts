// One Alertmanager delivery → one routed alert per entry, in order, each reported back to the sender.
import type { CoachApi } from '../incident/api.ts';
import { routeAlert } from '../incident/route-alert.ts';
import type { Store } from '../store/index.ts';
import { toAlertData, type AlertmanagerPayload } from './alertmanager.ts';
import { attachRecentDeploys } from './deploys.ts';

export interface AlertOutcome {
  alert: string;
  fingerprint: string | null;
  status: 'firing' | 'resolved';
  /** The incident the alert landed on; null for a resolved alert that no open incident was waiting for. */
  incident: string | null;
  /** True when this alert opened the incident. */
  opened: boolean;
}

export async function ingestAlertmanager(payload: AlertmanagerPayload, deps: { store: Store; coach: CoachApi }): Promise<AlertOutcome[]> {
  const out: AlertOutcome[] = [];
  for (const a of payload.alerts) {
    // An alert's own labels win; the group's common labels fill in what a sender left off the alert.
    const alert = toAlertData({ ...a, labels: { ...payload.commonLabels, ...a.labels }, annotations: { ...payload.commonAnnotations, ...a.annotations } });
    const routed = await routeAlert(deps, alert, a.status);
    if (routed?.opened) await attachRecentDeploys(deps.store, deps.coach, routed.incident);
    out.push({ alert: alert.name, fingerprint: alert.fingerprint ?? null, status: a.status, incident: routed?.incident.key ?? null, opened: routed?.opened ?? false });
  }
  return out;
}
