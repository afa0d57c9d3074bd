import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPaths, seedDemo, shiftTimes } from '../../coach/demo/index.ts';
import { Store } from '../../coach/store/index.ts';
import { loadWorkspace } from '../../coach/workspace/index.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
const { workspaceDir, incidentFile } = demoPaths(process.cwd());
const now = new Date('2026-11-22T12:00:00.000Z');

beforeEach(() => {
  tmp = tempDir();
  store = Store.open(join(tmp.dir, 'demo.db'));
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('the bundled demo incident', () => {
  it('plays the recording through the coach into an empty store, ending a minute ago', async () => {
    const incident = await seedDemo({ store, workspace: loadWorkspace(workspaceDir), file: incidentFile, now });
    expect(incident?.title).toBe('Checkout 5xx errors above SLO');
    const id = incident!.id;
    const kinds = store.timeline.list(id).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['opened', 'deploy', 'alert_firing']));
    expect(store.plans.current(id)?.steps.map((s) => s.state)).toEqual(['done', 'open', 'open']);
    expect(store.notes.list(id).length).toBeGreaterThan(0);
    const turns = store.turns.list(id);
    const types = turns.map((t) => t.type);
    expect(types).toContain('missing_step');
    expect(types).toContain('ask_plan');
    expect(types).toContain('improve');
    expect(types).toContain('cross_check');
    expect(turns.every((t) => t.engine === 'offline' && t.rule.length > 0)).toBe(true);
    const last = store.actions.list(id).at(-1);
    expect(Date.parse(last!.at)).toBe(now.getTime() - 60_000);
  });

  it('leaves a store that already has incidents alone', async () => {
    store.incidents.create({ title: 'Real one', severity: 'SEV3', openedAt: now.toISOString(), openedBy: 'me' });
    expect(await seedDemo({ store, workspace: loadWorkspace(workspaceDir), file: incidentFile, now })).toBeNull();
    expect(store.incidents.list({ status: 'all' })).toHaveLength(1);
  });

  it('names the line of a broken recording', async () => {
    const bad = join(tmp.dir, 'bad.jsonl');
    writeFileSync(bad, '{"at":"2026-03-02T10:00:00Z","incident":{"title":"x"}}\n{"at":"2026-03-02T10:01:00Z","from":"a"}\n');
    await expect(seedDemo({ store, workspace: loadWorkspace(workspaceDir), file: bad, now })).rejects.toThrow(/bad\.jsonl line 2: unknown event/);
  });

  it('shifts ISO times and times of day in text, nothing else', () => {
    expect(shiftTimes({ at: '2026-03-02T10:00:00Z', n: 3, s: 'out at 23:59, rate[5m]', a: ['2026-03-02T10:00:00.000Z'] }, 120_000))
      .toEqual({ at: '2026-03-02T10:02:00.000Z', n: 3, s: 'out at 00:01, rate[5m]', a: ['2026-03-02T10:02:00.000Z'] });
  });
});
