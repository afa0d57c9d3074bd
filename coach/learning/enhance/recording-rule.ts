// H4: a query the team keeps running, as a Prometheus recording rule named level:metric:operations
// (https://prometheus.io/docs/practices/rules/). Only ever offered as text; nothing is written anywhere.
import { metricOf, normalizeQuery } from './query-key.ts';

export interface RecordingRule {
  record: string;
  expr: string;
  /** A whole rule file, ready for `promtool check rules`. */
  yaml: string;
}

export const RULE_GROUP = 'mentat-suggested';

const RANGE_FNS = ['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'count_over_time'];
const AGGREGATIONS = ['sum', 'avg', 'max', 'min', 'count', 'stddev', 'topk', 'bottomk', 'quantile'];

const ident = (s: string): string => s.replace(/[^\w:]/g, '_').replace(/^(\d)/, '_$1');

/** The rule for a query, or null when it cannot be one (Grafana variables, no metric). */
export function recordingRule(query: string): RecordingRule | null {
  const expr = query.trim().replace(/\s+/g, ' ');
  if (!expr || expr.includes('$') || /\b(?:@|offset)\b/.test(expr)) return null;
  const metric0 = metricOf(expr);
  if (!metric0) return null;
  const by = /\bby\s*\(([^)]*)\)/.exec(expr)?.[1]?.split(',').map((l) => l.trim()).filter((l) => l && l !== 'le') ?? [];
  const level = by.length ? by.join('_') : 'all';
  const ops: string[] = [];
  for (const m of normalizeQuery(expr).matchAll(/([a-z_]+)\(/g)) {
    const fn = m[1] as string;
    if (fn === 'histogram_quantile') {
      const q = /histogram_quantile\(\s*([\d.]+)/.exec(expr)?.[1];
      ops.push(q ? `p${String(Math.round(Number(q) * 1000) / 10).replace('.', '')}` : 'quantile');
    } else if (RANGE_FNS.includes(fn)) {
      const rest = expr.slice(expr.indexOf(`${fn}(`));
      const w = /\[(\w+)\]/.exec(rest)?.[1] ?? '';
      ops.push(`${fn}${w}`);
    } else if (AGGREGATIONS.includes(fn) && !(fn === 'sum' && by.length)) {
      ops.push(fn);
    }
  }
  let metric = metric0;
  if (ops.some((o) => /^(rate|irate|increase)/.test(o))) metric = metric.replace(/_total$/, '');
  if (ops.some((o) => /^p\d/.test(o) || o === 'quantile')) metric = metric.replace(/_bucket$/, '');
  const record = `${ident(level)}:${ident(metric)}:${ops.length ? ops.map(ident).join('_') : 'value'}`;
  const quoted = `'${expr.replace(/'/g, "''")}'`;
  const yaml = [
    'groups:',
    `  - name: ${RULE_GROUP}`,
    '    rules:',
    `      - record: ${record}`,
    `        expr: ${quoted}`,
    '',
  ].join('\n');
  return { record, expr, yaml };
}
