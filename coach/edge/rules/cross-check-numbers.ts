// G5 for numbers: a number a person states about something measured ("p99 is about 300ms", "lag ~50k",
// "error rate 2%") is compared with the recorded result of the latest query about that thing run in this
// incident, and a clear mismatch is asked about. Only what the record can settle is checked: the statement
// must name what the query measures, the units must be of the same kind, and every reading of the number
// (2% as 0.02 or as 2, 50k, 300 ms as 0.3 s, 900 MB decimal or binary) must be at least twice off every value
// the query returned. Anything closer, or unclear, gets no question.
import type { Action, TurnDraft } from '../../types.ts';
import { FILLER, nameTokens, norm } from '../../query/text.ts';
import { clock } from '../times.ts';
import type { IncidentState } from '../types.ts';

type Kind = 'percent' | 'duration' | 'bytes' | 'rate' | 'count';

interface Stated { raw: string; index: number; kind: Kind; readings: number[] }

const UNIT: Record<string, { kind: Kind; scale: number[] }> = {
  '%': { kind: 'percent', scale: [1] }, percent: { kind: 'percent', scale: [1] }, pct: { kind: 'percent', scale: [1] },
  ms: { kind: 'duration', scale: [0.001] }, millis: { kind: 'duration', scale: [0.001] }, milliseconds: { kind: 'duration', scale: [0.001] },
  s: { kind: 'duration', scale: [1] }, sec: { kind: 'duration', scale: [1] }, secs: { kind: 'duration', scale: [1] }, second: { kind: 'duration', scale: [1] }, seconds: { kind: 'duration', scale: [1] },
  kb: { kind: 'bytes', scale: [1e3, 1024] }, mb: { kind: 'bytes', scale: [1e6, 1024 ** 2] }, gb: { kind: 'bytes', scale: [1e9, 1024 ** 3] }, tb: { kind: 'bytes', scale: [1e12, 1024 ** 4] },
  kib: { kind: 'bytes', scale: [1024] }, mib: { kind: 'bytes', scale: [1024 ** 2] }, gib: { kind: 'bytes', scale: [1024 ** 3] }, tib: { kind: 'bytes', scale: [1024 ** 4] },
  bytes: { kind: 'bytes', scale: [1] }, byte: { kind: 'bytes', scale: [1] },
  rps: { kind: 'rate', scale: [1] }, qps: { kind: 'rate', scale: [1] }, 'req/s': { kind: 'rate', scale: [1] }, '/s': { kind: 'rate', scale: [1] },
};
const MAGNITUDE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, thousand: 1e3 };

// A magnitude letter is one only when no unit letter follows it: the m of "300ms" and "900MB" is the unit's.
const NUMBER = /(?<![\w.:/-])(\d+(?:[.,]\d+)?)\s*(?:(k|mm|mn|m|bn|b|million|billion|thousand)(?![a-z]))?\s*(%|percent\b|pct\b|ms\b|millis\b|milliseconds?\b|secs?\b|seconds?\b|s\b|kib\b|mib\b|gib\b|tib\b|kb\b|mb\b|gb\b|tb\b|bytes?\b|rps\b|qps\b|req\/s\b|\/s\b)?(?![\w.:]*\d)/gi;
/** A number that is a window, a time, a version, a percentile's name or a count of people: not a measurement. */
const NOT_MEASURED_BEFORE = /\b(?:last|past|for|over|within|every|in the last|since|at|inc|p|v|version|of)\s*-?$/i;
const NOT_MEASURED_AFTER = /^\s*(?:ago|of us|people|persons?|folks|engineers|mins? ago|minutes? ago|hours?|hrs?|days?|weeks?|minutes?|mins?\b(?!\s*(?:p\d|latency)))/i;

function stated(text: string): Stated[] {
  const out: Stated[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (NOT_MEASURED_BEFORE.test(before) || NOT_MEASURED_AFTER.test(after)) continue;
    const n = Number((m[1] ?? '').replace(',', '.'));
    if (!Number.isFinite(n)) continue;
    // "503s", "404s": HTTP status codes in the plural, not seconds.
    if (/^[1-5]\d\ds$/i.test(m[0].trim())) continue;
    const mag = m[2] ? MAGNITUDE[m[2].toLowerCase()] ?? 1 : 1;
    const unit = m[3] ? UNIT[m[3].toLowerCase()] : undefined;
    // "5m" after a number with no other unit is five million, five minutes or five megabytes: too unclear to check.
    if (m[2]?.toLowerCase() === 'm' && !unit) continue;
    const kind: Kind = unit?.kind ?? 'count';
    // A percentage compares with a ratio (0.02) or with a query that multiplies by 100 (2).
    const readings = kind === 'percent' ? [n / 100, n] : (unit?.scale ?? [1]).map((s) => n * mag * s);
    out.push({ raw: m[0].trim(), index: m.index, kind, readings });
  }
  return out;
}

interface Run { action: Action; query: string; values: number[]; series: number; tokens: Set<string>; quantile: number | null; kind: Kind | null }

