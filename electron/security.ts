// Electron's security checklist as code: every web contents the app creates gets these handlers, and
// the session that loads the sidebar denies permissions, sets a strict CSP and carries the token.
import { externalUrl, isSameOrigin } from './url-guard.ts';
import type { PreventableEvent, SessionLike, WebContentsLike } from './ports.ts';

export interface HardenSessionOptions {
  /** Origin of the Mentat server the window loads (http://127.0.0.1:PORT or the team server). */
  serverOrigin: string;
  /** Bearer token to attach to requests for that origin only. */
  token: string | null;
}

export function hardenSession(session: SessionLike, opts: HardenSessionOptions): void {
  // Camera, notifications, geolocation…: the sidebar needs none; the main process notifies natively.
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    // The sidebar is a built bundle served by our own server: scripts, styles and API calls from that
    // origin only; nothing inline, no eval, no plugins, no frames, no forms posting elsewhere. One literal,
    // so electronegativity can read and evaluate the policy.
    callback({
      responseHeaders: {
        ...headers,
        'Content-Security-Policy': ["default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'; worker-src 'none'"],
      },
    });
  });
  session.webRequest.onBeforeSendHeaders((details, callback) => {
    if (opts.token === null || !isSameOrigin(details.url, opts.serverOrigin)) {
      callback({ requestHeaders: details.requestHeaders });
      return;
    }
    callback({ requestHeaders: { ...details.requestHeaders, Authorization: `Bearer ${opts.token}` } });
  });
}

export interface HardenContentsOptions {
  serverOrigin: string;
  /** Hands an http(s) URL to the person's browser (through the URL guard). */
  openInBrowser(url: string): void;
}

/** What the app does with a navigation the page asked for: stay (same origin), hand to the browser, or drop. */
export function navigationDecision(url: string, serverOrigin: string): 'allow' | 'external' | 'block' {
  if (isSameOrigin(url, serverOrigin)) return 'allow';
  return externalUrl(url) === null ? 'block' : 'external';
}

export function hardenWebContents(contents: WebContentsLike, opts: HardenContentsOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    const safe = externalUrl(url);
    if (safe !== null) opts.openInBrowser(safe);
    return { action: 'deny' };
  });
  const onNavigate = (event: PreventableEvent, url: string): void => {
    const decision = navigationDecision(url, opts.serverOrigin);
    if (decision === 'allow') return;
    event.preventDefault();
    const safe = decision === 'external' ? externalUrl(url) : null;
    if (safe !== null) opts.openInBrowser(safe);
  };
  contents.on('will-navigate', onNavigate);
  // A redirect is the server's doing, not the person's click: it stays blocked and opens nothing.
  contents.on('will-redirect', (event, url) => {
    if (navigationDecision(url, opts.serverOrigin) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
