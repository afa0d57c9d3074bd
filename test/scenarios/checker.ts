// The expectation semantics of /work/shared/bench/edge/check.mjs, for running scenarios in-process.
export interface Expectation {
  line: number;
  has?: string[];
  lacks?: string[];
  only?: string[];
  match?: Record<string, string>;
  fields?: Record<string, Record<string, unknown>>;
}

type TurnObject = Record<string, unknown> & { type?: unknown; text?: unknown };

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function contains(actual: unknown, want: unknown): boolean {
  if (typeof want === 'string' && typeof actual === 'string' && isoTime.test(want) && isoTime.test(actual)) {
    return Date.parse(want) === Date.parse(actual);
  }
  if (want === null || typeof want !== 'object') return actual === want;
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(want).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
}

export function check(turns: TurnObject[], e: Expectation): string[] {
  const types = turns.map((t) => t.type);
  const problems: string[] = [];
  for (const t of e.has ?? []) if (!types.includes(t)) problems.push(`no ${t} turn`);
  for (const t of e.lacks ?? []) if (types.includes(t)) problems.push(`unexpected ${t} turn`);
  if (e.only && (types.length === 0 || types.some((t) => !e.only?.includes(String(t))))) {
    problems.push(`expected only ${e.only.join('/')}, got [${types.join(', ')}]`);
  }
  for (const [type, re] of Object.entries(e.match ?? {})) {
    if (!turns.some((t) => t.type === type && new RegExp(re, 'i').test(typeof t.text === 'string' ? t.text : ''))) {
      problems.push(`no ${type} turn whose text matches /${re}/i`);
    }
  }
  for (const [type, want] of Object.entries(e.fields ?? {})) {
    if (!turns.some((t) => t.type === type && contains(t, want))) problems.push(`no ${type} turn containing ${JSON.stringify(want)}`);
  }
  return problems;
}
