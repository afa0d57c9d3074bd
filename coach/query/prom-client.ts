// A small Prometheus HTTP API client: every answer validated with zod, every call bounded by a timeout.
import { z } from 'zod';
import { CodedError } from '../types.ts';

const envelope = z.object({ status: z.string(), data: z.unknown().optional(), error: z.string().optional(), errorType: z.string().optional() });
const metadataSchema = z.record(z.string(), z.array(z.object({ type: z.string(), help: z.string(), unit: z.string().optional() })));
const stringList = z.array(z.string());
const seriesSchema = z.array(z.record(z.string(), z.string()));
const querySchema = z.object({ resultType: z.string(), result: z.unknown() });

export type QueryData = z.infer<typeof querySchema>;

export interface PromClient {
  readonly baseUrl: string;
  metadata(): Promise<Record<string, { type: string; help: string; unit: string }>>;
  metricNames(): Promise<string[]>;
  series(match: string, start?: number): Promise<Record<string, string>[]>;
  query(expr: string, time?: string): Promise<QueryData>;
  queryRange(expr: string, start: string, end: string, step: string): Promise<QueryData>;
  /** Prometheus' own formatting of a query; null when the server is too old to offer it. */
  formatQuery(expr: string): Promise<string | null>;
}

export interface PromClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createPromClient(baseUrl: string, opts: PromClientOptions = {}): PromClient {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const doFetch = opts.fetch ?? fetch;

  // Read-only endpoints such as /api/v1/metadata answer GET only; the others take POST so long queries fit.
  async function call(path: string, params: Record<string, string | string[]> = {}, method: 'GET' | 'POST' = 'POST'): Promise<unknown> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    let res: Response;
    try {
      res = await doFetch(method === 'GET' ? `${base}${path}${body.size > 0 ? `?${body.toString()}` : ''}` : `${base}${path}`, {
        method,
        ...(method === 'POST' ? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const why = err instanceof Error && err.name === 'TimeoutError' ? `did not answer within ${timeoutMs} ms` : 'could not be reached';
      throw new CodedError('prometheus_unreachable', `Prometheus at ${base} ${why}. Check the URL (--prometheus or PROMETHEUS_URL) and that it is running.`, 502);
    }
    const text = await res.text();
    let parsed: z.infer<typeof envelope>;
    try {
      parsed = envelope.parse(JSON.parse(text));
    } catch {
      throw new CodedError('prometheus_bad_response', `Prometheus at ${base} answered ${path} with HTTP ${res.status} and no API response. Is the URL the Prometheus server itself?`, 502);
    }
    if (parsed.status !== 'success') {
      throw new CodedError(res.status === 404 ? 'prometheus_not_supported' : 'prometheus_error',
        `Prometheus rejected the request: ${parsed.error ?? `HTTP ${res.status}`}.`, res.status === 400 || res.status === 422 ? 400 : 502,
        { errorType: parsed.errorType ?? null });
    }
    return parsed.data;
  }

  return {
    baseUrl: base,
    async metadata() {
      const data = metadataSchema.parse(await call('/api/v1/metadata', {}, 'GET'));
      const out: Record<string, { type: string; help: string; unit: string }> = {};
      for (const [name, list] of Object.entries(data)) {
        const first = list[0];
        if (first) out[name] = { type: first.type, help: first.help, unit: first.unit ?? '' };
      }
      return out;
    },
    async metricNames() {
      return stringList.parse(await call('/api/v1/label/__name__/values', {}, 'GET'));
    },
    async series(match, start) {
      const params: Record<string, string> = { 'match[]': match };
      if (start !== undefined) params.start = String(start);
      return seriesSchema.parse(await call('/api/v1/series', params));
    },
    async query(expr, time) {
      return querySchema.parse(await call('/api/v1/query', time ? { query: expr, time } : { query: expr }));
    },
    async queryRange(expr, start, end, step) {
      return querySchema.parse(await call('/api/v1/query_range', { query: expr, start, end, step }));
    },
    async formatQuery(expr) {
      try {
        return z.string().parse(await call('/api/v1/format_query', { query: expr }));
      } catch (err) {
        if (err instanceof CodedError && err.code === 'prometheus_not_supported') return null;
        throw err;
      }
    },
  };
}
