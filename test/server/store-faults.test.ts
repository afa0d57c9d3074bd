// The store's own faults, over HTTP: a full disk (SQLite's page limit standing in for it) and a lock held
// by another process. Each is a clear error naming the problem, nothing half-written, and the store
// works again afterwards.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

describe('store faults', () => {
  it('a full disk is a 507 store_full, nothing half-written, and writes work once there is room', async () => {
    h = await startHarness();
    const made = await h.call<{ incident: { id: number } }>('POST', '/api/incidents', { title: 'disk', from: 'alice' });
    const id = made.body.incident.id;
    const pages = (h.store.db.pragma('page_count', { simple: true }) as number);
    h.store.db.pragma(`max_page_count = ${pages + 2}`);
    let full: { status: number; body: { error: { code: string; message: string } } } | null = null;
    let written = 0;
    for (let i = 0; i < 400 && !full; i++) {
      const r = await h.call<{ error: { code: string; message: string } }>('POST', `/api/incidents/${id}/notes`, { from: 'alice', text: `note ${i} ${'x'.repeat(2000)}` });
      if (r.status === 201 || r.status === 200) written++;
      else full = r;
    }
    expect(full?.status).toBe(507);
    expect(full?.body.error.code).toBe('store_full');
    expect(full?.body.error.message).toMatch(/disk is full.*nothing was written/);
    // Exactly the acknowledged notes are there: the failed one left nothing behind.
    expect(h.store.notes.list(id)).toHaveLength(written);
    h.store.db.pragma('max_page_count = 1073741823');
    expect((await h.call('POST', `/api/incidents/${id}/notes`, { from: 'alice', text: 'room again' })).status).toBeLessThan(300);
    expect((h.store.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
  });

  it('a lock held by another process is a 503 store_busy, and the write goes through once it is released', async () => {
    h = await startHarness();
    h.store.db.pragma('busy_timeout = 200');
    const made = await h.call<{ incident: { id: number } }>('POST', '/api/incidents', { title: 'lock', from: 'alice' });
    const other = new Database(join(h.dir, 'mentat.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const r = await h.call<{ error: { code: string; message: string } }>('POST', `/api/incidents/${made.body.incident.id}/notes`, { from: 'alice', text: 'while locked' });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('store_busy');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(h.store.notes.list(made.body.incident.id)).toHaveLength(0);
    expect((await h.call('POST', `/api/incidents/${made.body.incident.id}/notes`, { from: 'alice', text: 'after' })).status).toBeLessThan(300);
  });
});
