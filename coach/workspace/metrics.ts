// metrics.yml: the metrics the team's services expose, written down (name, type, HELP, labels and their
// values). Where no Prometheus can be reached (a replay, the demo, a laptop on a train) the translator reads
// questions against it, and says so; a Prometheus, when there is one, always wins.
import { z } from 'zod';
import { CodedError } from '../types.ts';
import { readYaml } from './yaml-file.ts';

export interface MetricSpec {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  help: string;
  unit: string;
  /** Label name → the values its series have. */
  labels: Record<string, string[]>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const specSchema = z.object({
  name: z.string().regex(NAME, 'a Prometheus metric name (letters, digits, _ and :)'),
  type: z.enum(['counter', 'gauge', 'histogram', 'summary']),
  help: z.string().min(1, 'say what it measures: the translator reads HELP text').max(1000),
  unit: z.string().max(40).default(''),
  labels: z.record(z.string().regex(LABEL, 'a Prometheus label name'), z.array(z.union([z.string(), z.number()]).transform(String)).min(1).max(500)).default({}),
}).strict();

const fileSchema = z.union([z.array(z.unknown()), z.object({ metrics: z.array(z.unknown()) }).strict()]);

/** Parses metrics.yml: a list of metric families, or `metrics:` holding one. Errors name the file and the entry. */
export function parseMetrics(text: string, source = 'metrics.yml'): MetricSpec[] {
  const top = fileSchema.safeParse(readYaml(text, source));
  if (!top.success) throw new CodedError('workspace_invalid', `${source}: expected a list of metrics, or "metrics:" holding one.`, 400, { file: source });
  const list = Array.isArray(top.data) ? top.data : top.data.metrics;
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const r = specSchema.safeParse(raw);
    const named = raw && typeof raw === 'object' && 'name' in raw ? ` "${String((raw).name)}"` : '';
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new CodedError('workspace_invalid', `${source}: entry ${i + 1}${named}: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`, 400, { file: source, entry: i + 1 });
    }
    if (seen.has(r.data.name)) throw new CodedError('workspace_invalid', `${source}: entry ${i + 1}${named}: the metric is listed twice.`, 400, { file: source, entry: i + 1 });
    seen.add(r.data.name);
    return r.data;
  });
}
