// A Prometheus that is down when `mentat serve` starts: the failure is logged, the fetch is tried again
// with backoff, and once Prometheus answers the catalog is there (the log and /healthz say so).
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, type Served } from '../cli/support/spawn.ts';
import { labUrl } from '../support/prom-lab.ts';

let served: Served | null = null;
let proxy: Server | null = null;
let dir: string | null = null;
afterEach(async () => {
  await served?.stop('SIGKILL');
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  served = null;
  proxy = null;
});

const freePort = (): Promise<number> => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('catalog fetch when Prometheus is down at start', () => {
  it('logs the failure, tries again with backoff, and has the catalog once Prometheus answers', async () => {
    const lab = new URL(labUrl());
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'mentat-catretry-'));
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db'), '--prometheus', `http://127.0.0.1:${port}`], { MENTAT_CATALOG_RETRY_SECONDS: '0.5' });
    await until('a logged failure', () => /catalog: .*Trying again in 1 s\./.test(served?.stderr() ?? ''));
    // Prometheus comes up on that port (a TCP relay to the lab's).
    proxy = createServer((c) => {
      const up = connect(Number(lab.port), lab.hostname);
      c.pipe(up).pipe(c);
      up.on('error', () => c.destroy());
      c.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy?.listen(port, '127.0.0.1', () => r()));
    await until('the catalog', () => /catalog: http:\/\/127\.0\.0\.1:\d+ answered again; \d+ metric families fetched/.test(served?.stderr() ?? ''), 30_000);
    const h = (await (await fetch(`${served.url}/healthz`)).json()) as { prometheus?: { catalog: boolean; lastError?: string } };
    expect(h.prometheus?.catalog).toBe(true);
    expect(h.prometheus?.lastError).toBeUndefined();
  }, 60_000);

  it('refuses a retry interval that is not a positive number', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mentat-catretry-'));
    await expect(startServe(['--port', '0', '--db', join(dir, 'm.db'), '--prometheus', 'http://127.0.0.1:9'], { MENTAT_CATALOG_RETRY_SECONDS: 'soon' }))
      .rejects.toThrow(/MENTAT_CATALOG_RETRY_SECONDS must be a positive number of seconds \(got "soon"\)/);
  });
});
