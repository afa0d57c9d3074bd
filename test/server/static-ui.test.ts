// The built UI: served at / and /assets/*, client-side routes fall back to index.html, with a strict CSP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let ui: string;
beforeEach(async () => {
  ui = mkdtempSync(join(tmpdir(), 'mentat-ui-'));
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Mentat</title><div id="root"></div>');
  writeFileSync(join(ui, 'assets', 'app-1a2b.js'), 'console.log("mentat")');
  h = await startHarness({ uiDir: ui, token: 'tok' });
});
afterEach(async () => {
  await h.close();
  rmSync(ui, { recursive: true, force: true });
});

/** fetch() normalises "..", so traversal attempts go out raw. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static UI', () => {
  it('serves index.html at / without a token, with a strict CSP', async () => {
    const res = await fetch(`${h.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('serves assets with their type and falls back to index.html for app routes', async () => {
    const js = await fetch(`${h.url}/assets/app-1a2b.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('mentat');
    const route = await fetch(`${h.url}/incidents/INC-4`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Mentat</title>');
    expect((await fetch(`${h.url}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves outside its folder and keeps /api out of the fallback', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd']) {
      const r = await rawGet(h.url, path);
      expect(r.body).not.toContain('root:');
    }
    const api = await fetch(`${h.url}/api/nope`, { headers: { authorization: 'Bearer tok' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
