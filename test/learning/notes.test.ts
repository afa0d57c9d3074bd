// The learning-note service over a real SQLite file: sections, questions, sources traceable to the record,
// and the rules: no note while active, responders publish exactly the current version.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLearningNotes, publishedNoteItems, SECTION_HEADINGS, type LearningNote, type LearningNotesService } from '../../coach/learning/index.ts';
import { tempDir } from '../support/tmp.ts';
import { OTHER_QUERY, QUERY_A, QUERY_B, alice, bob, demoIncident, sam, smallIncidents, world, type World } from './notes-fixtures.ts';

let tmp: ReturnType<typeof tempDir>;
let w: World;
let notes: LearningNotesService;

beforeEach(() => {
  tmp = tempDir();
  w = world(tmp.dir);
  notes = createLearningNotes({ store: w.store, clock: w.clock, workspace: w.workspace });
});
afterEach(() => {
  w.store.close();
  tmp.cleanup();
});

function caught(fn: () => unknown): unknown {
  try { fn(); } catch (e) { return e; }
  return null;
}

/** Every HH:MM the markdown states is a time of something in `sources`; every fenced query is a source query. */
function expectTraceable(n: LearningNote): void {
  const src = JSON.stringify(n.sources).replace(/T(\d\d:\d\d)/g, ' $1');
  for (const m of n.markdown.matchAll(/(?<![\w:])(\d\d:\d\d)(?!\d)/g)) expect(src, `time ${m[1] ?? ''}`).toContain(m[1]);
  const cited = new Set(n.sources.queries.map((q) => q.query));
  for (const m of n.markdown.matchAll(/```promql\n([\s\S]*?)\n```/g)) expect(cited.has(m[1] ?? ''), m[1]).toBe(true);
}

function expectQuestions(n: LearningNote): void {
  expect(n.questions.length).toBeGreaterThanOrEqual(3);
  expect(n.questions.length).toBeLessThanOrEqual(7);
  for (const q of n.questions) {
    expect(q.question.trim()).not.toBe('');
    expect(q.answer.trim()).not.toBe('');
  }
  expect(n.markdown.match(/<details><summary>Answer<\/summary>/g)?.length).toBe(n.questions.length);
}

describe('learning notes: the offline draft', () => {
  it('writes the demo incident\'s note with every section, its query explained and the questions folded away', async () => {
    const inc = await demoIncident(w);
    const n = await notes.generate(alice, inc.key);
    expect(n).toMatchObject({ incidentId: inc.id, version: 1, state: 'draft', engine: 'offline', fallback: null, kind: 'generated', by: 'alice' });
    let at = -1;
    for (const h of SECTION_HEADINGS) {
      const i = n.markdown.indexOf(`\n${h}\n`);
      expect(i, h).toBeGreaterThan(at);
      at = i;
    }
    expect(n.markdown).toContain('**Service:** checkout · **Severity:** SEV2');
    expect(n.markdown).toContain('What would you run to confirm the 5xx ratio per endpoint?');
    expect(n.markdown).toContain('checkout v2.14.0 deployed by dana');
    expect(n.sources.queries).toHaveLength(1);
    const ran = w.store.actions.list(inc.id, { kind: 'query_run' }).map((a) => a.payload.query);
    expect(ran).toContain(n.sources.queries[0]?.query);
    expect(n.sources.queries[0]?.explanation).toMatch(/^Divides the left side by the right/);
    expect(n.sources.queries[0]?.reasons.join(' ')).toMatch(/right before the incident was resolved/);
    expectQuestions(n);
    expectTraceable(n);
  });

  it('cites only queries people ran in this incident, deduplicated and ranked', async () => {
    const { main } = await smallIncidents(w);
    const n = await notes.generate(bob, main.id);
    expect(n.sources.queries.map((q) => q.query)).toEqual([QUERY_A, QUERY_B]);
    expect(n.sources.queries[0]).toMatchObject({ runs: 2, by: 'alice' });
    expect(n.sources.queries[0]?.reasons).toEqual(expect.arrayContaining(['run 2 times', 'advanced step 1 ("find the slowest checkout endpoints")']));
    expect(n.markdown).not.toContain(OTHER_QUERY);
    expect(JSON.stringify(n)).not.toContain('payments-secret-other-incident');
    expect(n.questions[0]).toMatchObject({ question: 'What would you run to find the slowest checkout endpoints?' });
    expect(n.questions[0]?.answer).toContain(QUERY_A);
    expect(n.markdown).toContain('**Mitigated at 09:09 UTC by bob.** Right before it:');
    expect(n.markdown).toContain('bob rolled back: "rolled back checkout to v2.13"');
    expectQuestions(n);
    expectTraceable(n);
  });

  it('refuses a note while the incident is still active (409), and for an unknown incident (404)', async () => {
    const inc = (await w.coach.open({ title: 'Ongoing', by: 'alice' })).incident;
    await expect(notes.generate(alice, inc.id)).rejects.toMatchObject({ code: 'incident_active', status: 409, message: expect.stringMatching(/INC-1 is still open.*mitigated or resolved/) as string });
    await expect(notes.generate(alice, 99)).rejects.toMatchObject({ status: 404 });
    expect(caught(() => notes.latest(inc.id))).toMatchObject({ code: 'note_not_found', status: 404 });
    expect(w.store.learningNotes.forIncident(inc.id)).toBeNull();
  });

  it('reads an incident of 2,000 timeline events linearly, and still writes a bounded note', async () => {
    const inc = (await w.coach.open({ title: 'Noisy', service: 'checkout', by: 'alice', at: '2026-03-02T08:00:00Z' })).incident;
    const base = Date.parse('2026-03-02T08:00:00Z');
    const iso = (s: number): string => new Date(base + s * 1000).toISOString();
    w.store.tx(() => {
      for (let i = 0; i < 2000; i++) {
        w.store.timeline.add({ incidentId: inc.id, at: iso(i + 1), ...(i % 10 === 0
          ? { kind: 'deploy' as const, summary: `checkout v${i} deployed by dana`, data: { deploy: { service: 'checkout', version: `v${i}`, at: iso(i + 1), by: 'dana' } } }
          : { kind: 'alert_firing' as const, summary: `Alert${i % 7} firing`, data: { alert: { name: `Alert${i % 7}`, service: 'checkout', startsAt: iso(i + 1), labels: {}, annotations: {} } } }) });
      }
      for (let i = 0; i < 600; i++) {
        w.store.actions.add({ incidentId: inc.id, actor: i % 2 ? 'alice' : 'bob', at: iso(i * 3 + 2), kind: 'query_run', text: '', payload: { query: `rate(x_total{shard="${i % 40}"}[5m])` } });
      }
    });
    w.clock.set(iso(2100));
    await w.coach.handle(inc.id, { kind: 'status', at: iso(2100), from: 'alice', status: 'resolved' });
    const n = await notes.generate(alice, inc.id);
    expect(n.sources.queries).toHaveLength(15);
    expect(n.sources.queries.every((q) => q.runs === 15)).toBe(true);
    expect(n.markdown).toContain('… and 25 more distinct queries in the action log.');
    expect(n.markdown).toMatch(/… and \d+ more alert and deploy events in the record\./);
    expect(n.markdown).toContain('bob');
    expect(n.markdown.length).toBeLessThan(60_000);
    expectQuestions(n);
    expectTraceable(n);
  });
});

