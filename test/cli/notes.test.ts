// The learning-note routes over real HTTP and `mentat notes` against that server: generate, review,
// publish and export the demo incident's note; bad input gets a clear 4xx (or exit 1) and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../coach/cli/main.ts';
import type { CliIo } from '../../coach/cli/io.ts';
import { demoPaths, seedDemo } from '../../coach/demo/index.ts';
import type { LearningNote } from '../../coach/learning/index.ts';
import { loadWorkspace } from '../../coach/workspace/index.ts';
import { startHarness, type Harness } from '../server/support/harness.ts';
import { openSse } from '../server/support/sse-client.ts';

let h: Harness;
const workspace = loadWorkspace(demoPaths(process.cwd()).workspaceDir);

beforeAll(async () => {
  h = await startHarness({ workspace });
  await seedDemo({ store: h.store, workspace, file: demoPaths(process.cwd()).incidentFile, now: new Date() });
  await h.coach.handle(1, { kind: 'status', from: 'bob', status: 'mitigated' });
  await h.coach.open({ title: 'Still burning', by: 'alice' });
});
afterAll(async () => {
  await h.close();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: () => Promise.resolve(''), env: { MENTAT_URL: h.url, MENTAT_USER: 'alice' } };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type NoteBody = { note: LearningNote };

describe('learning notes over HTTP and the CLI', () => {
  it('generates, edits, publishes and exports the demo incident\'s note; the change reaches live views', async () => {
    const events = await openSse(`${h.url}/api/events?incident=1`);
    const made = await h.call<NoteBody>('POST', '/api/incidents/INC-1/learning-note', { from: 'alice' });
    expect(made.status).toBe(201);
    expect(made.body.note).toMatchObject({ version: 1, state: 'draft', engine: 'offline', incidentKey: 'INC-1' });
    expect(made.body.note.questions.length).toBeGreaterThanOrEqual(3);
    const ev = await events.waitFor((e) => e.event === 'learning_note');
    expect((JSON.parse(ev.data) as { note: LearningNote }).note.version).toBe(1);
    events.close();

    const got = await h.call<NoteBody>('GET', '/api/incidents/1/learning-note');
    expect(got.body.note.markdown).toBe(made.body.note.markdown);
    const id = made.body.note.id;

    const bySam = await h.call('POST', `/api/learning-notes/${id}/publish`, { from: 'sam', version: 1 });
    expect(bySam.status).toBe(403);
    const edited = await h.call<NoteBody>('POST', `/api/learning-notes/${id}/edit`, { from: 'bob', version: 1, markdown: `${made.body.note.markdown}\nReviewed by bob.\n` });
    expect(edited.body.note).toMatchObject({ version: 2, engine: 'human', by: 'bob' });
    const stale = await h.call<{ error: { code: string; message: string } }>('POST', `/api/learning-notes/${id}/publish`, { from: 'alice', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Version 1 is no longer current: bob edited it as version 2/);
    const bad = await h.call('POST', `/api/learning-notes/${id}/edit`, { from: 'bob', version: 2 });
    expect(bad.status).toBe(400);

    const shown = await cli(['notes', 'show', 'INC-1']);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^INC-1 learning note \d+, version 2 of 2: draft/);
    const pub = await cli(['notes', 'publish', 'INC-1', '--version', '2', '--as', 'alice']);
    expect(pub.code).toBe(0);
    expect(pub.out).toMatch(/version 2 of 2: published by alice/);

    const exported = await cli(['notes', 'export', 'INC-1']);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/^<!-- INC-1 learning note, version 2, published by alice at /);
    expect(exported.out).toContain('## Queries that mattered');
    expect(exported.out).toContain('Reviewed by bob.');
    expect(exported.out).toContain('<details><summary>Answer</summary>');

    const list = await h.call<{ notes: LearningNote[] }>('GET', '/api/learning-notes?state=published&limit=5');
    expect(list.body.notes.map((n) => n.incidentKey)).toEqual(['INC-1']);
    expect((await h.call('GET', '/api/learning-notes?state=nope')).status).toBe(400);
  });

  it('refuses a note for an active incident (409) and an unknown one (404); export says why and exits 1', async () => {
    const active = await h.call<{ error: { code: string; message: string } }>('POST', '/api/incidents/INC-2/learning-note', { from: 'alice' });
    expect(active.status).toBe(409);
    expect(active.body.error).toMatchObject({ code: 'incident_active', message: expect.stringMatching(/INC-2 is still open/) as string });
    expect((await h.call('POST', '/api/incidents/INC-99/learning-note', { from: 'alice' })).status).toBe(404);

    const none = await cli(['notes', 'export', 'INC-2']);
    expect(none.code).toBe(1);
    expect(none.out).toBe('');
    expect(none.err.split('\n')).toHaveLength(1);
    expect(none.err).toMatch(/^mentat: INC-2 has no learning note yet/);
    const unknown = await cli(['notes', 'export', 'INC-99']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^mentat: .*INC-99|^mentat: .*99/);
    expect((await cli(['notes', 'export'])).code).toBe(2);
    const help = await cli(['notes', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: mentat notes export\|show\|generate\|publish ID/);
  });
});
