import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents, navigationDecision } from '../../electron/security.ts';
import { FakeSession, FakeWebContents } from './fake-electron.ts';

const ORIGIN = 'http://127.0.0.1:43123';

function contents(): { wc: FakeWebContents; opened: string[] } {
  const wc = new FakeWebContents();
  const opened: string[] = [];
  hardenWebContents(wc, { serverOrigin: ORIGIN, openInBrowser: (u) => opened.push(u) });
  return { wc, opened };
}

describe('web contents guards', () => {
  it('deny every window.open, handing only http(s) links to the browser', () => {
    const { wc, opened } = contents();
    expect(wc.openHandler?.({ url: 'https://grafana.example.com/explore' })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: `${ORIGIN}/popup` })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://grafana.example.com/explore', `${ORIGIN}/popup`]);
  });

  it('block navigation away from the app; external http(s) opens in the browser instead', () => {
    const { wc, opened } = contents();
    expect(wc.emitPreventable('will-navigate', `${ORIGIN}/incidents/2`)).toBe(false);
    expect(wc.emitPreventable('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(wc.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.emitPreventable('will-navigate', 'data:text/html,<h1>x')).toBe(true);
    expect(wc.emitPreventable('will-navigate', 'http://127.0.0.1:9999/')).toBe(true);
    expect(opened).toEqual(['https://evil.example/phish', 'http://127.0.0.1:9999/']);
  });

  it('block redirects off the app without opening anything', () => {
    const { wc, opened } = contents();
    expect(wc.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(wc.emitPreventable('will-redirect', `${ORIGIN}/`)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('refuse to attach any webview', () => {
    const { wc } = contents();
    expect(wc.emitPreventable('will-attach-webview', {}, { src: `${ORIGIN}/` })).toBe(true);
  });

  it('decide navigation by origin', () => {
    expect(navigationDecision(`${ORIGIN}/x`, ORIGIN)).toBe('allow');
    expect(navigationDecision('https://example.com', ORIGIN)).toBe('external');
    expect(navigationDecision('vbscript:x', ORIGIN)).toBe('block');
  });
});

describe('session hardening', () => {
  function hardened(token: string | null = 'tok'): FakeSession {
    const s = new FakeSession();
    hardenSession(s, { serverOrigin: ORIGIN, token });
    return s;
  }

  it('denies every permission request and check', () => {
    const s = hardened();
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid']) {
      let granted: boolean | null = null;
      s.permissionRequest?.({}, p, (g) => { granted = g; });
      expect(granted).toBe(false);
      expect(s.permissionCheck?.({}, p)).toBe(false);
    }
  });

  it('replaces any Content-Security-Policy with the strict one', () => {
    const s = hardened();
    let out: Record<string, string | string[]> | undefined;
    s.headersReceived?.({ url: `${ORIGIN}/`, responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] } }, (r) => { out = r.responseHeaders; });
    expect(out?.['content-security-policy']).toBeUndefined();
    expect(out?.['Content-Type']).toEqual(['text/html']);
    const policies = out?.['Content-Security-Policy'];
    expect(Array.isArray(policies) && policies.length === 1).toBe(true);
    const csp = String((policies as string[])[0]);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('adds the bearer token to requests for the server only', () => {
    const s = hardened('tok');
    const headersFor = (url: string): Record<string, string> | undefined => {
      let out: Record<string, string> | undefined;
      s.beforeSendHeaders?.({ url, requestHeaders: { Accept: 'application/json' } }, (r) => { out = r.requestHeaders; });
      return out;
    };
    expect(headersFor(`${ORIGIN}/api/incidents`)).toEqual({ Accept: 'application/json', Authorization: 'Bearer tok' });
    expect(headersFor('https://grafana.example.com/api')).toEqual({ Accept: 'application/json' });
    expect(headersFor('http://127.0.0.1:9090/api/v1/query')).toEqual({ Accept: 'application/json' });
  });
});
