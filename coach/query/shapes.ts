// The PromQL shape for a question once its metric is known: the conventions a careful SRE follows.
import type { Catalog, MetricFamily } from './api.ts';
import type { Question } from './question.ts';
import type { Matcher } from './resolve.ts';
import { capacityPair } from './resolve.ts';
import { aggregate, formatNumber, selector } from './promql-text.ts';

export interface Plan {
  family: MetricFamily;
  matchers: Matcher[];
  /** Labels to keep; empty for a total. `null` means: leave the series as they are. */
  by: string[] | null;
  /** Series identity words ("each target"): keep series as they are. */
  perTarget: boolean;
  errorClass: { op: '=~' | '!~'; re: string } | null;
}

export type Shape = { query: string; uses: string[] } | { decline: string };

const TARGET_LABELS = new Set(['instance', 'job']);
const STATUS_NAME = /(^|_)(up|success|successful)$/;

/** Wraps everything that does not depend on the metric's type: compare with offset, top/bottom N. */
export function shape(catalog: Catalog, q: Question, p: Plan): Shape {
  const inner = (off: string | null): Shape => byType(catalog, q, p, off);
  const now = inner(null);
  if ('decline' in now) return now;
  let query = now.query;
  if (q.offset) {
    const before = inner(q.offset);
    if ('decline' in before) return before;
    query = `${wrapParens(now.query)} / ${wrapParens(before.query)}`;
  }
  query = sinceAndUnits(p.family, q, query);
  query = filtered(q, query);
  if (q.top) query = `${q.top.fn}(${q.top.k}, ${query})`;
  return { query, uses: now.uses };
}

const TIMESTAMP = /_(timestamp|time)_seconds$|_timestamp$|_last_[a-z_]*seconds$/;
const SINCE = /\bhow long (since|ago)\b|\b(time|seconds|minutes|hours) since\b|\bhow (many )?(seconds|minutes|hours) ago\b|\bhow old\b|\bhow long has it been since\b|\bage of\b/;
/** "in MiB", "in GB", "in minutes": what one unit of the answer is, in the metric's base unit. */
const BYTE_UNITS: [RegExp, string][] = [
  [/\bin (kib|kibibytes?)\b/, '1024'], [/\bin (kb|kilobytes?)\b/, '1000'],
  [/\bin (mib|mebibytes?)\b/, '1024 / 1024'], [/\bin (mb|megabytes?)\b/, '1000000'],
  [/\bin (gib|gibibytes?)\b/, '1024 / 1024 / 1024'], [/\bin (gb|gigabytes?)\b/, '1000000000'],
  [/\bin (tib|tebibytes?)\b/, '1024 / 1024 / 1024 / 1024'], [/\bin (tb|terabytes?)\b/, '1000000000000'],
];
const SECOND_UNITS: [RegExp, string][] = [[/\bin (minutes?|mins?)\b/, '60'], [/\bin (hours?|hrs?)\b/, '3600'], [/\bin days?\b/, '86400']];

/**
 * Shapes that read the answer's unit rather than the metric's type: time since a timestamp ("how long since
 * the last reload" → `time() - …`), and conversions the person asks for ("in MiB", "in hours", "in ms",
 * "in megabits per second"). Ratios and percentages have no unit and are left alone.
 */
function sinceAndUnits(f: MetricFamily, q: Question, query: string): string {
  const t = q.raw.toLowerCase();
  let out = query;
  let seconds = /_seconds(_total)?$/.test(f.name) || out.startsWith('time() - ');
  if (SINCE.test(t) && !q.uptime && TIMESTAMP.test(f.name) && !out.startsWith('time() - ')) {
    out = `time() - ${out}`;
    seconds = true;
  }
  if (q.percent || q.fraction) return out;
  const bytes = /_bytes(_total)?$/.test(f.name);
  if (bytes && /\bin (megabits|mbits|mbps|mbit)\b|\bmegabits per second\b|\bmbps\b/.test(t)) return `${wrap(out)} * 8 / 1000000`;
  if (bytes && /\bin (gigabits|gbits|gbps|gbit)\b|\bgbps\b/.test(t)) return `${wrap(out)} * 8 / 1000000000`;
  const units = bytes ? BYTE_UNITS : seconds ? SECOND_UNITS : [];
  for (const [re, per] of units) if (re.test(t)) return `${wrap(out)} / ${per}`;
  if (seconds && /\bin (ms|millis|milliseconds?)\b/.test(t)) return `${wrap(out)} * 1000`;
  return out;
}

