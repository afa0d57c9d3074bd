// A person's query run comes back as Prometheus' own result data; the sidebar reduces it to a table
// and, for range queries, series for a chart. Envelopes with or without Prometheus' `data` wrapper
// are both accepted.
import { z } from 'zod';
import type { ApiBody } from '../../../coach/server/bodies.ts';

/** A run as the server's route takes it (coach/server/bodies.ts). */
export type RunRequest = ApiBody<'runQuery'>;

export interface Series {
  labels: Record<string, string>;
  points: [number, number][];
}

export type RunResult =
  | { kind: 'vector'; rows: { labels: Record<string, string>; value: number; at: number }[] }
  | { kind: 'matrix'; series: Series[] }
  | { kind: 'scalar'; value: number; at: number }
  | { kind: 'lines'; lines: { labels: Record<string, string>; at: number; line: string }[] };

export interface RunOutcome {
  result: RunResult;
  actionId: number | null;
}

const labels = z.record(z.string(), z.string());
const sample = z.tuple([z.union([z.number(), z.string()]), z.string()]);
const data = z.discriminatedUnion('resultType', [
  z.looseObject({ resultType: z.literal('vector'), result: z.array(z.looseObject({ metric: labels, value: sample })) }),
  z.looseObject({ resultType: z.literal('matrix'), result: z.array(z.looseObject({ metric: labels, values: z.array(sample) })) }),
  z.looseObject({ resultType: z.literal('scalar'), result: sample }),
  z.looseObject({ resultType: z.literal('string'), result: sample }),
  z.looseObject({ resultType: z.literal('streams'), result: z.array(z.looseObject({ stream: labels, values: z.array(z.tuple([z.string(), z.string()])) })) }),
]);

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

export function parseRunResponse(body: unknown): RunOutcome {
  const outer = z.looseObject({ result: z.unknown(), action: z.looseObject({ id: z.number() }).nullish() }).parse(body);
  const raw = outer.result;
  const inner = raw && typeof raw === 'object' && 'data' in raw ? raw.data : raw;
  const d = data.parse(inner);
  return { result: toResult(d), actionId: outer.action?.id ?? null };
}

function toResult(d: z.infer<typeof data>): RunResult {
  switch (d.resultType) {
    case 'vector':
      return { kind: 'vector', rows: d.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]), at: num(r.value[0]) })) };
    case 'matrix':
      return { kind: 'matrix', series: d.result.map((r) => ({ labels: r.metric, points: r.values.map((v) => [num(v[0]), Number(v[1])] as [number, number]) })) };
    case 'scalar':
    case 'string':
      return { kind: 'scalar', value: Number(d.result[1]), at: num(d.result[0]) };
    case 'streams':
      return {
        kind: 'lines',
        lines: d.result.flatMap((s) => s.values.map(([t, line]) => ({ labels: s.stream, at: Number(t) / 1e9, line }))),
      };
  }
}

/** `{__name__="x", a="b"}` as people write it in PromQL. */
export function formatLabels(l: Record<string, string>): string {
  const name = l.__name__ ?? '';
  const rest = Object.entries(l).filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`);
  return rest.length ? `${name}{${rest.join(', ')}}` : name || '{}';
}
