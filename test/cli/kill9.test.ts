// kill -9 during bursts of mixed writes, 20 times: every write the server acknowledged is in the store
// afterwards, and the store opens and passes SQLite's integrity check. The counts are printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../coach/store/index.ts';
import { startServe, type Served } from './support/spawn.ts';

const TRIALS = 20;
const dir = mkdtempSync(join(tmpdir(), 'mentat-kill9-'));
let served: Served | null = null;
afterAll(async () => {
  await served?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function post(url: string, path: string, body: unknown): Promise<number> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await r.text();
  return r.status;
}

describe('kill -9 during write bursts', () => {
  it(`loses no acknowledged write in ${TRIALS} trials`, async () => {
    const db = join(dir, 'm.db');
    let acked = 0;
    let lost = 0;
    let attempted = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      served = await startServe(['--port', '0', '--db', db], { MENTAT_WRITE_BURST: '100000', MENTAT_WRITE_RATE: '100000' });
      const url = served.url;
      const opened = await fetch(`${url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `trial ${trial}`, from: 'alice' }) });
      const id = ((await opened.json()) as { incident: { id: number } }).incident.id;
      const ok: { kind: 'note' | 'say' | 'action'; text: string }[] = [];
      const child = served.child;
      const target = 5 + ((trial * 7) % 45);
      // Mixed writes in flight at once; the kill lands somewhere in the middle of them.
      const burst = Array.from({ length: 60 }, (_, i) => {
        const text = `t${trial}-w${i}`;
        const kind = (['note', 'say', 'action'] as const)[i % 3] ?? 'note';
        const path = kind === 'note' ? `/api/incidents/${id}/notes` : kind === 'say' ? `/api/incidents/${id}/say` : `/api/incidents/${id}/actions`;
        const body = kind === 'action' ? { from: 'bob', kind: 'link_open', text, payload: { url: `https://grafana.example/d/${i}` } } : { from: 'bob', text };
        attempted++;
        return post(url, path, body).then((s) => {
          if (s >= 200 && s < 300) ok.push({ kind, text });
          // The kill lands once some of the burst is acknowledged, at a different point each trial.
          if (ok.length >= target) child.kill('SIGKILL');
        }, () => undefined);
      });
      await Promise.all(burst);
      await served.stop('SIGKILL');
      served = null;
      const store = Store.open(db);
      try {
        expect((store.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
        const notes = new Set(store.notes.list(id).map((n) => n.text));
        const actions = new Set(store.actions.list(id).map((a) => a.text));
        for (const w of ok) {
          acked++;
          const there = w.kind === 'note' ? notes.has(w.text) : actions.has(w.text);
          if (!there) lost++;
        }
      } finally {
        store.close();
      }
    }
    console.log(`kill -9: ${TRIALS} trials, ${attempted} writes attempted, ${acked} acknowledged, ${lost} of them lost`);
    expect(acked).toBeGreaterThan(0);
    expect(lost).toBe(0);
  }, 240_000);
});
