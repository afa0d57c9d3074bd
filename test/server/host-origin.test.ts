// DNS rebinding and cross-site writes: the server answers only for its own host names, and takes writes only
// from its own origin. Raw HTTP on loopback, so any Host header can be sent, as an attacker's page would.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalHost, checkHost, checkOrigin, hostRule } from '../../coach/server/host-check.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

interface Answer { status: number; body: string }
const errorOf = (a: Answer): { code: string; message: string } => (JSON.parse(a.body) as { error: { code: string; message: string } }).error;

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string, setHost = true): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('timed out')));
    req.end(body);
  });
}

/** HTTP/1.0 over a bare socket: the one way to send no Host at all. */
function bare(port: number, lines: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(lines));
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (c: string) => (out += c));
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(5_000, () => s.destroy(new Error('timed out')));
  });
}

describe('Host: only the names the server answers for', () => {
  it('answers its own names, in every form a browser writes them', async () => {
    h = await startHarness();
    const port = h.server.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `localhost.:${port}`, `[::1]:${port}`, `[0:0:0:0:0:0:0:1]:${port}`, '127.0.0.1', 'localhost']) {
      expect((await send(port, 'GET', '/api/incidents', { host })).status, host).toBe(200);
    }
  });

  it('refuses other names with 421 and says what to set, on reads, writes, the stream and the UI', async () => {
    h = await startHarness({ uiDir: null });
    const port = h.server.port;
    const bad = [`attacker.example:${port}`, `ATTACKER.example.:${port}`, `127.0.0.1.nip.io:${port}`, `localhost.attacker.example:${port}`,
      `127.0.0.1@attacker.example:${port}`, `attacker.example:${port}#127.0.0.1`, `[::ffff:7f00:1]x:${port}`, `127.0.0.1:${port + 1}`, `localhost:1`];
    for (const host of bad) {
      const r = await send(port, 'GET', '/api/incidents', { host });
      expect(r.status, host).toBe(421);
      expect(errorOf(r).code).toBe('misdirected_request');
    }
    const write = await send(port, 'POST', '/api/incidents', { host: `attacker.example:${port}`, 'content-type': 'application/json' }, JSON.stringify({ title: 't', from: 'a' }));
    expect(write.status).toBe(421);
    expect(errorOf(write).message).toMatch(/MENTAT_PUBLIC_URL/);
    expect((await send(port, 'GET', '/api/events', { host: `attacker.example:${port}` })).status).toBe(421);
    expect((await send(port, 'GET', '/', { host: `attacker.example:${port}` })).status).toBe(421);
    expect(h.store.incidents.list({ status: 'all' })).toEqual([]);
    // The health check says nothing about anyone, so load balancers may use any name.
    expect((await send(port, 'GET', '/healthz', { host: 'lb.internal' })).status).toBe(200);
  });

  it('answers for MENTAT_PUBLIC_URL\'s host and port, and for MENTAT_ALLOWED_HOSTS', async () => {
    h = await startHarness({ publicUrl: 'https://mentat.example.com', allowedHosts: ['mentat.internal'] });
    const port = h.server.port;
    expect((await send(port, 'GET', '/api/incidents', { host: 'mentat.example.com' })).status).toBe(200);
    expect((await send(port, 'GET', '/api/incidents', { host: 'mentat.example.com:443' })).status).toBe(200);
    expect((await send(port, 'GET', '/api/incidents', { host: `mentat.internal:${port}` })).status).toBe(200);
    expect((await send(port, 'GET', '/api/incidents', { host: 'mentat.example.com.attacker.example' })).status).toBe(421);
  });

  it('refuses a request with no Host', async () => {
    h = await startHarness();
    const out = await bare(h.server.port, 'GET /api/incidents HTTP/1.0\r\n\r\n');
    expect(out).toMatch(/^HTTP\/1\.[01] 400/);
    expect(out).toMatch(/host_required|Host/);
  });
});

describe('Origin: writes only from the server\'s own pages', () => {
  it('refuses a write whose Origin is another site, or null, with 403 and changes nothing', async () => {
    h = await startHarness();
    const port = h.server.port;
    const body = JSON.stringify({ title: 't', from: 'a' });
    for (const origin of ['https://attacker.example', `http://attacker.example:${port}`, 'null', `http://localhost:${port + 1}`, 'file://']) {
      const r = await send(port, 'POST', '/api/incidents', { host: `127.0.0.1:${port}`, origin, 'content-type': 'application/json' }, body);
      expect(r.status, origin).toBe(403);
      expect(errorOf(r).code).toBe('cross_origin');
    }
    expect(h.store.incidents.list({ status: 'all' })).toEqual([]);
    // Its own origin, under any of its names, and a client that sends none (curl, the CLI, Slack).
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, undefined]) {
      const r = await send(port, 'POST', '/api/incidents', { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...(origin ? { origin } : {}) }, body);
      expect(r.status, String(origin)).toBe(201);
    }
    // Reads are not refused for their Origin: the browser keeps another origin from reading them.
    expect((await send(port, 'GET', '/api/incidents', { host: `127.0.0.1:${port}`, origin: 'https://attacker.example' })).status).toBe(200);
  });
});

describe('the rule itself', () => {
  it('canonicalises hosts as browsers do and rejects what is not a host', () => {
    expect(canonicalHost('127.1')).toBe('127.0.0.1');
    expect(canonicalHost('[0:0::1]')).toBe('[::1]');
    expect(canonicalHost('::1')).toBe('[::1]');
    expect(canonicalHost('LocalHost.')).toBe('localhost');
    const rule = hostRule({ bindHost: '127.0.0.1', port: 4319 });
    expect(checkHost(rule, '127.1:4319')).toBeNull();
    expect(checkHost(rule, 'evil@127.0.0.1:4319')?.status).toBe(421);
    expect(checkHost(rule, '127.0.0.1:4319/x')?.status).toBe(421);
    expect(checkHost(rule, ' 127.0.0.1:4319 ')).toBeNull();
    expect(checkHost(rule, undefined)?.status).toBe(400);
    expect(checkOrigin(rule, 'GET', 'https://attacker.example')).toBeNull();
    expect(checkOrigin(rule, 'DELETE', 'http://127.0.0.1:4319')).toBeNull();
    expect(checkOrigin(rule, 'PATCH', 'http://127.0.0.1:80')?.status).toBe(403);
    expect(checkOrigin(rule, 'POST', 'not a url')?.status).toBe(403);
  });

  it('bound to every interface, answers for the machine\'s own addresses', () => {
    const rule = hostRule({ bindHost: '0.0.0.0', port: 4319 });
    expect(rule.names.has('127.0.0.1')).toBe(true);
    expect(rule.names.size).toBeGreaterThan(3);
    expect(checkHost(rule, 'attacker.example:4319')?.status).toBe(421);
  });
});
