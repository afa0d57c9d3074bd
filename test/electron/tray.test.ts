import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchOpenIncidents, MAX_TRAY_INCIDENTS, trayMenuTemplate, trayToolTip, type TrayActions } from '../../electron/tray-menu.ts';
import type { IncidentSummary } from '../../electron/notifications.ts';
import { loopback, type Loopback } from './loopback.ts';

const inc = (id: number, severity = 'SEV3', title = `Incident number ${id}`, status = 'open'): IncidentSummary =>
  ({ id, key: `INC-${id}`, title, severity, status, service: null });

function recorder(): { actions: TrayActions; log: string[] } {
  const log: string[] = [];
  return { log, actions: { openIncident: (id) => log.push(`open ${id}`), showSidebar: () => log.push('show'), quit: () => log.push('quit') } };
}

const click = (item: MenuItemConstructorOptions | undefined): void => {
  (item?.click as (() => void) | undefined)?.();
};

describe('tray menu', () => {
  it('lists open incidents, most severe first, and opens the one clicked', () => {
    const { actions, log } = recorder();
    const menu = trayMenuTemplate([inc(1, 'SEV3'), inc(2, 'SEV1'), inc(3, 'SEV2')], actions);
    expect(menu.map((m) => m.label ?? m.type)).toEqual([
      'INC-2 · SEV1 · Incident number 2', 'INC-3 · SEV2 · Incident number 3', 'INC-1 · SEV3 · Incident number 1',
      'separator', 'Show sidebar', 'Quit Mentat',
    ]);
    click(menu[1]);
    click(menu[4]);
    click(menu[5]);
    expect(log).toEqual(['open 3', 'show', 'quit']);
  });

  it('shortens long titles and caps the list, pointing to the sidebar for the rest', () => {
    const { actions, log } = recorder();
    const many = Array.from({ length: MAX_TRAY_INCIDENTS + 4 }, (_, i) => inc(i + 1, 'SEV2', 'x'.repeat(200)));
    const menu = trayMenuTemplate(many, actions);
    const incidents = menu.filter((m) => m.label?.startsWith('INC-'));
    expect(incidents).toHaveLength(MAX_TRAY_INCIDENTS);
    for (const m of incidents) expect(m.label?.length).toBeLessThanOrEqual(60);
    const more = menu.find((m) => m.label === '4 more in the sidebar…');
    click(more);
    expect(log).toEqual(['show']);
  });

  it('says when there is nothing open or the server cannot be reached', () => {
    const { actions } = recorder();
    expect(trayMenuTemplate([], actions)[0]).toMatchObject({ label: 'No open incidents', enabled: false });
    expect(trayMenuTemplate(null, actions)[0]).toMatchObject({ label: 'Server unreachable', enabled: false });
    expect(trayToolTip([inc(1)])).toBe('Mentat — 1 open incident');
    expect(trayToolTip([inc(1), inc(2)])).toBe('Mentat — 2 open incidents');
    expect(trayToolTip(null)).toBe('Mentat — server unreachable');
  });
});

describe('fetching open incidents', () => {
  let server: Loopback | null = null;
  afterEach(async () => { await server?.close(); server = null; });

  it('asks the server for open incidents with the token and drops resolved ones', async () => {
    const seen: { url?: string; auth?: string }[] = [];
    server = await loopback((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ incidents: [{ ...inc(1), openedAt: 'x', extra: true }, inc(2, 'SEV1', 't', 'resolved')] }));
    });
    const list = await fetchOpenIncidents(server.url, 'tok');
    expect(list.map((i) => i.id)).toEqual([1]);
    expect(seen).toEqual([{ url: '/api/incidents?status=open', auth: 'Bearer tok' }]);
  });

  it('explains an error status or a list it does not understand', async () => {
    server = await loopback((req, res) => {
      if (req.headers.authorization !== 'Bearer right') { res.writeHead(401).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ id: 1 }]));
    });
    await expect(fetchOpenIncidents(server.url, 'wrong')).rejects.toMatchObject({ code: 'incidents_unavailable' });
    await expect(fetchOpenIncidents(server.url, 'wrong')).rejects.toThrow(/401.*token/);
    await expect(fetchOpenIncidents(server.url, 'right')).rejects.toMatchObject({ code: 'incidents_unavailable' });
    await expect(fetchOpenIncidents(server.url, 'right')).rejects.toThrow(/does not understand/);
  });
});
