// Facts derived from the incident state that several rules share.
import type { AlertData, DeployData, PlanStep } from '../types.ts';
import { ownerOf, type ConditionFacts } from '../workspace/index.ts';
import type { IncidentState, PastTurn, PolicyContext } from './types.ts';

export function firingAlerts(s: IncidentState): AlertData[] {
  const resolved = new Set(
    s.timeline.filter((e) => e.kind === 'alert_resolved').map((e) => alertKey(e.data.alert as AlertData)),
  );
  return s.timeline
    .filter((e) => e.kind === 'alert_firing')
    .map((e) => e.data.alert as AlertData)
    .filter((a) => !resolved.has(alertKey(a)));
}

export function allAlerts(s: IncidentState): AlertData[] {
  return s.timeline.filter((e) => e.kind === 'alert_firing').map((e) => e.data.alert as AlertData);
}

export function alertKey(a: AlertData): string {
  return `${a.fingerprint ?? `${a.name}/${a.service ?? ''}`}@${a.startsAt}`;
}

/** When the earliest alert of the incident started, or null when none fired. */
export function alertStart(s: IncidentState): string | null {
  const starts = allAlerts(s).map((a) => a.startsAt).sort((a, b) => Date.parse(a) - Date.parse(b));
  return starts[0] ?? null;
}

export function deploys(s: IncidentState): DeployData[] {
  return s.timeline.filter((e) => e.kind === 'deploy').map((e) => e.data.deploy as DeployData);
}

/** The alert's service, falling back to the incident's when the alert names none. */
export function serviceOf(a: AlertData, s: IncidentState): string | null {
  return a.service ?? a.labels.service ?? a.labels.job ?? s.incident.service;
}

export interface SuspectDeploy {
  deploy: DeployData;
  alert: AlertData;
  minutesBefore: number;
}

/** The latest deploy of an alerting service that went out within the window before that alert started (E2). */
export function suspectDeploy(s: IncidentState, windowMinutes: number): SuspectDeploy | null {
  let best: SuspectDeploy | null = null;
  for (const alert of allAlerts(s)) {
    const service = serviceOf(alert, s);
    for (const d of deploys(s)) {
      if (d.service !== service) continue;
      const gap = (Date.parse(alert.startsAt) - Date.parse(d.at)) / 60_000;
      if (gap < 0 || gap > windowMinutes) continue;
      if (!best || Date.parse(d.at) > Date.parse(best.deploy.at)) best = { deploy: d, alert, minutesBefore: Math.round(gap) };
    }
  }
  return best;
}

export function alertServices(s: IncidentState): string[] {
  return [...new Set(firingAlerts(s).map((a) => serviceOf(a, s)).filter((x): x is string => x !== null))];
}

export function conditionFacts(s: IncidentState, ctx: PolicyContext): ConditionFacts {
  const services = new Set([...alertServices(s), ...(s.incident.service ? [s.incident.service] : [])]);
  return {
    severity: s.incident.severity,
    service: s.incident.service,
    recentDeploy: suspectDeploy(s, ctx.config.rollbackWindowMinutes) !== null,
    customerFacing: [...services].some((svc) => ownerOf(ctx.workspace.owners, svc)?.customerFacing === true),
    multiService: services.size > 1,
    alertFiring: firingAlerts(s).length > 0,
  };
}

export function firstOpenStep(s: IncidentState): PlanStep | null {
  return s.plan?.steps.find((st) => st.state === 'open') ?? null;
}

/** Past turns of a type whose fields contain `match`. */
export function pastTurns(s: IncidentState, type: string, match: Record<string, unknown> = {}): PastTurn[] {
  return s.turns.filter((t) => t.type === type && Object.entries(match).every(([k, v]) => t.fields?.[k] === v));
}

export function minutesSince(s: IncidentState, iso: string): number {
  return (s.now.getTime() - Date.parse(iso)) / 60_000;
}
