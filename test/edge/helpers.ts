// Builds policy states by hand for unit tests of pure rules.
import type { IncidentState, PastTurn, PolicyContext } from '../../coach/edge/index.ts';
import { defaultPolicyConfig } from '../../coach/edge/index.ts';
import type { Action, AlertData, DeployData, Incident, Plan, TimelineEvent } from '../../coach/types.ts';
import { defaultWorkspace, type Workspace } from '../../coach/workspace/index.ts';

export const T = (hhmm: string): string => `2026-03-02T${hhmm}:00Z`;

export function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 1, key: 'INC-1', title: 'Checkout errors', service: 'checkout', severity: 'SEV2', status: 'open',
    fingerprint: null, openedAt: T('10:00'), openedBy: 'alice', resolvedAt: null, channel: null, ...over,
  };
}

let nextId = 1;
export function alertEvent(a: Partial<AlertData> & { startsAt: string }): TimelineEvent {
  const alert: AlertData = { name: 'CheckoutHighErrorRate', service: 'checkout', labels: {}, annotations: {}, ...a };
  return { id: nextId++, incidentId: 1, at: alert.startsAt, kind: 'alert_firing', summary: '', data: { alert } };
}

export function deployEvent(d: Partial<DeployData> & { at: string }): TimelineEvent {
  const deploy: DeployData = { service: 'checkout', version: 'v2.14.0', by: 'ci', ...d };
  return { id: nextId++, incidentId: 1, at: deploy.at, kind: 'deploy', summary: '', data: { deploy } };
}

export function action(a: Partial<Action> & { kind: string; at: string }): Action {
  return { id: nextId++, incidentId: 1, actor: 'alice', step: null, text: '', payload: {}, ...a };
}

export function plan(steps: string[], at = T('10:05'), done: Record<number, string> = {}): Plan {
  return {
    id: 1, incidentId: 1, author: 'alice', createdAt: at, text: steps.join('\n'),
    steps: steps.map((text, i) => ({
      n: i + 1, text, state: done[i + 1] ? 'done' : 'open', updatedAt: done[i + 1] ?? at,
    })),
  };
}

export function state(over: Partial<Omit<IncidentState, 'now'>> & { now: string | Date }): IncidentState {
  const { now, ...rest } = over;
  return { incident: incident(), timeline: [], plan: null, actions: [], notes: [], turns: [], ...rest, now: new Date(now) };
}

export function past(type: PastTurn['type'], at: string, fields: Record<string, unknown> = {}): PastTurn {
  return { type, at, rule: 'x', text: '', fields };
}

export function ctx(workspace: Workspace = defaultWorkspace(), config = defaultPolicyConfig): PolicyContext {
  return { config, workspace };
}
