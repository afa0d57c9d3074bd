// Building PromQL text safely: label values are always escaped string literals, label names always checked.
import type { Matcher } from './resolve.ts';

/** A PromQL double-quoted string literal holding exactly `value`: quotes, backslashes and newlines escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;

export function isLabelName(s: string): boolean {
  return LABEL_NAME.test(s);
}

/** `name{a="b"}[5m] offset 1h`; throws on a name or duration that is not syntax-safe (a programming error). */
export function selector(name: string, matchers: readonly Matcher[], range?: string | null, offset?: string | null): string {
  if (!METRIC_NAME.test(name)) throw new Error(`not a metric name: ${name}`);
  const parts = matchers.map((m) => {
    if (!LABEL_NAME.test(m.label)) throw new Error(`not a label name: ${m.label}`);
    return `${m.label}${m.op}${quote(m.value)}`;
  });
  let s = parts.length > 0 ? `${name}{${parts.join(', ')}}` : name;
  if (range) {
    if (!DURATION.test(range)) throw new Error(`not a duration: ${range}`);
    s += `[${range}]`;
  }
  if (offset) {
    if (!DURATION.test(offset)) throw new Error(`not a duration: ${offset}`);
    s += ` offset ${offset}`;
  }
  return s;
}

/** `sum by (a, b) (expr)`, or `sum (expr)` without labels. */
export function aggregate(op: string, by: readonly string[], expr: string): string {
  for (const l of by) if (!LABEL_NAME.test(l)) throw new Error(`not a label name: ${l}`);
  return by.length > 0 ? `${op} by (${by.join(', ')}) (${expr})` : `${op}(${expr})`;
}

/** Prometheus' own quantile label spelling for a number (0.9 → "0.9"). */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}
