// A route is data: method, path pattern, body schema, handler. Route modules export arrays of these and
// the server mounts them, so every capability adds its routes in its own file (routes/*.ts).
import type { z } from 'zod';
import type { CoachApi } from '../incident/api.ts';
import type { Store } from '../store/index.ts';
import type { Clock } from '../types.ts';

export interface RouteRequest<B = unknown> {
  params: Record<string, string>;
  query: URLSearchParams;
  body: B;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body bytes, for webhooks that verify a signature over them. */
  raw: Buffer;
}

/** What route handlers may use. Optional services are absent when not configured. */
export interface ServerDeps {
  store: Store;
  coach: CoachApi;
  clock: Clock;
  /** Extra capabilities registered by their own modules (query translator, Prometheus client, Slack…). */
  services: Record<string, unknown>;
}

export interface RouteResponse {
  status: number;
  body: unknown;
}

export interface Route<S extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path pattern with :params, e.g. "/api/incidents/:id/plan". */
  path: string;
  /** Validates the JSON body; a failure is a 400 naming the field. */
  body?: S;
  /** One line for docs/api.md and error messages. */
  summary: string;
  handler(req: RouteRequest<z.infer<S>>, deps: ServerDeps): Promise<RouteResponse | unknown> | RouteResponse | unknown;
}

export function defineRoute<S extends z.ZodType>(r: Route<S>): Route {
  return r as unknown as Route;
}
