// Writing JSON answers and telling a handler's chosen status from a plain body.
import type { ServerResponse } from 'node:http';
import type { RouteResponse } from './route.ts';

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

/** `{status, body}` and nothing else is a RouteResponse; any other value is a 200 body. */
export function isRouteResponse(v: unknown): v is RouteResponse {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 2 && keys.includes('body') && typeof (v as { status?: unknown }).status === 'number';
}
