// Realistic, varied action-log text for the core benchmark: queries, notes, plan steps, links, questions.
// Seeded, so every run searches the same million rows.

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SERVICES = ['checkout', 'payments', 'search', 'catalog', 'cart', 'auth', 'inventory', 'shipping', 'recommendations', 'notifications',
  'gateway', 'orders', 'billing', 'profile', 'media', 'ledger', 'pricing', 'reviews', 'sessions', 'webhooks'];
const METRICS = ['http_requests_total', 'http_request_duration_seconds_bucket', 'process_cpu_seconds_total', 'go_goroutines',
  'kafka_consumergroup_lag', 'pg_stat_activity_count', 'redis_connected_clients', 'node_memory_MemAvailable_bytes',
  'container_cpu_usage_seconds_total', 'grpc_server_handled_total', 'sidekiq_queue_latency', 'nginx_upstream_response_time'];
const LABELS = ['status', 'handler', 'method', 'route', 'instance', 'pod', 'code', 'region', 'az', 'queue'];
const VERBS = ['saw', 'noticed', 'checked', 'confirmed', 'suspect', 'ruled out', 'found', 'rolled back', 'restarted', 'scaled'];
const THINGS = ['error rate', 'p99 latency', 'connection pool', 'cache hit ratio', 'consumer lag', 'disk pressure', 'GC pauses',
  'timeouts to the database', 'DNS failures', 'TLS handshake errors', 'retry storm', 'memory leak', 'queue backlog', 'deadlocks',
  'zookeeper session expiry', 'sidekiq backlog', 'AZ failover', 'feature flag rollout', 'config push', 'certificate expiry'];
const STEPS = ['check the error rate by endpoint', 'compare latency before and after the deploy', 'look at the slow query log',
  'roll back the last deploy', 'page the database on-call', 'update the status page', 'check consumer lag per partition',
  'drain the bad node', 'raise the connection pool size', 'look for a recent config change', 'check the dependency dashboards'];
const QUESTIONS = ['what changed in the last hour', 'where is the SLO dashboard', 'how do I see logs for one pod',
  'which endpoints are slowest', 'is the error rate back to normal', 'who owns this service', 'im stuck pls help'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

export interface BenchAction { kind: string; text: string; step: number | null }

export function makeAction(r: () => number): BenchAction {
  const svc = pick(r, SERVICES);
  const x = r();
  if (x < 0.35) {
    const m = pick(r, METRICS);
    const l = pick(r, LABELS);
    const form = r();
    const text = form < 0.4 ? `sum by (${l}) (rate(${m}{service="${svc}"}[5m]))`
      : form < 0.7 ? `histogram_quantile(0.99, sum by (le, ${l}) (rate(${m}{job="${svc}"}[5m])))`
        : `topk(10, ${m}{service="${svc}", ${l}!=""})`;
    return { kind: 'query_run', text, step: r() < 0.6 ? 1 + Math.floor(r() * 4) : null };
  }
  if (x < 0.6) return { kind: 'note', text: `${pick(r, VERBS)} ${pick(r, THINGS)} on ${svc} around ${10 + Math.floor(r() * 12)}:${String(Math.floor(r() * 60)).padStart(2, '0')}`, step: null };
  if (x < 0.75) return { kind: 'step_done', text: `${pick(r, STEPS)} for ${svc}`, step: 1 + Math.floor(r() * 5) };
  if (x < 0.85) return { kind: 'link_opened', text: `${svc} ${pick(r, ['overview', 'SLO', 'latency', 'saturation', 'runbook'])} dashboard https://grafana.example/d/${svc}`, step: null };
  if (x < 0.95) return { kind: 'say', text: `${pick(r, QUESTIONS)} for ${svc}?`, step: null };
  return { kind: 'plan', text: `1. ${pick(r, STEPS)}\n2. ${pick(r, STEPS)}\n3. ${pick(r, STEPS)}`, step: null };
}

/** What people type into the search box: single common words, pairs, rare words, metric names. */
export function makeSearch(r: () => number): { q: string; kind?: string } {
  const x = r();
  if (x < 0.2) return { q: pick(r, SERVICES) };
  if (x < 0.4) return { q: `${pick(r, SERVICES)} ${pick(r, THINGS).split(' ')[0] ?? ''}` };
  if (x < 0.55) return { q: pick(r, THINGS) };
  if (x < 0.7) return { q: pick(r, METRICS), kind: 'query_run' };
  if (x < 0.8) return { q: `${pick(r, STEPS).split(' ').slice(0, 3).join(' ')}` };
  if (x < 0.9) return { q: `${pick(r, ['zookeeper', 'sidekiq', 'deadlocks', 'certificate', 'failover'])} ${pick(r, SERVICES)}` };
  return { q: `rate ${pick(r, LABELS)}`, kind: 'query_run' };
}
