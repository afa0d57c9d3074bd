// The tray's menu: the open incidents (most severe first), then show/quit. Built from the server's
// /api/incidents, so the tray and the sidebar never disagree about what is open.
import type { MenuItemConstructorOptions } from 'electron';
import { z } from 'zod';
import { CodedError } from '../coach/types.ts';
import { IncidentSummarySchema, type IncidentSummary } from './notifications.ts';

/** Enough to scan at a glance; the rest is one click away in the sidebar. */
export const MAX_TRAY_INCIDENTS = 15;
const MAX_LABEL = 60;

const ListSchema = z.object({ incidents: z.array(IncidentSummarySchema) });

export async function fetchOpenIncidents(serverUrl: string, token: string | null, doFetch: typeof fetch = fetch): Promise<IncidentSummary[]> {
  const res = await doFetch(new URL('/api/incidents?status=open', serverUrl), {
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new CodedError('incidents_unavailable', `The server answered ${res.status} for the incident list; check it is running and the token is right.`, 502);
  const parsed = ListSchema.safeParse(await res.json());
  if (!parsed.success) throw new CodedError('incidents_unavailable', 'The server sent an incident list this version of Mentat does not understand; update one of them.', 502);
  return parsed.data.incidents.filter((i) => i.status !== 'resolved');
}

export interface TrayActions {
  openIncident(id: number): void;
  showSidebar(): void;
  quit(): void;
}

function label(inc: IncidentSummary): string {
  const text = `${inc.key} · ${inc.severity} · ${inc.title}`;
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

export function trayMenuTemplate(incidents: IncidentSummary[] | null, actions: TrayActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (incidents === null) {
    items.push({ label: 'Server unreachable', enabled: false });
  } else if (incidents.length === 0) {
    items.push({ label: 'No open incidents', enabled: false });
  } else {
    const sorted = [...incidents].sort((a, b) => a.severity.localeCompare(b.severity) || b.id - a.id);
    for (const inc of sorted.slice(0, MAX_TRAY_INCIDENTS)) {
      items.push({ label: label(inc), click: () => actions.openIncident(inc.id) });
    }
    if (sorted.length > MAX_TRAY_INCIDENTS) {
      items.push({ label: `${sorted.length - MAX_TRAY_INCIDENTS} more in the sidebar…`, click: () => actions.showSidebar() });
    }
  }
  items.push({ type: 'separator' }, { label: 'Show sidebar', click: () => actions.showSidebar() }, { label: 'Quit Mentat', click: () => actions.quit() });
  return items;
}

export function trayToolTip(incidents: IncidentSummary[] | null): string {
  if (incidents === null) return 'Mentat — server unreachable';
  return incidents.length === 1 ? 'Mentat — 1 open incident' : `Mentat — ${incidents.length} open incidents`;
}
