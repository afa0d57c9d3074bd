// What the page knows about where it runs: the server it talks to, the token, and the person using it.
// The Electron preload may provide `window.mentat`; in a browser nothing is injected and the page's
// own origin is the server.

/** What the desktop shell's preload may offer (electron/bridge.ts); every member is optional here. */
export interface MentatBridge {
  serverUrl?: string;
  token?: string;
  openExternal?(url: string): void;
  /** The global shortcut asks for the ask box; returns an unsubscribe function. */
  onFocusAsk?(cb: () => void): () => void;
  /** The tray asks for an incident; returns an unsubscribe function. */
  onShowIncident?(cb: (incidentId: number) => void): () => void;
  /** Desktop notifications follow new alerts of the incident being worked. */
  setWorkingIncident?(id: number | null): Promise<void>;
}

declare global {
  interface Window {
    mentat?: MentatBridge;
  }
}

export interface Environment {
  baseUrl: string;
  token: string | null;
  /** Where the token came from: the desktop shell's bridge (it wins), the person's sign-in, or none. */
  tokenSource: 'bridge' | 'signed-in' | null;
  openExternal: ((url: string) => void) | null;
  /** The desktop shell, when the page runs inside it. */
  bridge: MentatBridge | null;
}

export function readEnvironment(win: Window = window): Environment {
  const bridge = win.mentat;
  const base = bridge?.serverUrl ?? win.location.origin;
  const bridged = typeof bridge?.token === 'string' && bridge.token ? bridge.token : null;
  const stored = bridged ? null : loadToken();
  return {
    baseUrl: base.replace(/\/+$/, ''),
    token: bridged ?? stored,
    tokenSource: bridged ? 'bridge' : stored ? 'signed-in' : null,
    openExternal: typeof bridge?.openExternal === 'function' ? (url) => bridge.openExternal?.(url) : null,
    bridge: bridge ?? null,
  };
}

const NAME_KEY = 'mentat.name';

/** Writes are attributed to a person (the API refuses anonymous writes), so the name is asked once and kept. */
export function loadName(): string | null {
  try {
    const v = window.localStorage.getItem(NAME_KEY);
    return v && v.trim() ? v.trim() : null;
  } catch {
    return null;
  }
}

export function saveName(name: string): void {
  try {
    window.localStorage.setItem(NAME_KEY, name.trim());
  } catch {
    // Storage can be disabled; the name then lasts for this page only, which is still usable.
  }
}

const TOKEN_KEY = 'mentat.token';

/** A team server needs the person's own token (`npx mentat people token NAME`); it is kept like the name. */
export function loadToken(): string | null {
  try {
    const v = window.localStorage.getItem(TOKEN_KEY);
    return v && v.trim() ? v.trim() : null;
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token.trim());
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Without storage the token lasts for this page only.
  }
}
