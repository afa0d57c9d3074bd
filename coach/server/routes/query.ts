// Demonstrate over HTTP: translate a question, run a query on a person's request (D4: logged as their
// action, never run by the coach), the catalog's status and refresh, and recorded demonstrations.
import { z } from 'zod';
import type { QueryServices } from '../../query/services.ts';
import type { QueryData } from '../../query/prom-client.ts';
import { listRecordings, startRecording, stopRecording } from '../../query/recordings.ts';
import { CodedError } from '../../types.ts';
import { bodies } from '../bodies.ts';
import { defineRoute, type Route, type ServerDeps } from '../route.ts';
import { incidentId } from './common.ts';

export { createQueryServices, type QueryServices, type QueryServicesOptions } from '../../query/services.ts';

/** The key under which the composition root puts createQueryServices(...) in deps.services. */
export const QUERY_SERVICES_KEY = 'query';

function services(deps: ServerDeps): QueryServices {
  const s = deps.services[QUERY_SERVICES_KEY] as QueryServices | undefined;
  if (!s) throw new CodedError('query_unavailable', 'Query translation is not set up on this server: start it with --prometheus URL.', 503);
  return s;
}

const question = z.string().trim().min(1).max(2000);
const MAX_SERIES = 500;

/** What goes into the action log about a result: its shape, never the whole data. */
export function summarize(data: QueryData): { resultType: string; series: number; sample: { labels: Record<string, string>; value: string | null }[] } {
  const list = Array.isArray(data.result) ? (data.result as { metric?: Record<string, string>; value?: [number, string]; values?: [number, string][] }[]) : [];
  if (data.resultType === 'scalar' || data.resultType === 'string') {
    const v = data.result as [number, string];
    return { resultType: data.resultType, series: 1, sample: [{ labels: {}, value: v[1] }] };
  }
  return {
    resultType: data.resultType,
    series: list.length,
    sample: list.slice(0, 3).map((r) => ({ labels: r.metric ?? {}, value: r.value?.[1] ?? r.values?.at(-1)?.[1] ?? null })),
  };
}

/** A step as Prometheus takes it: a duration ("15s") or a number of seconds. */
function stepFor(fromMs: number, toMs: number, step?: string | number): string {
  if (typeof step === 'number') return `${step}s`;
  if (step) return step;
  return `${Math.max(1, Math.ceil((toMs - fromMs) / 1000 / 250))}s`;
}

export const queryRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/translate',
    body: z.object({ question, incident: z.union([z.number().int().positive(), z.string().trim().min(1)]).optional() }),
    summary: 'Turns a question into a validated PromQL/LogQL/TraceQL query with explanation and links, or a reasoned decline.',
    handler: async (req, deps) => {
      const s = services(deps);
      const inc = req.body.incident !== undefined ? deps.store.incidents.get(req.body.incident) : null;
      const alert = inc ? deps.store.timeline.list(inc.id, { kinds: ['alert_firing'], limit: 1 })[0] : undefined;
      const alertStart = typeof alert?.data.startsAt === 'string' ? alert.data.startsAt : alert?.at ?? null;
      return s.translator.translate(req.body.question, { service: inc?.service ?? null, alertStart, now: deps.clock.now().toISOString() });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/query/run',
    body: bodies.runQuery,
    summary: "Runs a query against Prometheus because a person asked to, returns the result and logs it as that person's query_run.",
    handler: async (req, deps) => {
      const id = incidentId(req.params.id);
      deps.store.incidents.get(id);
      if (req.body.language && req.body.language !== 'promql') {
        throw new CodedError('run_unsupported', `Mentat runs PromQL only; open the ${req.body.language === 'logql' ? 'Loki' : 'Tempo'} query with its Grafana link to run it.`, 400);
      }
      const s = services(deps);
      if (!s.prom) throw new CodedError('prometheus_not_configured', 'No Prometheus is configured: start the server with --prometheus URL to run queries.', 503);
      const r = req.body.range;
      let data: QueryData;
      if (r) {
        const from = new Date(r.from).getTime();
        const to = new Date(r.to).getTime();
        if (!(from < to)) throw new CodedError('invalid_range', 'The range must start before it ends.', 400);
        data = await s.prom.queryRange(req.body.query, String(from / 1000), String(to / 1000), stepFor(from, to, r.step));
      } else {
        data = await s.prom.query(req.body.query, String(deps.clock.now().getTime() / 1000));
      }
      const resultSummary = summarize(data);
      const handled = await deps.coach.handle(id, {
        kind: 'action', from: req.body.from,
        action: {
          kind: 'query_run', query: req.body.query, language: 'promql', ...(r ? { range: { from: r.from, to: r.to } } : {}),
          payload: { resultSummary, ...(req.body.question ? { question: req.body.question } : {}), ...(req.body.suggested ? { suggested: req.body.suggested } : {}) },
        },
      });
      const truncated = Array.isArray(data.result) && data.result.length > MAX_SERIES;
      return {
        result: truncated ? { ...data, result: (data.result as unknown[]).slice(0, MAX_SERIES) } : data,
        truncated, summary: resultSummary, action: handled.action ?? null, turns: handled.turns,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/catalog/status',
    summary: 'The metric catalog: where it came from, when, how many families, whether a refresh failed.',
    handler: (_req, deps) => services(deps).status(),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/catalog/refresh',
    summary: 'Fetches the metric catalog from Prometheus again now.',
    handler: async (_req, deps) => services(deps).refresh(),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/recordings/start',
    body: bodies.startRecording,
    summary: 'Starts recording a demonstration: the person\'s next actions become its steps.',
    handler: (req, deps) => deps.store.tx(() => startRecording(deps.store, req.body.from, deps.clock.now().toISOString(), req.body.incident ?? null)),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/recordings/stop',
    body: bodies.stopRecording,
    summary: 'Stops the person\'s recording and titles it; returns its steps.',
    handler: (req, deps) => stopRecording(deps.store, req.body.from, deps.clock.now().toISOString(), req.body.title, req.body.incident ?? null),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/recordings',
    summary: 'Recorded demonstrations, newest first.',
    handler: (_req, deps) => ({ recordings: listRecordings(deps.store) }),
  }),
];
