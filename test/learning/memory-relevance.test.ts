// Memory relevance at scale: one fitting query from 400 days ago among 1,000,000 newer actions over 10,000
// incidents is in the top 5 for today's matching incident. Real SQLite file; the world is built in one transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../bench/memory-data.ts';
import { Memory } from '../../coach/learning/memory/index.ts';
import { Store } from '../../coach/store/index.ts';

describe('team memory over a million actions', () => {
  let dir: string;
  let store: Store;
  let world: World;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentat-memory-1m-'));
    store = Store.open(join(dir, 'world.db'));
    // One transaction writes the world; a crash mid-build only loses a test fixture.
    store.db.pragma('synchronous = OFF');
    world = buildWorld(store);
  }, 180_000);
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds 1,000,000 actions newer than the planted one', () => {
    expect(world.actions).toBeGreaterThan(1_000_000);
    const newer = store.db.prepare('SELECT count(*) AS c FROM actions WHERE at > (SELECT at FROM actions WHERE id = ?)').get(world.planted.actionId) as { c: number };
    expect(newer.c).toBeGreaterThanOrEqual(1_000_000);
  });

  it('finds the planted query in the top 5 for the matching incident, with and without a question', () => {
    const memory = new Memory(store);
    for (const question of [null, world.question]) {
      const hits = memory.search({ incidentId: world.today, question, now: world.now, limit: 5 });
      const at = hits.findIndex((h) => h.item.ref === `action:${world.planted.actionId}`);
      expect(at, JSON.stringify(hits.map((h) => [h.item.text, h.score]))).toBeGreaterThanOrEqual(0);
      expect(hits[at]?.attribution).toMatch(/^maria ran this in INC-1 \(/);
    }
  });

  it('the newest-first text search alone would not have seen it', () => {
    const newest = store.actions.search('kafka_consumergroup_lag partition', { kind: 'query_run', limit: 200 });
    expect(newest.some((h) => h.id === world.planted.actionId)).toBe(false);
  });
});
