// H4: what the action log says across incidents. Aggregation runs in SQL over indexed columns (migration 7);
// JavaScript only merges the aggregated groups that SQL cannot tell apart (matcher order, metric names).
// A query_run's query is its action text (the coach records it so), which the indexes cover.
import type { Store } from '../../store/index.ts';
import { metricOf, normalizeQuery } from './query-key.ts';

export interface AcrossOptions {
  /** A pattern counts once it is seen in this many distinct incidents. Default 3. */
  minIncidents?: number;
  /** An alert with no human action this many minutes after it fired went unanswered. Default 30. */
  quietMinutes?: number;
  /** Two metrics queried by one person this close together were being correlated. Default 5. */
  correlateMinutes?: number;
  /** Alert windows that have not ended by then are not judged. Default: the latest time in the log. */
  now?: string;
  /** Restricts the work to what matters at this moment: a query just run, an alert just fired. */
  focus?: { query?: string; alert?: string };
}

export interface RepeatedQuery { query: string; key: string; incidents: number[]; people: string[] }
export interface QuietAlert { alert: string; incidents: number[] }
export interface Correlation { metrics: [string, string]; incidents: number[]; people: string[] }

export interface AcrossIncidents {
  queries: RepeatedQuery[];
  quietAlerts: QuietAlert[];
  correlations: Correlation[];
}

const ids = (s: string | null): number[] => (s ? s.split(',').map(Number) : []);
const squash = "replace(replace(replace(replace(q, ' ', ''), char(9), ''), char(10), ''), char(13), '')";

function repeatedQueries(store: Store, min: number, metric: string | null): RepeatedQuery[] {
  const rows = store.db.prepare(`
    SELECT MIN(q) AS sample, GROUP_CONCAT(incidents) AS incidents, GROUP_CONCAT(people) AS people FROM (
      SELECT text AS q, GROUP_CONCAT(DISTINCT incident_id) AS incidents, GROUP_CONCAT(DISTINCT actor) AS people FROM actions
      WHERE kind = 'query_run' AND incident_id IS NOT NULL AND text <> '' ${metric ? 'AND instr(text, @metric) > 0' : ''}
      GROUP BY text)
    GROUP BY ${squash}`).all(metric ? { metric } : {}) as { sample: string; incidents: string; people: string }[];
  const merged = new Map<string, { query: string; incidents: Set<number>; people: Set<string> }>();
  for (const r of rows) {
    const key = normalizeQuery(r.sample);
    const m = merged.get(key) ?? { query: r.sample.trim().replace(/\s+/g, ' '), incidents: new Set(), people: new Set() };
    for (const i of ids(r.incidents)) m.incidents.add(i);
    for (const p of r.people.split(',')) m.people.add(p);
    merged.set(key, m);
  }
  return [...merged].filter(([, m]) => m.incidents.size >= min)
    .map(([key, m]) => ({ query: m.query, key, incidents: [...m.incidents].sort((a, b) => a - b), people: [...m.people].sort() }))
    .sort((a, b) => b.incidents.length - a.incidents.length);
}

function quietAlerts(store: Store, min: number, minutes: number, now: string, alert: string | null): QuietAlert[] {
  const rows = store.db.prepare(`
    SELECT name, COUNT(DISTINCT incident_id) AS n, GROUP_CONCAT(DISTINCT incident_id) AS incidents FROM (
      SELECT t.incident_id, json_extract(t.data, '$.alert.name') AS name FROM timeline_events t
      WHERE t.kind = 'alert_firing' AND julianday(t.at) + @minutes / 1440.0 <= julianday(@now)
        ${alert ? "AND json_extract(t.data, '$.alert.name') = @alert" : ''}
        AND NOT EXISTS (
          SELECT 1 FROM actions a WHERE a.incident_id = t.incident_id
            AND a.at >= substr(t.at, 1, 19)
            AND a.at < strftime('%Y-%m-%dT%H:%M:%S', t.at, '+' || (@minutes * 60 + 1) || ' seconds')
            AND julianday(a.at) - julianday(t.at) BETWEEN 0 AND @minutes / 1440.0))
    WHERE name IS NOT NULL GROUP BY name HAVING n >= @min ORDER BY n DESC`)
    .all({ minutes, now, min, ...(alert ? { alert } : {}) }) as { name: string; incidents: string }[];
  return rows.map((r) => ({ alert: r.name, incidents: ids(r.incidents).sort((a, b) => a - b) }));
}