/** What a query measures, as words a statement would use, and the kind of number it gives. */
function describe(action: Action): Run | null {
  const summary = action.payload.resultSummary as { series?: unknown; sample?: unknown } | undefined;
  const query = typeof action.payload.query === 'string' ? action.payload.query : action.text;
  if (!summary || !Array.isArray(summary.sample) || !query) return null;
  const values = (summary.sample as { value?: unknown }[]).map((s) => Number(s.value)).filter((v) => Number.isFinite(v));
  const series = typeof summary.series === 'number' ? summary.series : values.length;
  if (values.length === 0 && series === 0) return null;
  const tokens = new Set<string>();
  const metrics = query.replace(/"(?:[^"\\]|\\.)*"/g, ' ').match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  for (const m of metrics) if (m.includes('_') || m.length > 3) for (const t of nameTokens(m)) tokens.add(t);
  for (const v of query.match(/"([^"]*)"/g) ?? []) for (const w of v.toLowerCase().match(/[a-z]{3,}/g) ?? []) tokens.add(norm(w));
  if (/code=~?"5|status=~?"5|5\.\./.test(query)) tokens.add('error');
  const q = /histogram_quantile\(\s*(0?\.\d+|1(?:\.0+)?)/.exec(query);
  const quantile = q ? Number(q[1]) : null;
  if (quantile !== null) tokens.add('dur');
  const ratio = /\)\s*\/\s*\(?\s*sum|\/\s*sum|\/\s*\(/.test(query) || /\*\s*100\b/.test(query);
  const kind: Kind | null = ratio ? 'percent' : tokens.has('dur') ? 'duration' : tokens.has('byte') ? 'bytes' : /\brate\(|\birate\(/.test(query) ? 'rate' : null;
  return { action, query, values, series, tokens, quantile, kind };
}

/** Content words of a statement, normalized the way query words are. */
function words(text: string): { tokens: Set<string>; percentile: number | null } {
  const lower = text.toLowerCase();
  const p = /\bp(\d{2,3})\b/.exec(lower);
  const tokens = new Set((lower.match(/[a-z][a-z0-9]*/g) ?? []).filter((w) => !FILLER.has(w) && w.length > 2).map(norm).filter((w) => !FILLER.has(w)));
  if (p || /\blatenc|\bslow|\bduration/.test(lower)) tokens.add('dur');
  if (/\berrors?\b|\b5xx\b|\bfail/.test(lower)) tokens.add('error');
  if (/\brestart/.test(lower)) tokens.add('restart');
  if (/\brps\b|\bqps\b|\breq(?:uest)?s?\/s\b|\bthroughput\b|\btraffic\b/.test(lower)) tokens.add('request');
  if (/\bmem(?:ory)?\b|\brss\b|\bram\b/.test(lower)) tokens.add('mem');
  return { tokens, percentile: p ? Number(p[1]) / (p[1]?.length === 3 ? 1000 : 100) : null };
}

/** What is measured: a statement about one of these and a query about another are about different things. */
const MEASURES = ['cpu', 'mem', 'error', 'lag', 'restart', 'disk', 'network', 'byte'];

/** Generic words every HTTP or process metric shares: alone they say nothing about which thing was measured. */
const GENERIC = new Set(['http', 'request', 'process', 'server', 'client', 'node', 'container', 'dur']);

const compatible = (s: Kind, r: Kind | null): boolean =>
  s === 'count' ? r !== 'percent' && r !== 'duration' && r !== 'bytes' : r === null ? s !== 'percent' && s !== 'duration' : s === r || (s === 'rate' && r === 'count');

function fmt(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en');
  return String(Number(v.toPrecision(3)));
}

/** The latest query run about what a clause names, and a question when the stated number is clearly off. */
export function numberChecks(s: IncidentState, text: string): TurnDraft[] {
  const numbers = stated(text);
  if (numbers.length === 0) return [];
  const runs = s.actions.filter((a) => a.kind === 'query_run').map(describe).filter((r): r is Run => r !== null).reverse();
  if (runs.length === 0) return [];
  const said = words(text);
  for (const n of numbers) {
    let best: { run: Run; score: number } | null = null;
    const measures = MEASURES.filter((m) => said.tokens.has(m));
    for (const run of runs) {
      if (!compatible(n.kind, run.kind)) continue;
      if (measures.length > 0 && MEASURES.some((m) => run.tokens.has(m)) && !measures.some((m) => run.tokens.has(m))) continue;
      if (said.percentile !== null && run.quantile !== null && Math.abs(said.percentile - run.quantile) > 1e-9) continue;
      const shared = [...said.tokens].filter((t) => run.tokens.has(t));
      const specific = shared.filter((t) => !GENERIC.has(t)).length;
      const score = specific * 2 + shared.length + (said.percentile !== null && run.quantile !== null ? 2 : 0);
      if (specific === 0 && !(said.percentile !== null && run.quantile !== null)) continue;
      if (!best || score > best.score) best = { run, score };
    }
    if (!best) continue;
    const recorded = [...best.run.values, ...(best.run.series > 1 ? [best.run.series] : [])];
    if (recorded.length === 0) continue;
    const off = (a: number, b: number): number => {
      if (a === 0 && b === 0) return 1;
      const lo = Math.min(Math.abs(a), Math.abs(b));
      return lo === 0 ? Infinity : Math.max(Math.abs(a), Math.abs(b)) / lo;
    };
    const closest = Math.min(...n.readings.flatMap((r) => recorded.map((v) => off(r, v))));
    if (closest < 2) continue;
    const { run } = best;
    const shown = run.values.length === 1 ? fmt(run.values[0] ?? 0) : `${run.series} series, ${run.values.slice(0, 3).map(fmt).join(', ')}${run.series > 3 ? ', …' : ''}`;
    return [{
      phase: 'guide', type: 'cross_check', rule: 'G5',
      fields: { subject: 'query_result', stated: n.raw, recorded: run.values, series: run.series, query: run.query, at: run.action.at },
      text: `${run.query} showed ${shown} when ${run.action.actor} ran it at ${clock(run.action.at)}; you said ${n.raw}. Which is right, or is it measuring something else?`,
    }];
  }
  return [];
}