describe('learning notes: review and publish', () => {
  it('a responder edits (new version), and a stale version is refused saying what changed', async () => {
    const { main } = await smallIncidents(w);
    const v1 = await notes.generate(alice, main.id);
    const edited = v1.markdown.replace('Try to answer each one before you open it.', 'Answer first, then open.');
    const v2 = notes.edit(bob, v1.id, 1, edited);
    expect(v2).toMatchObject({ version: 2, engine: 'human', kind: 'edit', by: 'bob', versions: [1, 2] });
    expect(v2.questions).toEqual(v1.questions);
    expect(caught(() => notes.edit(alice, v1.id, 1, 'x'))).toMatchObject({ code: 'version_conflict', status: 409, message: expect.stringMatching(/bob edited it as version 2 at 12:00 UTC/) as string });
    expect(caught(() => notes.edit(sam, v1.id, 2, 'x'))).toMatchObject({ code: 'forbidden_role', status: 403 });
    expect(notes.latest(main.id).version).toBe(2);
  });

  it('publishes only a responder\'s approval of the current version; published notes become team memory', async () => {
    const { main } = await smallIncidents(w);
    const n = await notes.generate(alice, main.id);
    const seen: string[] = [];
    notes.subscribe((c) => seen.push(`${c.type}:${c.note.state}:${c.note.version}`));
    expect(caught(() => notes.publish(sam, n.id, 1))).toMatchObject({ status: 403, message: expect.stringMatching(/Only a responder may publish a learning note/) as string });
    await notes.generate(alice, main.id);
    expect(caught(() => notes.publish(bob, n.id, 1))).toMatchObject({ status: 409, code: 'version_conflict' });
    expect(publishedNoteItems(w.store)).toEqual([]);
    const p = notes.publish(bob, n.id, 2);
    expect(p).toMatchObject({ state: 'published', publishedBy: 'bob', version: 2 });
    expect(caught(() => notes.publish(bob, n.id, 2))).toMatchObject({ code: 'already_published', status: 409 });
    expect(seen).toEqual(['learning_note:draft:2', 'learning_note:published:2']);
    const items = publishedNoteItems(w.store);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ incidentId: main.id, incidentKey: main.key, by: 'bob', queries: [QUERY_A, QUERY_B], text: p.markdown });
    expect(notes.list({ state: 'published' }).map((x) => x.id)).toEqual([n.id]);
    expect(notes.exportMarkdown(main.key)).toMatch(/^<!-- INC-2 learning note, version 2, published by bob at .* -->\n# Learning note: INC-2/);
  });
});