function correlations(store: Store, min: number, minutes: number, metric: string | null): Correlation[] {
  // With a metric, the side that must name it is filtered before the join, once as the first query, once as the second.
  const pairs = (side: 'a' | 'b' | null): string => `
      SELECT a.incident_id, a.actor, a.text AS qa, b.text AS qb
      FROM actions a JOIN actions b
        ON b.kind = 'query_run' AND b.incident_id = a.incident_id AND b.actor = a.actor AND b.id <> a.id
        AND b.at >= substr(a.at, 1, 19)
        AND b.at < strftime('%Y-%m-%dT%H:%M:%S', a.at, '+' || (@minutes * 60 + 1) || ' seconds')
        AND julianday(b.at) - julianday(a.at) BETWEEN 0 AND @minutes / 1440.0
        ${side ? `AND instr(${side}.text, @metric) > 0` : ''}
      WHERE a.kind = 'query_run' AND a.incident_id IS NOT NULL AND a.text <> '' AND b.text <> '' AND a.text <> b.text`;
  const rows = store.db.prepare(`
    SELECT qa, qb, GROUP_CONCAT(DISTINCT incident_id) AS incidents, GROUP_CONCAT(DISTINCT actor) AS people FROM (
      ${metric ? `${pairs('a')} UNION ALL ${pairs('b')}` : pairs(null)})
    GROUP BY qa, qb`).all({ minutes, ...(metric ? { metric } : {}) }) as { qa: string; qb: string; incidents: string; people: string }[];
  const merged = new Map<string, { metrics: [string, string]; incidents: Set<number>; people: Set<string> }>();
  const metricCache = new Map<string, string | null>();
  const m = (q: string): string | null => {
    if (!metricCache.has(q)) metricCache.set(q, metricOf(q));
    return metricCache.get(q) ?? null;
  };
  for (const r of rows) {
    const a = m(r.qa);
    const b = m(r.qb);
    if (!a || !b || a === b) continue;
    const pair = [a, b].sort() as [string, string];
    const key = pair.join('\u001f');
    const e = merged.get(key) ?? { metrics: pair, incidents: new Set(), people: new Set() };
    for (const i of ids(r.incidents)) e.incidents.add(i);
    for (const p of r.people.split(',')) e.people.add(p);
    merged.set(key, e);
  }
  return [...merged.values()].filter((e) => e.incidents.size >= min && (!metric || e.metrics.includes(metric)))
    .map((e) => ({ metrics: e.metrics, incidents: [...e.incidents].sort((x, y) => x - y), people: [...e.people].sort() }))
    .sort((x, y) => y.incidents.length - x.incidents.length);
}

function latest(store: Store): string {
  const r = store.db.prepare('SELECT MAX(at) AS at FROM (SELECT MAX(at) AS at FROM actions UNION ALL SELECT MAX(at) FROM timeline_events)')
    .get() as { at: string | null };
  return r.at ?? new Date(0).toISOString();
}

/**
 * Patterns across every incident of the log: queries run in many incidents, alerts nobody acted on, metrics
 * people line up by hand. With `focus`, only what concerns that query or alert (the coach's per-event use).
 */
export function analyzeAcrossIncidents(store: Store, opts: AcrossOptions = {}): AcrossIncidents {
  const min = opts.minIncidents ?? 3;
  const focus = opts.focus;
  const metric = focus?.query !== undefined ? metricOf(focus.query) : null;
  const wantQueries = !focus || focus.query !== undefined;
  const wantAlerts = !focus || focus.alert !== undefined;
  if (focus?.query !== undefined && !metric) return { queries: [], quietAlerts: wantAlerts ? quietAlerts(store, min, opts.quietMinutes ?? 30, opts.now ?? latest(store), focus.alert ?? null) : [], correlations: [] };
  const queries = wantQueries ? repeatedQueries(store, min, metric) : [];
  return {
    queries: focus?.query !== undefined ? queries.filter((q) => q.key === normalizeQuery(focus.query ?? '')) : queries,
    quietAlerts: wantAlerts ? quietAlerts(store, min, opts.quietMinutes ?? 30, opts.now ?? latest(store), focus?.alert ?? null) : [],
    correlations: wantQueries ? correlations(store, min, opts.correlateMinutes ?? 5, metric) : [],
  };
}
