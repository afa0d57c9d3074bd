import { describe, expect, it } from 'vitest';
import { channels } from '../../electron/bridge.ts';
import { registerIpc, type IpcDeps } from '../../electron/ipc.ts';
import { openExternalSafely } from '../../electron/url-guard.ts';
import { FakeIpcMain, frame } from './fake-electron.ts';

const ORIGIN = 'http://127.0.0.1:43123';

function setup(): { ipc: FakeIpcMain; calls: { opened: string[]; working: (number | null)[]; onTop: boolean[] }; unregister: () => void } {
  const calls = { opened: [] as string[], working: [] as (number | null)[], onTop: [] as boolean[] };
  const deps: IpcDeps = {
    allowedOrigin: ORIGIN,
    serverUrl: ORIGIN,
    token: 'secret-token',
    openInBrowser: (url) => openExternalSafely({ openExternal: async (u) => { calls.opened.push(u); } }, url),
    setWorkingIncident: (id) => { calls.working.push(id); },
    setAlwaysOnTop: (on) => { calls.onTop.push(on); },
  };
  const ipc = new FakeIpcMain();
  const unregister = registerIpc(ipc, deps);
  return { ipc, calls, unregister };
}

const sidebar = frame(`${ORIGIN}/incidents/3`);

describe('IPC handlers', () => {
  it('answer the sidebar', async () => {
    const { ipc, calls } = setup();
    expect(ipc.sendSync(channels.config, sidebar)).toEqual({ serverUrl: ORIGIN, token: 'secret-token' });
    expect(await ipc.invoke(channels.openExternal, sidebar, 'https://grafana.example.com/d/1')).toBe(true);
    await ipc.invoke(channels.setWorkingIncident, sidebar, 3);
    await ipc.invoke(channels.setWorkingIncident, sidebar, null);
    await ipc.invoke(channels.setAlwaysOnTop, sidebar, true);
    expect(calls).toEqual({ opened: ['https://grafana.example.com/d/1'], working: [3, null], onTop: [true] });
  });

  it('do not open a URL the guard refuses', async () => {
    const { ipc, calls } = setup();
    expect(await ipc.invoke(channels.openExternal, sidebar, 'file:///etc/passwd')).toBe(false);
    expect(await ipc.invoke(channels.openExternal, sidebar, ' javascript:alert(1)')).toBe(false);
    expect(calls.opened).toEqual([]);
  });

  const strangers: [string, ReturnType<typeof frame> | null][] = [
    ['no frame (destroyed)', null],
    ['another origin', frame('https://evil.example/')],
    ['same host, other port', frame('http://127.0.0.1:43124/')],
    ['localhost instead of 127.0.0.1', frame('http://localhost:43123/')],
    ['a file page', frame('file:///tmp/x.html')],
    ['a data page', frame('data:text/html,hi')],
    ['an about:blank frame', frame('about:blank')],
    ['a subframe of the sidebar', frame(`${ORIGIN}/embedded`, frame(`${ORIGIN}/`))],
  ];

  it.each(strangers)('refuse requests from %s', async (_name, from) => {
    const { ipc, calls } = setup();
    expect(ipc.sendSync(channels.config, from)).toBeNull();
    await expect(ipc.invoke(channels.openExternal, from, 'https://example.com')).rejects.toMatchObject({ code: 'ipc_forbidden_sender' });
    await expect(ipc.invoke(channels.setWorkingIncident, from, 1)).rejects.toMatchObject({ code: 'ipc_forbidden_sender' });
    await expect(ipc.invoke(channels.setAlwaysOnTop, from, true)).rejects.toMatchObject({ code: 'ipc_forbidden_sender' });
    expect(calls).toEqual({ opened: [], working: [], onTop: [] });
  });

  const badPayloads: [string, string, unknown[]][] = [
    ['openExternal without a URL', channels.openExternal, []],
    ['openExternal with a number', channels.openExternal, [42]],
    ['openExternal with an object', channels.openExternal, [{ href: 'https://example.com' }]],
    ['openExternal with two arguments', channels.openExternal, ['https://example.com', 'extra']],
    ['openExternal with a huge string', channels.openExternal, ['https://example.com/' + 'a'.repeat(10_000)]],
    ['setWorkingIncident with a string', channels.setWorkingIncident, ['3']],
    ['setWorkingIncident with a negative id', channels.setWorkingIncident, [-1]],
    ['setWorkingIncident with zero', channels.setWorkingIncident, [0]],
    ['setWorkingIncident with a fraction', channels.setWorkingIncident, [1.5]],
    ['setWorkingIncident with NaN', channels.setWorkingIncident, [Number.NaN]],
    ['setWorkingIncident with nothing', channels.setWorkingIncident, []],
    ['setAlwaysOnTop with a string', channels.setAlwaysOnTop, ['true']],
    ['setAlwaysOnTop with 1', channels.setAlwaysOnTop, [1]],
    ['setAlwaysOnTop with nothing', channels.setAlwaysOnTop, []],
  ];

  it.each(badPayloads)('reject %s', async (_name, channel, args) => {
    const { ipc, calls } = setup();
    await expect(ipc.invoke(channel, sidebar, ...args)).rejects.toMatchObject({ code: 'ipc_bad_payload' });
    expect(calls).toEqual({ opened: [], working: [], onTop: [] });
  });

  it('can be removed, leaving no handler behind', async () => {
    const { ipc, unregister } = setup();
    unregister();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.sendSync(channels.config, sidebar)).toBeUndefined();
    await expect(ipc.invoke(channels.setAlwaysOnTop, sidebar, true)).rejects.toThrow(/No handler/);
  });
});
