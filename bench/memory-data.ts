// A year of a team's incidents for team-memory tests and bench:memory: 10,000 incidents with alerts, labels
// and ~100 human actions each, all newer than one planted incident from 400 days ago whose query is the
// right answer for today's incident. Seeded; written with prepared statements in one transaction.
import { rebuildMemoryTables, type Store } from '../coach/store/index.ts';
import { rng, SERVICES } from './core-data.ts';

export const DAY = 86_400_000;
const ALERTS = ['HighErrorRate', 'HighLatency', 'KafkaConsumerLag', 'SaturationHigh', 'PodCrashLooping', 'SLOBurnRate'];
const GROUPS = ['orders-sync', 'email-out', 'search-index', 'audit-trail', 'refunds', 'fraud-score', 'invoices', 'webhooks-out'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-south-1'];
const METRICS = ['http_requests_total', 'http_request_duration_seconds_bucket', 'kafka_consumergroup_lag', 'process_cpu_seconds_total',
  'pg_stat_activity_count', 'container_cpu_usage_seconds_total', 'grpc_server_handled_total', 'redis_connected_clients'];
const BY = ['status', 'handler', 'route', 'pod', 'partition', 'code', 'instance'];
const THINGS = ['error rate', 'p99 latency', 'connection pool', 'consumer lag', 'GC pauses', 'timeouts to the database', 'retry storm', 'queue backlog'];
const STEPS = ['check the error rate by endpoint', 'compare latency before and after the deploy', 'check consumer lag per partition',
  'roll back the last deploy', 'look for a recent config change', 'check the dependency dashboards'];
const PEOPLE = Array.from({ length: 40 }, (_, i) => `user-${i}`);

export interface World {
  now: Date;
  incidents: number;
  actions: number;
  planted: { incidentId: number; actionId: number; query: string; actor: string };
  /** Today's incident, which the planted query fits. */
  today: number;
  question: string;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const iso = (t: number): string => new Date(t).toISOString();

export function buildWorld(store: Store, opts: { incidents?: number; actionsPerIncident?: number; now?: Date } = {}): World {
  const n = opts.incidents ?? 10_000;
  const per = opts.actionsPerIncident ?? 100;
  const now = opts.now ?? new Date(Date.UTC(2026, 5, 1));
  const r = rng(2026);
  const db = store.db;
  const incident = db.prepare("INSERT INTO incidents (id, title, service, severity, status, opened_at, opened_by, resolved_at) VALUES (?, ?, ?, 'SEV2', 'resolved', ?, ?, ?)");
  const alert = db.prepare("INSERT INTO timeline_events (incident_id, at, kind, summary, data) VALUES (?, ?, 'alert_firing', ?, ?)");
  const action = db.prepare('INSERT INTO actions (incident_id, actor, at, kind, step, text, payload) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let actions = 0;

  const open = (id: number, t: number, svc: string, name: string, labels: Record<string, string>, title: string, summary: string): void => {
    incident.run(id, title, svc, iso(t), 'alertmanager', iso(t + 3_600_000));
    const a = { name, service: svc, startsAt: iso(t), labels: { alertname: name, service: svc, ...labels }, annotations: { summary } };
    alert.run(id, iso(t), `${name} firing for ${svc}`, JSON.stringify({ alert: a }));
  };
  const noise = (id: number, t: number, svc: string, count: number): void => {
    for (let k = 0; k < count; k++) {
      const at = iso(t + 60_000 + k * 20_000);
      const who = pick(r, PEOPLE);
      const x = r();
      if (x < 0.35) {
        const pod = r() < 0.5 ? `, pod="${svc}-${Math.floor(r() * 0xffffff).toString(16)}"` : '';
        const q = `sum by (${pick(r, BY)}) (rate(${pick(r, METRICS)}{service="${svc}"${pod}}[5m]))`;
        action.run(id, who, at, 'query_run', r() < 0.5 ? 1 + Math.floor(r() * 3) : null, q, JSON.stringify({ query: q, language: 'promql' }));
      } else if (x < 0.6) action.run(id, who, at, 'note', null, `${pick(r, ['saw', 'checked', 'ruled out', 'suspect'])} ${pick(r, THINGS)} on ${svc}`, '{}');
      else if (x < 0.75) action.run(id, who, at, 'step_done', 1 + Math.floor(r() * 3), `${pick(r, STEPS)} for ${svc}`, '{}');
      else if (x < 0.85) {
        const url = `https://grafana.example/d/${svc}-${pick(r, ['overview', 'slo', 'latency', 'kafka'])}`;
        action.run(id, who, at, 'link_opened', null, `${svc} dashboard`, JSON.stringify({ url }));
      } else if (x < 0.95) action.run(id, who, at, 'say', null, `${pick(r, ['what changed', 'which endpoints are slowest', 'is it back to normal'])} for ${svc}?`, '{}');
      else action.run(id, who, at, 'plan', null, `1. ${pick(r, STEPS)}\n2. ${pick(r, STEPS)}`, '{}');
      actions++;
    }
  };

  const query = 'max by (partition) (kafka_consumergroup_lag{service="payments", consumergroup="ledger-settlement"})';
  // Bulk load: the action log's indexes and full-text triggers are set aside and rebuilt once at the end,
  // which is several times faster than keeping them current row by row. The schema ends exactly as it was.
  const deferred = db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'actions' AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
    .all() as { type: string; name: string; sql: string }[];
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  const world = store.tx(() => {
    for (const d of deferred) db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`);
    const t0 = now.getTime() - 400 * DAY;
    open(1, t0, 'payments', 'KafkaConsumerLag', { severity: 'page', region: 'eu-west-1', consumergroup: 'ledger-settlement' },
      'Ledger settlement consumer lag on payments', 'ledger-settlement consumer group lag above 10k messages');
    noise(1, t0, 'payments', 10);
    const planted = action.run(1, 'maria', iso(t0 + 30 * 60_000), 'query_run', 1, query, JSON.stringify({ query, language: 'promql' }));
    actions++;
    for (let i = 2; i <= n + 1; i++) {
      const t = now.getTime() - 360 * DAY + ((i - 2) / n) * 359 * DAY;
      const svc = pick(r, SERVICES);
      const name = pick(r, ALERTS);
      const group = pick(r, GROUPS);
      open(i, t, svc, name, { severity: pick(r, ['page', 'ticket', 'critical']), region: pick(r, REGIONS), consumergroup: group },
        `${name} on ${svc}`, `${pick(r, THINGS)} on ${svc} (${group})`);
      noise(i, t, svc, per);
    }
    const today = n + 2;
    open(today, now.getTime() - 10 * 60_000, 'payments', 'KafkaConsumerLag', { severity: 'page', region: 'us-east-1', consumergroup: 'ledger-settlement' },
      'payments ledger-settlement consumer lag', 'ledger-settlement consumer group lag above 50k messages');
    for (const d of deferred) db.exec(d.sql);
    db.exec("INSERT INTO actions_fts(actions_fts) VALUES ('rebuild')");
    rebuildMemoryTables(db);
    return { incidentId: 1, actionId: Number(planted.lastInsertRowid), today };
  });
  // What the log derives after write time (migration 8's query runs), as a live store would hold it.
  store.queryRuns.catchUp();
  db.pragma(`cache_size = ${cache}`);
  return {
    now, incidents: n + 2, actions, today: world.today,
    planted: { incidentId: world.incidentId, actionId: world.actionId, query, actor: 'maria' },
    question: 'which partitions of the ledger-settlement consumer group are lagging',
  };
}
