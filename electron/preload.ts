// Runs in the sidebar's sandboxed renderer before the page: exposes window.mentat with named functions
// and two plain values, and nothing else. The page never sees ipcRenderer, an open send(channel), or an
// IPC event object (whose `sender` would hand it ipcRenderer back).
import { contextBridge, ipcRenderer } from 'electron';
import { channels, type BridgeConfig, type MentatBridge } from './bridge.ts';

function readConfig(): BridgeConfig {
  // Once, while the page is not yet running, so the values are there when its first script reads them.
  const answer: unknown = ipcRenderer.sendSync(channels.config);
  if (answer !== null && typeof answer === 'object' && 'serverUrl' in answer && 'token' in answer) {
    const { serverUrl, token } = answer as BridgeConfig;
    if (typeof serverUrl === 'string' && typeof token === 'string') return { serverUrl, token };
  }
  // Not the sidebar (or an unexpected answer): the page falls back to its own origin and no token.
  return { serverUrl: '', token: '' };
}

function subscribe(channel: string, cb: (...args: unknown[]) => void): () => void {
  const listener = (_event: unknown, ...args: unknown[]): void => cb(...args);
  ipcRenderer.on(channel, listener);
  return () => { ipcRenderer.removeListener(channel, listener); };
}

const config = readConfig();

const bridge = {
  serverUrl: config.serverUrl,
  token: config.token,
  openExternal: (url: string): Promise<boolean> => ipcRenderer.invoke(channels.openExternal, url) as Promise<boolean>,
  onFocusAsk: (cb: () => void): (() => void) => subscribe(channels.focusAsk, () => cb()),
  onShowIncident: (cb: (incidentId: number) => void): (() => void) =>
    subscribe(channels.showIncident, (id) => { if (typeof id === 'number') cb(id); }),
  setWorkingIncident: (id: number | null): Promise<void> => ipcRenderer.invoke(channels.setWorkingIncident, id) as Promise<void>,
  setAlwaysOnTop: (on: boolean): Promise<void> => ipcRenderer.invoke(channels.setAlwaysOnTop, on) as Promise<void>,
} satisfies MentatBridge;

contextBridge.exposeInMainWorld('mentat', bridge);
