// Deep links that open a query in the team's own tools, around the incident's time.
import type { LinkTargets, QueryLanguage } from './api.ts';

export interface LinkTime {
  now: string;
  alertStart?: string | null;
}

/** From 15 minutes before the alert (or an hour back) to now. */
export function linkRange(t: LinkTime): { from: Date; to: Date } {
  const to = new Date(t.now);
  const start = t.alertStart ? new Date(t.alertStart) : null;
  const from = start && !Number.isNaN(start.getTime()) && start < to ? new Date(start.getTime() - 15 * 60_000) : new Date(to.getTime() - 3_600_000);
  return { from, to };
}

/** A Prometheus duration covering `ms`, rounded up to whole minutes or hours ("75m", "3h"). */
export function rangeInput(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes % 60 === 0 || minutes > 180 ? `${Math.ceil(minutes / 60)}h` : `${minutes}m`;
}

/** Prometheus' UI graph page (2.x and 3.x both read g0.* parameters). */
export function prometheusLink(baseUrl: string, expr: string, t: LinkTime): string {
  const { from, to } = linkRange(t);
  const end = to.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
  const params = new URLSearchParams({ 'g0.expr': expr, 'g0.tab': '0', 'g0.range_input': rangeInput(to.getTime() - from.getTime()), 'g0.end_input': end });
  return `${baseUrl.replace(/\/+$/, '')}/graph?${params.toString()}`;
}

const DS_TYPE: Record<QueryLanguage, 'prometheus' | 'loki' | 'tempo'> = { promql: 'prometheus', logql: 'loki', traceql: 'tempo' };

/** Grafana Explore with one pane, schemaVersion 1 (Grafana 10+). */
export function grafanaLink(g: NonNullable<LinkTargets['grafana']>, language: QueryLanguage, expr: string, t: LinkTime): string | null {
  const type = DS_TYPE[language];
  const uid = g.datasources[type];
  if (!uid) return null;
  const { from, to } = linkRange(t);
  const datasource = { type, uid };
  const query = language === 'traceql'
    ? { refId: 'A', datasource, queryType: 'traceql', query: expr }
    : { refId: 'A', datasource, expr, ...(language === 'promql' ? { range: true } : {}) };
  const panes = { mentat: { datasource: uid, queries: [query], range: { from: String(from.getTime()), to: String(to.getTime()) } } };
  const params = new URLSearchParams({ schemaVersion: '1', orgId: String(g.orgId ?? 1), panes: JSON.stringify(panes) });
  return `${g.url.replace(/\/+$/, '')}/explore?${params.toString()}`;
}

export function queryLinks(targets: LinkTargets, language: QueryLanguage, expr: string, t: LinkTime): Record<string, string> {
  const out: Record<string, string> = {};
  if (language === 'promql' && targets.prometheusUrl) out.prometheus = prometheusLink(targets.prometheusUrl, expr, t);
  if (targets.grafana) {
    const g = grafanaLink(targets.grafana, language, expr, t);
    if (g) out.grafana = g;
  }
  return out;
}
