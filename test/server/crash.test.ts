// Crash safety: every action the server acknowledged is still there after a SIGKILL mid-burst.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentView } from '../../coach/incident/api.ts';
import { startServe, type Served } from '../cli/support/spawn.ts';

let dir: string | null = null;
let served: Served | null = null;
afterEach(async () => {
  await served?.stop('SIGKILL');
  served = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged action across a SIGKILL in the middle of a burst', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mentat-crash-'));
    const db = join(dir, 'crash.db');
    const port = await freePort();
    served = await startServe(['--port', String(port), '--db', db]);
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${served?.url ?? ''}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const opened = await post('/api/incidents', { title: 'burst', service: 'checkout', from: 'ana' });
    expect(opened.status).toBe(201);

    const burst = 400;
    const killAfter = 60;
    const acked: string[] = [];
    // Assigned inside the callbacks; typed loosely so the checker does not narrow it to null here.
    let killed = null as Promise<number | null> | null;
    const sends = Array.from({ length: burst }, async (_, i) => {
      const text = `burst action ${i}`;
      try {
        const res = await post('/api/incidents/1/actions', { from: `user-${i % 7}`, kind: 'query_run', text, query: `up{n="${i}"}` });
        if (res.status >= 200 && res.status < 300) {
          await res.arrayBuffer();
          acked.push(text);
          if (acked.length === killAfter) killed = served?.stop('SIGKILL') ?? null;
        }
      } catch {
        // Requests in flight when the server died fail; they were never acknowledged.
      }
    });
    await Promise.all(sends);
    expect(killed).not.toBeNull();
    await killed;
    served = null;
    expect(acked.length).toBeGreaterThanOrEqual(killAfter);
    expect(acked.length).toBeLessThan(burst);

    served = await startServe(['--port', String(port), '--db', db]);
    const view = (await (await fetch(`${served.url}/api/incidents/1`)).json()) as IncidentView;
    const stored = new Set(view.actions.map((a) => a.text));
    const lost = acked.filter((t) => !stored.has(t));
    expect(lost).toEqual([]);
    await served.stop('SIGTERM');
    served = null;

    const ro = new Database(db, { readonly: true });
    try {
      expect(ro.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = (ro.prepare("SELECT count(*) AS c FROM actions WHERE kind = 'query_run'").get() as { c: number }).c;
      expect(count).toBeGreaterThanOrEqual(acked.length);
      const fts = (ro.prepare("SELECT count(*) AS c FROM actions_fts WHERE actions_fts MATCH '\"burst\"'").get() as { c: number }).c;
      expect(fts).toBe(count);
    } finally {
      ro.close();
    }
  });
});
