import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store, defaultDbPath, schemaVersion, splitPlan, ftsQuery, parseIncidentRef } from '../../coach/store/index.ts';
import { migrations } from '../../coach/store/migrations.ts';
import { CodedError } from '../../coach/types.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
const at = '2026-03-02T10:00:00.000Z';

beforeEach(() => {
  tmp = tempDir();
  store = Store.open(join(tmp.dir, 'nested', 'mentat.db'));
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('opening a store file', () => {
  it('uses WAL, foreign keys and the latest schema version', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(store.db)).toBe(Math.max(...migrations.map((m) => m.version)));
  });

  it('applies only pending migrations when reopened, keeping data', () => {
    const inc = store.incidents.create({ title: 'Checkout errors', severity: 'SEV2', openedAt: at, openedBy: 'alice', service: 'checkout' });
    const path = store.db.name;
    store.close();
    store = Store.open(path);
    expect(store.incidents.get(inc.id).title).toBe('Checkout errors');
  });

  it('defaults to the platform data directory', () => {
    expect(defaultDbPath({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.local/share/mentat/mentat.db');
    expect(defaultDbPath({ HOME: '/home/a', XDG_DATA_HOME: '/x' }, 'linux')).toBe('/x/mentat/mentat.db');
    expect(defaultDbPath({ HOME: '/Users/a' }, 'darwin')).toBe('/Users/a/Library/Application Support/Mentat/mentat.db');
    expect(defaultDbPath({ HOME: 'C:\\Users\\a', APPDATA: 'C:\\AppData' }, 'win32')).toMatch(/Mentat[\\/]mentat\.db$/);
  });

  it('rejects an incident severity outside the schema', () => {
    expect(() => store.db.prepare("INSERT INTO incidents (title, severity, status, opened_at, opened_by) VALUES ('x','P0','open',?, 'a')").run(at))
      .toThrow(/CHECK constraint/);
  });
});

describe('incidents', () => {
  it('opens, finds by key and lists open ones', () => {
    const a = store.incidents.create({ title: 'A', severity: 'SEV1', openedAt: at, openedBy: 'alice', service: 'checkout', fingerprint: 'fp1' });
    const b = store.incidents.create({ title: 'B', severity: 'SEV3', openedAt: at, openedBy: 'bob', service: 'search' });
    expect(a.key).toBe(`INC-${a.id}`);
    expect(store.incidents.get(`inc-${a.id}`).id).toBe(a.id);
    store.incidents.setStatus(b.id, 'resolved', at);
    expect(store.incidents.list().map((i) => i.id)).toEqual([a.id]);
    expect(store.incidents.list({ status: 'all' })).toHaveLength(2);
    expect(store.incidents.get(b.id).resolvedAt).toBe(at);
  });

  it('finds the open incident an alert should join, by fingerprint first, then service', () => {
    const a = store.incidents.create({ title: 'A', severity: 'SEV2', openedAt: at, openedBy: 'am', service: 'checkout', fingerprint: 'fp1' });
    expect(store.incidents.findOpenFor('fp1', 'other')?.id).toBe(a.id);
    expect(store.incidents.findOpenFor('nope', 'checkout')?.id).toBe(a.id);
    expect(store.incidents.findOpenFor('nope', 'search')).toBeNull();
    store.incidents.setStatus(a.id, 'resolved', at);
    expect(store.incidents.findOpenFor('fp1', 'checkout')).toBeNull();
  });

  it('names an unknown incident in its error', () => {
    expect(() => store.incidents.get('INC-999')).toThrow(CodedError);
    expect(() => store.incidents.get('INC-999')).toThrow('No incident INC-999.');
    expect(() => store.incidents.get('bogus')).toThrow(/No incident bogus/);
    expect(parseIncidentRef('INC-7')).toBe(7);
    expect(parseIncidentRef('7x')).toBeNull();
    expect(parseIncidentRef(0)).toBeNull();
  });
});

describe('timeline', () => {
  it('records an event once per dedupe key and lists in time order', () => {
    const inc = store.incidents.create({ title: 'A', severity: 'SEV2', openedAt: at, openedBy: 'am' });
    const first = store.timeline.add({ incidentId: inc.id, at: '2026-03-02T10:05:00Z', kind: 'alert_firing', summary: 'fires', data: { name: 'X' }, dedupeKey: 'k1' });
    const again = store.timeline.add({ incidentId: inc.id, at: '2026-03-02T10:05:00Z', kind: 'alert_firing', summary: 'fires', dedupeKey: 'k1' });
    store.timeline.add({ incidentId: inc.id, at: '2026-03-02T10:01:00Z', kind: 'deploy', summary: 'deploy' });
    expect(first?.data).toEqual({ name: 'X' });
    expect(again).toBeNull();
    expect(store.timeline.list(inc.id).map((e) => e.kind)).toEqual(['deploy', 'alert_firing']);
    expect(store.timeline.list(inc.id, { kinds: ['deploy'] })).toHaveLength(1);
  });

  it('refuses an event for an incident that does not exist', () => {
    expect(() => store.timeline.add({ incidentId: 4242, at, kind: 'note', summary: 'x' })).toThrow(/FOREIGN KEY/);
  });
});

describe('plans', () => {
  it('splits numbered, bulleted, multi-line and inline plans into steps', () => {
    expect(splitPlan('1. check p99\n2) check db\n3. compare deploy')).toEqual(['check p99', 'check db', 'compare deploy']);
    expect(splitPlan('- a\n* b\n• c')).toEqual(['a', 'b', 'c']);
    expect(splitPlan('look at graphs then roll back; then write it up')).toEqual(['look at graphs', 'roll back', 'write it up']);
    expect(splitPlan('single step')).toEqual(['single step']);
    expect(splitPlan('1. check p99 per endpoint 2. compare with the last deploy')).toEqual(['check p99 per endpoint', 'compare with the last deploy']);
    expect(splitPlan('- roll back v2.14.0')).toEqual(['roll back v2.14.0']);
    expect(splitPlan('check v2.14.0 vs v2.13.9')).toEqual(['check v2.14.0 vs v2.13.9']);
    expect(splitPlan('  \n \n')).toEqual([]);
  });

  it('keeps the newest plan current, ticks steps and names a missing step', () => {
    const inc = store.incidents.create({ title: 'A', severity: 'SEV2', openedAt: at, openedBy: 'am' });
    store.plans.create(inc.id, 'alice', at, '1. a\n2. b');
    const p2 = store.plans.create(inc.id, 'alice', at, '1. c\n2. d\n3. e');
    expect(store.plans.current(inc.id)?.id).toBe(p2.id);
    const ticked = store.plans.setStepState(inc.id, 2, 'done', '2026-03-02T10:09:00Z');
    expect(ticked.steps.map((s) => s.state)).toEqual(['open', 'done', 'open']);
    expect(() => store.plans.setStepState(inc.id, 9, 'done', at)).toThrow('The plan has no step 9; it has steps 1–3.');
    expect(store.plans.history(inc.id)).toHaveLength(2);
    expect(() => store.plans.create(inc.id, 'alice', at, '\n')).toThrow(/no steps/);
  });
});

describe('notes', () => {
  it('adds, edits and pins; pinned notes list first', () => {
    const inc = store.incidents.create({ title: 'A', severity: 'SEV2', openedAt: at, openedBy: 'am' });
    const n1 = store.notes.add(inc.id, 'alice', at, 'first');
    const n2 = store.notes.add(inc.id, 'bob', at, 'second');
    store.notes.update(n2.id, '2026-03-02T10:10:00Z', { pinned: true, text: 'second, edited' });
    expect(store.notes.list(inc.id).map((n) => [n.text, n.pinned])).toEqual([['second, edited', true], ['first', false]]);
    expect(store.notes.get(n1.id).author).toBe('alice');
    expect(() => store.notes.get(999)).toThrow(/No note 999/);
  });
});

describe('action log', () => {
  it('searches the log by words, best match first, never as FTS syntax', () => {
    const inc = store.incidents.create({ title: 'A', severity: 'SEV2', openedAt: at, openedBy: 'am' });
    store.actions.addMany([
      { incidentId: inc.id, actor: 'alice', at, kind: 'query_run', text: 'histogram_quantile p99 checkout latency', payload: { query: 'q1' } },
      { incidentId: inc.id, actor: 'bob', at, kind: 'note', text: 'checkout deploy rolled back' },
      { incidentId: null, actor: 'ci', at, kind: 'deploy', text: 'search v1.2 deployed' },
    ]);
    const hits = store.actions.search('checkout latency');
    expect(hits.map((h) => h.actor)).toEqual(['alice']);
    expect(hits[0]?.payload).toEqual({ query: 'q1' });
    expect(store.actions.search('checkout', { mode: 'any' })).toHaveLength(2);
    expect(store.actions.search('checkout', { kind: 'note' }).map((h) => h.actor)).toEqual(['bob']);
    expect(store.actions.search('" OR * NEAR(')).toEqual([]);
    expect(ftsQuery('a "b" c*')).toBe('"a" AND "b" AND "c"');
    expect(store.actions.latest(inc.id)?.kind).toBe('note');
  });

  it('keeps the full-text index in step with updates and deletes', () => {
    const a = store.actions.add({ incidentId: null, actor: 'x', at, kind: 'note', text: 'alpha' });
    store.db.prepare('UPDATE actions SET text = ? WHERE id = ?').run('beta', a.id);
    expect(store.actions.search('alpha')).toEqual([]);
    expect(store.actions.search('beta')).toHaveLength(1);
    store.db.prepare('DELETE FROM actions WHERE id = ?').run(a.id);
    expect(store.actions.search('beta')).toEqual([]);
  });

  it('writes a batch all or nothing', () => {
    const before = store.actions.count();
    expect(() => store.actions.addMany([
      { incidentId: null, actor: 'x', at, kind: 'note', text: 'ok' },
      { incidentId: 12345, actor: 'x', at, kind: 'note', text: 'bad incident' },
    ])).toThrow(/FOREIGN KEY/);
    expect(store.actions.count()).toBe(before);
  });
});

describe('turns and transactions', () => {
  it('stores each turn with the rule that produced it', () => {
    const inc = store.incidents.create({ title: 'A', severity: 'SEV2', openedAt: at, openedBy: 'am' });
    const t = store.turns.add({ incidentId: inc.id, at, phase: 'guide', type: 'ask_plan', rule: 'G1', text: 'What is your plan?', engine: 'offline', to: 'alice', fields: { x: 1 } });
    expect(store.turns.list(inc.id)).toEqual([t]);
    expect(t.fields).toEqual({ x: 1 });
  });

  it('rolls back every write of a failed transaction', () => {
    const inc = store.incidents.create({ title: 'A', severity: 'SEV2', openedAt: at, openedBy: 'am' });
    expect(() => store.tx(() => {
      store.notes.add(inc.id, 'alice', at, 'half');
      store.actions.add({ incidentId: inc.id, actor: 'alice', at, kind: 'note', text: 'half' });
      throw new Error('boom');
    })).toThrow('boom');
    expect(store.notes.list(inc.id)).toEqual([]);
    expect(store.actions.list(inc.id)).toEqual([]);
  });

  it('is readable by a second connection while open (WAL)', () => {
    const inc = store.incidents.create({ title: 'shared', severity: 'SEV2', openedAt: at, openedBy: 'am' });
    const reader = new Database(store.db.name, { readonly: true });
    try {
      expect((reader.prepare('SELECT title FROM incidents WHERE id = ?').get(inc.id) as { title: string }).title).toBe('shared');
    } finally {
      reader.close();
    }
  });
});