/**
 * A threshold the question names ("more than 300" → `> 300`), or an existence question ("is any disk being
 * written to", "did any … happen in the last hour") as `> 0`: the series that answer yes, not every value.
 * A query that already filters (`== 0` for "down") is left alone.
 */
function filtered(q: Question, query: string): string {
  if (/(==|!=|>=|<=|>|<)\s*-?\d/.test(query.replace(/\{[^{}]*\}/g, ''))) return query;
  if (q.compare) return `${wrap(query)} ${q.compare.op} ${formatNumber(q.compare.value)}`;
  if (q.exists && !q.percent && !q.fraction && q.top === null && !q.countTargets && !q.uptime) return `${wrap(query)} > 0`;
  return query;
}

function wrap(e: string): string {
  return /^[\w:]+(\{[^{}]*\})?$/.test(e) || (/^[a-z_]+\(.*\)$/.test(e) && balanced(e)) ? e : `(${e})`;
}

function wrapParens(e: string): string {
  return /^[a-z_]+\(.*\)$/.test(e) && balanced(e) ? e : `(${e})`;
}

/** True when the outer call's parentheses enclose the whole expression. */
function balanced(e: string): boolean {
  let depth = 0;
  for (let i = e.indexOf('('); i < e.length; i++) {
    if (e[i] === '(') depth++;
    else if (e[i] === ')' && --depth === 0 && i !== e.length - 1) return false;
  }
  return true;
}

function byType(catalog: Catalog, q: Question, p: Plan, off: string | null): Shape {
  const f = p.family;
  const by = p.by ?? [];
  const w = q.window ?? '5m';
  if (f.type === 'histogram' || f.type === 'summary') return distribution(catalog, q, p, off, w);
  if (f.type === 'counter' || (f.type === 'unknown' && (f.name.endsWith('_total') || q.rate || q.increase))) {
    const fn = q.increase && q.window ? 'increase' : 'rate';
    const sel = (m: Matcher[]): string => `${fn}(${selector(f.name, m, fn === 'increase' ? q.window : w, off)})`;
    const codeLabel = f.labels.find((l) => /^(code|status|status_code)$/.test(l));
    const err = codeLabel && p.errorClass ? { label: codeLabel, op: p.errorClass.op, value: p.errorClass.re } : null;
    const withErr = err ? [...p.matchers, err] : p.matchers;
    if (err && (q.percent || q.fraction)) {
      const ratio = `${aggregate('sum', by, sel(withErr))} / ${aggregate('sum', by, sel(p.matchers))}`;
      return { query: q.percent ? `${ratio} * 100` : ratio, uses: [f.name] };
    }
    if (f.name.endsWith('_seconds_total') && (q.percent || q.fraction || q.busy)) {
      const idle = f.labels.includes('mode') && catalog.labelValues(f.name, 'mode').includes('idle')
        && !p.matchers.some((m) => m.label === 'mode' && m.value !== 'idle');
      const others = withErr.filter((m) => m.label !== 'mode');
      const base = q.busy && idle
        ? `1 - ${aggregate('avg', by, sel([...others, { label: 'mode', op: '=', value: 'idle' }]))}`
        : aggregate('avg', by, sel(withErr));
      return { query: q.percent ? `100 * (${base})` : base, uses: [f.name] };
    }
    const dims = withErr.some((m) => !TARGET_LABELS.has(m.label)) && f.labels.some((l) => !TARGET_LABELS.has(l));
    if (p.by !== null) return { query: aggregate('sum', by, sel(withErr)), uses: [f.name] };
    return { query: dims || q.total ? aggregate('sum', [], sel(withErr)) : sel(withErr), uses: [f.name] };
  }
  return gauge(catalog, q, p, off);
}

