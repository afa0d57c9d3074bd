// GET /api/events: relays coach changes to browsers as server-sent events, each client filtered to one incident or all.
import type { ServerResponse } from 'node:http';
import type { CoachChange } from '../incident/api.ts';
import type { LearningNoteChange } from '../learning/notes/types.ts';
import type { SuggestionChange } from '../learning/enhance/index.ts';
import type { SupportChange } from '../support/types.ts';

/** What live views hear: the coach's changes, the support workflow's and the learning notes'. */
export type LiveChange = CoachChange | SupportChange | LearningNoteChange | SuggestionChange;
import { parseIncidentRef } from '../store/index.ts';
import { CodedError } from '../types.ts';
import type { ServerDeps } from './route.ts';

interface Client {
  res: ServerResponse;
  incidentId: number | null;
}

/** A client that cannot keep up (its socket buffer passes this) is dropped; EventSource reconnects. */
const MAX_BUFFERED = 1 << 20;

export function changeIncidentId(change: LiveChange): number {
  return change.type === 'incident' ? change.incident.id : change.incidentId;
}

export class SseHub {
  private readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = 15_000) {
    this.heartbeat = setInterval(() => this.writeAll(': ping\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  add(res: ServerResponse, incidentId: number | null): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tells proxies such as nginx not to hold events back.
      'x-accel-buffering': 'no',
    });
    const client: Client = { res, incidentId };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
    res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ incident: incidentId })}\n\n`);
  }

  publish(change: LiveChange): void {
    const id = changeIncidentId(change);
    const frame = `event: ${change.type}\ndata: ${JSON.stringify(change)}\n\n`;
    for (const c of this.clients) {
      if (c.incidentId === null || c.incidentId === id) this.write(c, frame);
    }
  }

  /** Ends every stream, so a shutting-down server is not held open by long-lived connections. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private writeAll(frame: string): void {
    for (const c of this.clients) this.write(c, frame);
  }

  private write(c: Client, frame: string): void {
    if (c.res.writableLength > MAX_BUFFERED) {
      this.clients.delete(c);
      c.res.destroy();
      return;
    }
    c.res.write(frame);
  }
}

/** Opens a stream for GET /api/events[?incident=ID]. */
export function openEventStream(hub: SseHub, deps: ServerDeps, query: URLSearchParams, res: ServerResponse): void {
  const ref = query.get('incident');
  let incidentId: number | null = null;
  if (ref !== null && ref !== '') {
    incidentId = parseIncidentRef(ref);
    if (incidentId === null) throw new CodedError('invalid_query', `query.incident: "${ref}" is not an incident id such as 42 or INC-42.`, 400);
    // Fails with a 404 a person can read rather than a stream that never says anything.
    deps.store.incidents.get(incidentId);
  }
  hub.add(res, incidentId);
}
