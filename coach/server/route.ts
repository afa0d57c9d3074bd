// A route is data: method, path pattern, body schema, handler. Route modules export arrays of these and
// the server mounts them, so every capability adds its routes in its own file (routes/*.ts).
import type { z } from 'zod';
import type { CoachApi, CoachChange } from '../incident/api.ts';
import type { Store } from '../store/index.ts';
import type { Clock } from '../types.ts';
import type { Caller } from './identity.ts';

export interface RouteRequest<B = unknown> {
  params: Record<string, string>;
  query: URLSearchParams;
  body: B;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body bytes, for webhooks that verify a signature over them. */
  raw: Buffer;
  /** Who is calling, as the server authenticated it (coach/server/identity.ts). */
  caller?: Caller;
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
  /** 'raw' skips JSON parsing and the content-type check (form-encoded or signed payloads); default 'json'. */
  bodyType?: 'json' | 'raw';
  /**
   * Another way in besides the bearer token, for senders that cannot send one (GitHub signs its
   * webhooks instead). Returning true admits the request; the handler must still verify what it trusts.
   */
  authorize?(req: RouteRequest, deps: ServerDeps): boolean;
  /** Returns (or resolves to) a body sent with 200, or a RouteResponse from respond() to choose the status. */
  handler(req: RouteRequest<z.infer<S>>, deps: ServerDeps): unknown;
}

/**
 * services[BROADCAST_KEY] is set by the server: a handler that changes something without going through
 * the coach (editing a note, say) passes the change here so live views hear of it.
 */
export const BROADCAST_KEY = 'broadcast';
export type Broadcast = (change: CoachChange) => void;

/** A handler may return a plain body (status 200) or this shape to choose the status. */
export function respond(status: number, body: unknown): RouteResponse {
  return { status, body };
}

export function defineRoute<S extends z.ZodType>(r: Route<S>): Route {
  // Handlers are methods, so a route with a specific body type already fits the general Route.
  return r;
}
