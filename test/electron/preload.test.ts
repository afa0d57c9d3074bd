// The compiled preload (bundled to CommonJS as Electron loads it) run against a fake `electron` module:
// what window.mentat holds, what reaches the main process, and what never reaches the page.
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../electron/bridge.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

interface Loaded {
  exposed: Record<string, unknown>;
  name: string;
  invoked: { channel: string; args: unknown[] }[];
  syncCalls: string[];
  listeners: Map<string, Listener[]>;
}

let code = '';
beforeAll(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../electron/preload.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron'], write: false,
  });
  code = out.outputFiles[0]?.text ?? '';
});

function load(config: unknown): Loaded {
  const loaded: Loaded = { exposed: {}, name: '', invoked: [], syncCalls: [], listeners: new Map() };
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => { loaded.name = name; loaded.exposed = api; } },
    ipcRenderer: {
      sendSync: (channel: string) => { loaded.syncCalls.push(channel); return config; },
      invoke: async (channel: string, ...args: unknown[]) => { loaded.invoked.push({ channel, args }); return channel === channels.openExternal; },
      on: (channel: string, l: Listener) => { loaded.listeners.set(channel, [...(loaded.listeners.get(channel) ?? []), l]); },
      removeListener: (channel: string, l: Listener) => { loaded.listeners.set(channel, (loaded.listeners.get(channel) ?? []).filter((x) => x !== l)); },
    },
  };
  const module = { exports: {} };
  runInNewContext(code, { require: (id: string) => { if (id === 'electron') return electron; throw new Error(`preload required ${id}`); }, module, exports: module.exports });
  return loaded;
}

describe('preload', () => {
  it('exposes window.mentat with named members only', () => {
    const l = load({ serverUrl: 'http://127.0.0.1:4000', token: 'tok' });
    expect(l.name).toBe('mentat');
    expect(Object.keys(l.exposed).sort()).toEqual(['onFocusAsk', 'onShowIncident', 'openExternal', 'serverUrl', 'setAlwaysOnTop', 'setWorkingIncident', 'token']);
    expect(l.exposed.serverUrl).toBe('http://127.0.0.1:4000');
    expect(l.exposed.token).toBe('tok');
    expect(l.syncCalls).toEqual([channels.config]);
    for (const k of ['send', 'invoke', 'ipcRenderer', 'on']) expect(l.exposed[k]).toBeUndefined();
  });

  it('falls back to the page origin when the main process does not answer for this frame', () => {
    const l = load(null);
    expect(l.exposed.serverUrl).toBe('');
    expect(l.exposed.token).toBe('');
  });

  it('sends each call on its own channel with only its arguments', async () => {
    const l = load({ serverUrl: 'http://127.0.0.1:4000', token: 'tok' });
    const api = l.exposed as { openExternal(u: string): Promise<boolean>; setWorkingIncident(id: number | null): Promise<void>; setAlwaysOnTop(on: boolean): Promise<void> };
    expect(await api.openExternal('https://example.com')).toBe(true);
    await api.setWorkingIncident(4);
    await api.setAlwaysOnTop(false);
    expect(l.invoked).toEqual([
      { channel: channels.openExternal, args: ['https://example.com'] },
      { channel: channels.setWorkingIncident, args: [4] },
      { channel: channels.setAlwaysOnTop, args: [false] },
    ]);
  });

  it('never hands the IPC event to the page, and unsubscribes', () => {
    const l = load({ serverUrl: 'http://127.0.0.1:4000', token: 'tok' });
    const api = l.exposed as { onFocusAsk(cb: (...a: unknown[]) => void): () => void; onShowIncident(cb: (...a: unknown[]) => void): () => void };
    const focus: unknown[][] = [];
    const shown: unknown[][] = [];
    const offFocus = api.onFocusAsk((...a) => focus.push(a));
    api.onShowIncident((...a) => shown.push(a));
    const event = { sender: { send: () => {} } };
    for (const l2 of l.listeners.get(channels.focusAsk) ?? []) l2(event);
    for (const l2 of l.listeners.get(channels.showIncident) ?? []) { l2(event, 7); l2(event, 'not a number'); }
    expect(focus).toEqual([[]]);
    expect(shown).toEqual([[7]]);
    offFocus();
    expect(l.listeners.get(channels.focusAsk)).toEqual([]);
  });
});
