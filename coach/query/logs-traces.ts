// LogQL and TraceQL for the common shapes, checked with Grafana's own lezer grammars before they are shown.
// LogQL: a stream selector for a service, a line filter, count_over_time / rate by a label.
// TraceQL: a service's spans, filtered by error status, HTTP status, route and duration threshold.
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as traceqlParser } from '@grafana/lezer-traceql';
import type { LRParser } from '@lezer/lr';
import type { QueryLanguage } from './api.ts';
import { duration } from './question.ts';
import { isLabelName, quote } from './promql-text.ts';

export type Generated = { ok: true; query: string } | { ok: false; reason: string };

export interface LogTraceOptions {
  service?: string | null;
  /** The Loki stream label that names a service (service_name with OpenTelemetry, often app or job). */
  streamLabel?: string;
}

export function detectLanguage(question: string): QueryLanguage {
  const t = question.toLowerCase();
  if (/\b(traces?|spans?|tempo|traceql)\b/.test(t)) return 'traceql';
  if (/\b(logs?|log lines?|loki|logql|logged)\b/.test(t)) return 'logql';
  return 'promql';
}

function syntaxErrors(p: LRParser, q: string): string[] {
  const errors: string[] = [];
  p.parse(q).iterate({ enter: (n) => { if (n.type.isError) errors.push(`syntax error at character ${n.from + 1}`); } });
  return errors;
}
export const validateLogQL = (q: string): string[] => syntaxErrors(logqlParser, q);
export const validateTraceQL = (q: string): string[] => syntaxErrors(traceqlParser, q);

const NOT_SERVICES = new Set(['the', 'all', 'my', 'our', 'me', 'show', 'some', 'error', 'errors', 'recent', 'any', 'slow', 'slowest', 'failed', 'failing',
  'these', 'those', 'its', 'their', 'of', 'in', 'for', 'timeout', 'timeouts', 'exception', 'exceptions', 'panic', 'warning', 'fatal', 'many', 'much', 'how']);

/** The service a question names ("checkout logs", "logs of checkout", "traces for payments-api"), else the incident's. */
export function serviceOf(question: string, fallback?: string | null): string | null {
  const t = question.toLowerCase();
  const quoted = /\b(?:service|app)\s+"([^"]+)"/.exec(question);
  if (quoted?.[1]) return quoted[1];
  const pats = [
    /\b(?:the\s+)?([a-z0-9][\w.-]*)\s+(?:service|app)\b/,
    /\b(?:did|does|do|has|have)\s+(?:the\s+)?([a-z0-9][\w.-]*)\s+(?:write|log|emit|produce|print|return|serve)/,
    /\b(?:for|of|from|in)\s+(?:the\s+)?([a-z0-9][\w.-]*)\s+(?:logs?|traces?|spans?)\b/,
    /\b([a-z0-9][\w.-]*)(?:'s)?\s+(?:service\s+)?(?:logs?|traces?|spans?)\b/,
    /\b(?:logs?|traces?|spans?)\s+(?:of|for|from)\s+(?:the\s+)?([a-z0-9][\w.-]*)\b/,
  ];
  for (const re of pats) {
    const m = re.exec(t);
    if (m?.[1] && !NOT_SERVICES.has(m[1]) && !/^\d/.test(m[1]) && !/^(log|logs|trace|traces|span|spans|line|lines)$/.test(m[1])) return m[1];
  }
  return fallback ?? null;
}

const LINE_WORDS = ['error', 'exception', 'panic', 'timeout', 'fatal', 'refused', 'warning', 'oom', 'denied'];

export function translateLogQL(question: string, opts: LogTraceOptions = {}): Generated {
  const service = serviceOf(question, opts.service);
  if (!service) return { ok: false, reason: "Which service's logs? Name it (\"checkout logs with errors\")." };
  const label = opts.streamLabel && isLabelName(opts.streamLabel) ? opts.streamLabel : 'service_name';
  const t = question.toLowerCase();
  let sel = `{${label}=${quote(service)}}`;
  const literal = /"([^"]+)"/.exec(question)?.[1];
  const word = LINE_WORDS.find((w) => new RegExp(`\\b${w}s?\\b`).test(t));
  if (literal && literal !== service) sel += ` |= ${quote(literal)}`;
  else if (word) sel += ` |~ ${quote(`(?i)${word}`)}`;
  const win = /\b(?:last|past|over)\s+(\d+|an?)?\s*(minutes?|mins?|hours?|h|m)\b/.exec(t);
  const w = win?.[2] ? duration(win[1], win[2]) : '5m';
  const by = /\bby\s+([a-z_][a-z0-9_]*)\b/.exec(t)?.[1];
  const agg = (inner: string): string => (by && isLabelName(by) ? `sum by (${by}) (${inner})` : `sum(${inner})`);
  let query = sel;
  if (/\b(rate|per second|per sec|throughput)\b/.test(t)) query = agg(`rate(${sel} [${w}])`);
  else if (/\b(how many|count|number of)\b/.test(t)) query = agg(`count_over_time(${sel} [${w}])`);
  const errors = validateLogQL(query);
  return errors.length === 0 ? { ok: true, query } : { ok: false, reason: `The LogQL I built does not parse (${errors[0] ?? ''}).` };
}

export function translateTraceQL(question: string, opts: LogTraceOptions = {}): Generated {
  const t = question.toLowerCase();
  const conds: string[] = [];
  const service = serviceOf(question, opts.service);
  if (service) conds.push(`resource.service.name = ${quote(service)}`);
  const slow = /\b(?:slower than|longer than|over|above|more than|exceeding|>)\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?)\b/.exec(t);
  if (slow?.[1] && slow[2]) conds.push(`duration > ${slow[1]}${slow[2].startsWith('m') ? 'ms' : 's'}`);
  const code = /\b([1-5])xx\b/.exec(t) ?? /\b([1-5]\d\d)\b(?=\s*(?:status|errors?|responses?|codes?))/.exec(t);
  if (code?.[1]) conds.push(code[1].length === 1 ? `span.http.status_code >= ${code[1]}00 && span.http.status_code < ${Number(code[1]) + 1}00` : `span.http.status_code = ${code[1]}`);
  else if (/\b(errors?|failed|failing|erroring)\b/.test(t)) conds.push('status = error');
  const route = /(?:^|\s)(\/[\w\-./{}:]*)/.exec(question)?.[1];
  if (route) conds.push(`span.http.route = ${quote(route)}`);
  if (conds.length === 0) return { ok: false, reason: 'Say which service, status or duration the traces should match ("checkout traces slower than 500ms").' };
  const query = `{ ${conds.join(' && ')} }`;
  const errors = validateTraceQL(query);
  return errors.length === 0 ? { ok: true, query } : { ok: false, reason: `The TraceQL I built does not parse (${errors[0] ?? ''}).` };
}
