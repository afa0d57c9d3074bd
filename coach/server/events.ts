// GET /api/events: one server-sent event stream, optionally narrowed to one incident.
import type { ServerResponse } from 'node:http';
import { parseIncidentRef } from '../store/index.ts';
import { CodedError } from '../types.ts';
import type { ServerDeps } from './route.ts';
import type { SseHub } from './sse.ts';

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
