// The one surface the renderer sees of the desktop shell: window.mentat. The preload implements it with
// named functions (checked with `satisfies`), and the main process answers on these channels only.

/** What `window.mentat` offers the renderer when it runs inside the desktop app. */
export interface MentatBridge {
  /** The server the sidebar talks to (the embedded one in solo mode, or the team server). */
  readonly serverUrl: string;
  /**
   * Bearer token for that server. Requests from the sidebar's window carry it already (the session adds
   * the header), so the page needs it only for clients that build their own requests.
   */
  readonly token: string;
  /** Opens an http(s) link in the person's browser; resolves false when the URL was refused. */
  openExternal(url: string): Promise<boolean>;
  /** Called when the global shortcut asks the sidebar to focus the ask box; returns an unsubscribe function. */
  onFocusAsk(cb: () => void): () => void;
  /** Called when the tray asks the sidebar to show an incident; returns an unsubscribe function. */
  onShowIncident(cb: (incidentId: number) => void): () => void;
  /** The incident the person is working, so desktop notifications follow its new alerts; null for none. */
  setWorkingIncident(id: number | null): Promise<void>;
  setAlwaysOnTop(on: boolean): Promise<void>;
}

/** IPC channel names: invoke channels the main process handles, and events it sends to the window. */
export const channels = {
  /** Synchronous, once, while the preload runs: the page reads serverUrl and token as plain values. */
  config: 'mentat:config',
  openExternal: 'mentat:open-external',
  setWorkingIncident: 'mentat:set-working-incident',
  setAlwaysOnTop: 'mentat:set-always-on-top',
  focusAsk: 'mentat:focus-ask',
  showIncident: 'mentat:show-incident',
} as const;

export type InvokeChannel = (typeof channels)[
  'openExternal' | 'setWorkingIncident' | 'setAlwaysOnTop'
];

/** The answer on the config channel; null when the asking frame is not the sidebar. */
export interface BridgeConfig {
  serverUrl: string;
  token: string;
}
