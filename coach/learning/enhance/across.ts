// H4: what the action log says across incidents. Aggregation runs in SQL over query_runs (migration 8: each
// query run with its normalized query and metric, caught up from the action log before each analysis) and over
// alert events by kind (migration 7).
import type { Store } from '../../store/index.ts';
import { queryOf } from '../../store/query-runs.ts';
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

function repeatedQueries(store: Store, min: number, key: string | null): RepeatedQuery[] {
  // Grouped by the normalized query (query_runs.key), so spacing and matcher order never split a group.
  const rows = store.db.prepare(`
    SELECT g.key, a.text, a.payload, g.incidents, g.people FROM (
      SELECT key, MIN(action_id) AS first, GROUP_CONCAT(DISTINCT incident_id) AS incidents,
        GROUP_CONCAT(DISTINCT actor) AS people, COUNT(DISTINCT incident_id) AS n
      FROM query_runs ${key !== null ? 'WHERE key = @key' : ''} GROUP BY key HAVING n >= @min) g
    JOIN actions a ON a.id = g.first
    ORDER BY g.n DESC, g.key`).all({ min, ...(key !== null ? { key } : {}) }) as { key: string; text: string; payload: string; incidents: string; people: string }[];
  return rows.map((r) => ({
    query: queryOf(r.text, r.payload).trim().replace(/\s+/g, ' '), key: r.key,
    incidents: ids(r.incidents).sort((a, b) => a - b), people: r.people.split(',').sort(),
  }));
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
  // Two different metrics queried by one person in one incident, the second within `minutes` of the first.
  // With a metric, the runs of that metric are found first (by index), once as the first query, once as the second.
  const window = `julianday(b.at) - julianday(a.at) BETWEEN 0 AND @minutes / 1440.0`;
  const after = `b.at >= substr(a.at, 1, 19) AND b.at < strftime('%Y-%m-%dT%H:%M:%S', a.at, '+' || (@minutes * 60 + 1) || ' seconds')`;
  const pairs = (side: 'a' | 'b' | null): string => `
      SELECT a.incident_id, a.actor, a.metric AS ma, b.metric AS mb
      FROM query_runs ${side === 'b' ? 'b' : 'a'} JOIN query_runs ${side === 'b' ? 'a' : 'b'}
        ON ${side === 'b' ? 'a' : 'b'}.incident_id = ${side === 'b' ? 'b' : 'a'}.incident_id
        AND ${side === 'b' ? 'a' : 'b'}.actor = ${side === 'b' ? 'b' : 'a'}.actor
        AND ${side === 'b'
          ? `a.at <= b.at AND a.at > strftime('%Y-%m-%dT%H:%M:%S', b.at, '-' || (@minutes * 60 + 1) || ' seconds')`
          : after}
        AND ${window} AND b.action_id <> a.action_id
      WHERE ${side ? `${side}.metric = @metric AND ` : ''}a.metric IS NOT NULL AND b.metric IS NOT NULL AND a.metric <> b.metric`;
  const rows = store.db.prepare(`
    SELECT min(ma, mb) AS m1, max(ma, mb) AS m2, GROUP_CONCAT(DISTINCT incident_id) AS incidents,
      GROUP_CONCAT(DISTINCT actor) AS people, COUNT(DISTINCT incident_id) AS n FROM (
      ${metric ? `${pairs('a')} UNION ALL ${pairs('b')}` : pairs(null)})
    GROUP BY m1, m2 HAVING n >= @min ORDER BY n DESC, m1, m2`)
    .all({ minutes, min, ...(metric ? { metric } : {}) }) as { m1: string; m2: string; incidents: string; people: string }[];
  return rows.map((r) => ({
    metrics: [r.m1, r.m2] as [string, string], incidents: ids(r.incidents).sort((x, y) => x - y), people: r.people.split(',').sort(),
  }));
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
  if (wantQueries) store.queryRuns.catchUp();
  const key = focus?.query !== undefined ? normalizeQuery(focus.query.trim()) : null;
  if (focus?.query !== undefined && !metric) return { queries: [], quietAlerts: wantAlerts ? quietAlerts(store, min, opts.quietMinutes ?? 30, opts.now ?? latest(store), focus.alert ?? null) : [], correlations: [] };
  return {
    queries: wantQueries ? repeatedQueries(store, min, key) : [],
    quietAlerts: wantAlerts ? quietAlerts(store, min, opts.quietMinutes ?? 30, opts.now ?? latest(store), focus?.alert ?? null) : [],
    correlations: wantQueries ? correlations(store, min, opts.correlateMinutes ?? 5, metric) : [],
  };
}
