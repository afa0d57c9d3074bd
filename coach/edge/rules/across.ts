// H4: process and system improvements from patterns across incidents, as questions. The coach looks the
// patterns up (state.enhance.across); these rules only decide what to offer on the event at hand.
import { metricOf, normalizeQuery, recordingRule } from '../../learning/enhance/index.ts';
import type { Action, AlertData, TurnDraft } from '../../types.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

export function recordingRuleTurn(s: IncidentState, ctx: PolicyContext, action: Action): TurnDraft | null {
  const query = typeof action.payload.query === 'string' ? action.payload.query : '';
  if (action.kind !== 'query_run' || !query) return null;
  const key = normalizeQuery(query);
  const seen = s.enhance?.across?.queries.find((q) => q.key === key);
  if (!seen || seen.incidents.length < ctx.config.acrossMinIncidents) return null;
  const rule = recordingRule(query);
  if (!rule) return null;
  return {
    phase: 'enhance', type: 'recording_rule', rule: 'H4',
    text: `This query has been run in ${seen.incidents.length} incidents. Want it as a recording rule (${rule.record}) so dashboards and alerts can use it precomputed?`,
    fields: { action_id: action.id, ...rule, incidents: seen.incidents.length, suggestion: { kind: 'recording_rule', key } },
  };
}

export function instrumentationTurn(s: IncidentState, ctx: PolicyContext, action: Action): TurnDraft | null {
  const query = typeof action.payload.query === 'string' ? action.payload.query : '';
  const metric = action.kind === 'query_run' ? metricOf(query) : null;
  if (!metric) return null;
  const c = s.enhance?.across?.correlations.find((x) => x.metrics.includes(metric) && x.incidents.length >= ctx.config.acrossMinIncidents);
  if (!c) return null;
  const [a, b] = c.metrics;
  return {
    phase: 'enhance', type: 'instrumentation', rule: 'H4',
    text: `In ${c.incidents.length} incidents people queried ${a} and ${b} within minutes of each other, lining them up by hand. Would a dashboard panel or an exemplar link save the hand-correlation?`,
    fields: { action_id: action.id, metrics: c.metrics, incidents: c.incidents.length, suggestion: { kind: 'instrumentation', key: c.metrics.join('|') } },
  };
}

export function alertRefinementTurn(s: IncidentState, ctx: PolicyContext, alert: AlertData): TurnDraft | null {
  const q = s.enhance?.across?.quietAlerts.find((x) => x.alert === alert.name);
  if (!q || q.incidents.length < ctx.config.acrossMinIncidents) return null;
  const m = ctx.config.quietAlertMinutes;
  return {
    phase: 'enhance', type: 'alert_refinement', rule: 'H4',
    text: `${alert.name} fired in ${q.incidents.length} earlier incidents with nobody acting on it within ${m} minutes; should its threshold or \`for:\` change?`,
    fields: { alert: alert.name, incidents: q.incidents.length, quiet_minutes: m, suggestion: { kind: 'alert_refinement', key: alert.name } },
  };
}
