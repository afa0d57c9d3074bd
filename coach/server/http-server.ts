// The team server: node:http, routes as data, JSON in and out, server-sent events, a periodic tick.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodedError } from '../types.ts';
import { isLoopback } from './auth.ts';
import { checkHost, checkOrigin, hostRule, type HostRule } from './host-check.ts';
import { createRateLimiter, DEFAULT_WRITE_BURST, DEFAULT_WRITE_RATE } from './rate-limit.ts';
import { bindFrom, identify, PEOPLE_KEY, type Caller } from './identity.ts';
import { createDirectory } from '../people/index.ts';
import { createSupport, type SupportService } from '../support/index.ts';
import { SUPPORT_KEY } from './routes/support.ts';
import { createSuggestionService, type SuggestionService } from '../learning/enhance/index.ts';
import { SUGGESTIONS_KEY } from './routes/suggestions.ts';
import { createLearningNotes, type LearningNotesService } from '../learning/index.ts';
import { LEARNING_NOTES_KEY } from './routes/learning.ts';
import { workspaceOf } from './routes/team.ts';
import { startSupportScheduler } from '../support/scheduler.ts';
import { hasBody, isJsonType, parseJson, readBody } from './body.ts';
import { errorBody, toCodedError, zodToCodedError } from './errors.ts';
import { isRouteResponse, sendJson } from './respond.ts';
import type { ExtraHandler } from './front-ends.ts';
import { BROADCAST_KEY, type Broadcast, type Route, type RouteRequest, type ServerDeps } from './route.ts';
import { Router } from './router.ts';
import { allRoutes } from './routes/index.ts';
import { openEventStream, SseHub } from './sse.ts';
import { serveStatic } from './static-ui.ts';
import { startTicker, type Ticker } from './ticker.ts';

export interface ServerOptions {
  host: string;
  port: number;
  deps: ServerDeps;
  /** Required when host is not a loopback address. */
  token?: string | null;
  /**
   * The desktop app's secret for its own embedded server on loopback: whoever holds it is the solo desktop
   * user (the body's `from` names them, with roles as in solo mode), unlike MENTAT_TOKEN, which is nobody.
   */
  desktopToken?: string | null;
  /** Built renderer (renderer/dist) to serve at / and /assets/*. */
  uiDir?: string | null;
  bodyLimitBytes?: number;
  log?: (line: string) => void;
  /** Mounted after the built-in routes. */
  extraRoutes?: Route[];
  /**
   * Paths outside /api handed the raw body and the response as they are, for transports that check
   * their own signatures and answer in their own format (Slack's POST /slack/events).
   */
  extraHandlers?: ExtraHandler[];
  /** How often open incidents get a tick; 0 turns it off. */
  tickMs?: number;
  heartbeatMs?: number;
  /** Secret that GitHub signs its webhooks with (X-Hub-Signature-256). */
  githubSecret?: string | null;
  /** The address people reach the server at (MENTAT_PUBLIC_URL): its host is answered for. */
  publicUrl?: string | null;
  /** More host names to answer for (MENTAT_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** What GET /healthz adds to `ok` (the front ends' states). */
  health?: () => Record<string, unknown>;
  /** Each writer's state-changing requests: a token bucket (defaults: 10 a second, bursts of 60). */
  writeLimit?: { perSecond: number; burst: number } | null;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Runs one tick round now (tests and the CLI use it instead of waiting for the timer). */
  tick(): Promise<void>;
  /** How many event streams are open now. */
  eventClients(): number;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? null;
  const soloAllowed = isLoopback(opts.host);
  if (!soloAllowed && !token && opts.deps.store.tokens.count() === 0) {
    throw new CodedError('token_required',
      `Refusing to listen on ${opts.host} without a token: anyone who can reach it could read and write incidents. ` +
      'Give people their own tokens (mentat people token NAME), set MENTAT_TOKEN, or bind to 127.0.0.1.', 400);
  }
  const log = opts.log ?? ((line: string) => console.error(line));
  const limit = opts.bodyLimitBytes ?? 1024 * 1024;
  const hub = new SseHub(opts.heartbeatMs);
  const broadcast: Broadcast = (c) => hub.publish(c);
  const services: Record<string, unknown> = { ...opts.deps.services, [BROADCAST_KEY]: broadcast, githubSecret: opts.githubSecret ?? null };
  const base: ServerDeps = { ...opts.deps, services };
  const workspace = workspaceOf(base);
  services[PEOPLE_KEY] ??= createDirectory(workspace.people);
  services[SUPPORT_KEY] ??= createSupport({ store: base.store, clock: base.clock, workspace, log });
  const deps = base;
  const support = services[SUPPORT_KEY] as SupportService;
  const unsubscribeSupport = support.subscribe((c) => hub.publish(c));
  services[LEARNING_NOTES_KEY] ??= createLearningNotes({ store: base.store, clock: base.clock, workspace, log });
  const unsubscribeNotes = (services[LEARNING_NOTES_KEY] as LearningNotesService).subscribe((c) => hub.publish(c));
  services[SUGGESTIONS_KEY] ??= createSuggestionService({ store: base.store, clock: base.clock });
  const unsubscribeSuggestions = (services[SUGGESTIONS_KEY] as SuggestionService).subscribe((c) => hub.publish(c));
  const scheduler = startSupportScheduler(support, log);
  const identifyOpts = (allowQuery: boolean) => ({ store: deps.store, sharedToken: token, soloAllowed, allowQuery, desktopToken: opts.desktopToken ?? null });
  const router = new Router([...allRoutes(), ...(opts.extraRoutes ?? [])]);
  const writes = opts.writeLimit === null ? null
    : createRateLimiter({ perSecond: opts.writeLimit?.perSecond ?? DEFAULT_WRITE_RATE, burst: opts.writeLimit?.burst ?? DEFAULT_WRITE_BURST, now: () => deps.clock.now().getTime() });
  const writerKey = (c: Caller): string => (c.kind === 'person' ? `person:${c.person.toLowerCase()}` : c.kind);
  const unsubscribe = deps.coach.subscribe(broadcast);
  const ticker: Ticker = startTicker(deps.store, deps.coach, opts.tickMs ?? 30_000, log);

