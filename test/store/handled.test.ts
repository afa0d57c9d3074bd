// Requests already handled, kept across restarts: claimed in the event's own transaction, forgotten after
// the retention window.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../coach/incident/index.ts';
import { HANDLED_RETENTION_MS } from '../../coach/store/handled.ts';
import { Store } from '../../coach/store/index.ts';
import type { Clock } from '../../coach/types.ts';

describe('handled requests', () => {
  it('claims a key once, across reopening the file, until the window has passed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mentat-handled-'));
    try {
      const t0 = '2026-12-01T10:00:00.000Z';
      let store = Store.open(join(dir, 'm.db'));
      expect(store.handled.claim('slack:event:Ev1', t0)).toBe(true);
      expect(store.handled.claim('slack:event:Ev1', t0)).toBe(false);
      store.close();
      store = Store.open(join(dir, 'm.db'));
      expect(store.handled.seen('slack:event:Ev1', t0)).toBe(true);
      const later = new Date(Date.parse(t0) + HANDLED_RETENTION_MS + 1000).toISOString();
      expect(store.handled.seen('slack:event:Ev1', later)).toBe(false);
      expect(store.handled.claim('slack:event:Ev1', later)).toBe(true);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an incident event whose request was already handled, recording nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mentat-handled-'));
    const store = Store.open(join(dir, 'm.db'));
    const clock: Clock = { now: () => new Date('2026-12-01T10:00:00Z') };
    const coach = createCoach({ store, clock });
    try {
      const { incident } = await coach.open({ title: 'x', by: 'alice' });
      await coach.handle(incident.id, { kind: 'say', from: 'alice', text: 'hello there', dedupe: 'slack:event:Ev9' });
      const before = store.actions.list(incident.id).length;
      await expect(coach.handle(incident.id, { kind: 'say', from: 'alice', text: 'hello there', dedupe: 'slack:event:Ev9' }))
        .rejects.toMatchObject({ code: 'duplicate_request' });
      expect(store.actions.list(incident.id)).toHaveLength(before);
    } finally {
      coach.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