function distribution(catalog: Catalog, q: Question, p: Plan, off: string | null, w: string): Shape {
  const f = p.family;
  const by = p.by ?? [];
  const has = (s: string): boolean => f.samples.includes(s);
  if (q.percentile !== null) {
    if (f.type === 'histogram' && has(`${f.name}_bucket`)) {
      const inner = `rate(${selector(`${f.name}_bucket`, p.matchers, w, off)})`;
      return { query: `histogram_quantile(${formatNumber(q.percentile)}, ${aggregate('sum', ['le', ...by.filter((l) => l !== 'le')], inner)})`, uses: [f.name] };
    }
    const quantile = catalog.labelValues(f.name, 'quantile').find((v) => Number(v) === q.percentile);
    if (!quantile) {
      const have = catalog.labelValues(f.name, 'quantile').join(', ');
      return { decline: `${f.name} is a summary and only exposes the quantiles ${have || 'it was configured with'}; it has no ${formatNumber(q.percentile)} quantile to read.` };
    }
    return { query: selector(f.name, [...p.matchers, { label: 'quantile', op: '=', value: quantile }], null, off), uses: [f.name] };
  }
  if ((q.average || q.rate || q.increase) && has(`${f.name}_sum`) && has(`${f.name}_count`)) {
    const part = (s: string, fn = 'rate', win = w): string => aggregate('sum', by, `${fn}(${selector(`${f.name}${s}`, p.matchers, win, off)})`);
    if (q.average) return { query: `${part('_sum')} / ${part('_count')}`, uses: [f.name] };
    return { query: q.increase && q.window ? part('_count', 'increase', q.window) : part('_count'), uses: [f.name] };
  }
  return { decline: `${f.name} is a ${f.type}: say which percentile (p50, p90, p99) or the average you want.` };
}

function gauge(catalog: Catalog, q: Question, p: Plan, off: string | null): Shape {
  const f = p.family;
  const sel = (name: string): string => selector(name, p.matchers, null, off);
  if (q.uptime) return { query: `time() - ${sel(f.name)}`, uses: [f.name] };
  if (q.predictHours !== null) {
    const secs = Number.isInteger(q.predictHours) ? `${q.predictHours} * 3600` : String(Math.round(q.predictHours * 3600));
    return { query: `predict_linear(${selector(f.name, p.matchers, '1h', off)}, ${secs}) < 0`, uses: [f.name] };
  }
  const pair = q.used || q.percent || q.fraction ? capacityPair(catalog, f.name) : null;
  if (pair) {
    const used = pair.used ? sel(pair.used) : `${sel(pair.total)} - ${sel(pair.avail ?? '')}`;
    const uses = [pair.total, pair.used ?? pair.avail ?? ''];
    if (!q.percent && !q.fraction) return { query: used, uses };
    const availOnly = !q.used && pair.avail === f.name;
    const frac = pair.used ? `${sel(pair.used)} / ${sel(pair.total)}` : availOnly ? `${sel(f.name)} / ${sel(pair.total)}` : `1 - ${sel(pair.avail ?? '')} / ${sel(pair.total)}`;
    return { query: q.percent ? `100 * (${frac})` : frac, uses };
  }
  if (q.countTargets) {
    const filter = q.down ? ' == 0' : /\bare up\b|\bup\b.*\bper\b/.test(q.raw.toLowerCase()) ? ' == 1' : '';
    return { query: aggregate('count', p.by ?? [], `${sel(f.name)}${filter}`), uses: [f.name] };
  }
  let expr = sel(f.name);
  if (p.by !== null) expr = aggregate(q.average ? 'avg' : 'sum', p.by, expr);
  else if (q.total && f.labels.some((l) => !TARGET_LABELS.has(l))) expr = aggregate('sum', [], expr);
  else if (q.average && !/average/i.test(f.help) && f.labels.some((l) => !TARGET_LABELS.has(l))) expr = aggregate('avg', [], expr);
  if (STATUS_NAME.test(f.name) && q.down) expr = `${expr} == 0`;
  else if (f.name === 'up' && q.which && /\bare up\b/.test(q.raw.toLowerCase())) expr = `${expr} == 1`;
  return { query: expr, uses: [f.name] };
}