  // Known once the port is: until then nothing is answered.
  let hosts: HostRule | null = null;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true, ...opts.health?.() });
    if (!hosts) throw new CodedError('starting', 'The server is starting; try again in a moment.', 503);
    // Every path but the health check, the UI, the stream and webhooks alike: a DNS-rebound page gets nothing.
    const misdirected = checkHost(hosts, req.headers.host);
    if (misdirected) throw misdirected;
    const foreign = checkOrigin(hosts, method, req.headers.origin);
    if (foreign) throw foreign;
    const extra = opts.extraHandlers?.find((h) => h.path === url.pathname);
    if (extra && !url.pathname.startsWith('/api/')) {
      if (extra.method !== method) throw new CodedError('method_not_allowed', `${url.pathname} takes ${extra.method} only.`, 405);
      return extra.handle(req, res, await readBody(req, limit));
    }
    if (url.pathname === '/api/events' && method === 'GET') {
      const who = identify(req, url.searchParams, identifyOpts(true));
      if ('refused' in who) throw who.refused;
      return openEventStream(hub, deps, url.searchParams, res);
    }
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
      if (opts.uiDir && (await serveStatic(opts.uiDir, url.pathname, method, res))) return;
      throw new CodedError('not_found', `Nothing at ${url.pathname}.`, 404);
    }
    const match = router.match(method, url.pathname);
    if (match.kind === 'not_found') throw new CodedError('not_found', `No API route ${method} ${url.pathname}; see docs/api.md.`, 404);
    if (match.kind === 'method_not_allowed') {
      return sendJson(res, 405, errorBody(new CodedError('method_not_allowed',
        `${url.pathname} does not take ${method}; it takes ${match.allow.join(', ')}.`, 405)), { allow: match.allow.join(', ') });
    }
    const route = match.route;
    const who = identify(req, url.searchParams, identifyOpts(false));
    if ('refused' in who && !route.authorize) throw who.refused;
    const raw = await readRequestBody(req, route, limit);
    const request: RouteRequest = { params: match.params, query: url.searchParams, headers: req.headers, raw, body: undefined };
    let caller: Caller;
    if ('refused' in who) {
      if (!route.authorize?.(request, deps)) throw who.refused;
      caller = { kind: 'signed' };
    } else {
      caller = who;
    }
    request.caller = caller;
    if (writes && method !== 'GET' && method !== 'HEAD') {
      const took = writes.take(writerKey(caller));
      if (!took.ok) {
        return sendJson(res, 429, errorBody(new CodedError('rate_limited',
          `Too many changes too fast from ${caller.kind === 'person' ? caller.person : 'this credential'}: wait ${took.retryAfterSeconds} s and try again.`, 429)),
        { 'retry-after': String(took.retryAfterSeconds) });
      }
    }
    if (route.bodyType !== 'raw') {
      const parsed = bindFrom(caller, parseJson(raw));
      if (route.body) {
        const result = route.body.safeParse(parsed);
        if (!result.success) throw zodToCodedError(result.error, 'body');
        request.body = result.data;
      } else {
        request.body = parsed;
      }
    }
    const out: unknown = await route.handler(request, deps);
    if (isRouteResponse(out)) return sendJson(res, out.status, out.body);
    return sendJson(res, 200, out);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const { coded, internal } = toCodedError(err);
      // The event stream's token rides in its URL: it never reaches a log line.
      const shown = (req.url ?? '?').replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');
      if (internal) log(`${req.method ?? '?'} ${shown} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      // A body left unread (413, 415, 401) cannot be skipped safely, so that connection is not reused.
      const unread = !req.complete;
      const extra: Record<string, string> = unread ? { connection: 'close' } : {};
      if (coded.status === 401) extra['www-authenticate'] = 'Bearer';
      sendJson(res, coded.status, errorBody(coded), extra);
      if (unread) req.resume();
    });
  });
  server.keepAliveTimeout = 5_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    ticker.stop();
    unsubscribe();
    unsubscribeSupport();
    unsubscribeSuggestions();
    unsubscribeNotes();
    scheduler.stop();
    hub.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  hosts = hostRule({ bindHost: opts.host, port, publicUrl: opts.publicUrl ?? null, extraHosts: opts.allowedHosts ?? [] });
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      ticker.stop();
      unsubscribe();
      unsubscribeSupport();
      unsubscribeSuggestions();
      unsubscribeNotes();
      scheduler.stop();
      hub.close();
      server.close(() => resolve());
      server.closeIdleConnections();
      // Requests still in flight get a moment to finish; then their connections are cut.
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    });
    return closing;
  };

  return { url: `http://${shownHost}:${port}`, port, tick: () => ticker.tick(), eventClients: () => hub.size, close };
}

async function readRequestBody(req: IncomingMessage, route: Route, limit: number): Promise<Buffer> {
  const mayHaveBody = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
  if (!mayHaveBody || !hasBody(req)) {
    req.resume();
    return Buffer.alloc(0);
  }
  if (route.bodyType !== 'raw' && !isJsonType(req)) {
    throw new CodedError('unsupported_media_type',
      `Send the body as JSON with "Content-Type: application/json" (got ${req.headers['content-type'] ?? 'none'}).`, 415);
  }
  return readBody(req, limit);
}
