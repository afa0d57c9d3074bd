// The model learning-note writer on the fake OpenAI server: a good structured answer is used; one citing a
// query nobody ran, or a timeout, falls back to the offline writer with the reason.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLearningNotes, offlineNoteWriter } from '../../coach/learning/index.ts';
import { createModelNoteWriter, type NoteAnswer } from '../../coach/llm/note-agent.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { tempDir } from '../support/tmp.ts';
import { modelFor } from '../llm/helpers.ts';
import { OTHER_QUERY, QUERY_A, QUERY_B, alice, smallIncidents, world, type World } from './notes-fixtures.ts';

let fake: FakeOpenAI;
let tmp: ReturnType<typeof tempDir>;
let w: World;
beforeAll(async () => { fake = await startFakeOpenAI(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault({ kind: 'content', content: '' });
  tmp = tempDir();
  w = world(tmp.dir);
});
afterEach(() => {
  w.store.close();
  tmp.cleanup();
});

const GOOD: NoteAnswer = {
  summary: 'Checkout was slow; bob rolled back and mitigated it at 09:09 UTC.',
  thoughts: 'alice planned at 09:03 UTC to find the slowest checkout endpoints first.',
  tried: `- 09:04 UTC alice ran \`${QUERY_A}\` for step 1\n- 09:05 UTC bob ran the p99 latency query`,
  worked: '- 09:08 UTC bob rolled back checkout to v2.13',
  queries: [{ query: QUERY_B, why: 'It showed POST /cart at 4s p99.' }, { query: QUERY_A, why: 'Run twice to find the failing routes.' }],
  questions: [
    { question: 'What would you run to see which checkout endpoints were slowest?', answer: `\`\`\`promql\n${QUERY_B}\n\`\`\`\nbob ran it at 09:05 UTC.` },
    { question: 'What fixed it?', answer: 'bob rolled back checkout to v2.13 at 09:08 UTC.' },
    { question: 'Who planned the first step?', answer: 'alice, at 09:03 UTC.' },
  ],
};

const service = (timeoutMs = 5000) => createLearningNotes({
  store: w.store, clock: w.clock, workspace: w.workspace,
  writer: createModelNoteWriter({ model: modelFor(fake), modelName: 'fake-model', timeoutMs, fallback: offlineNoteWriter }),
});

describe('model learning-note writer', () => {
  it('uses a good structured answer read through the record tools', async () => {
    const { main } = await smallIncidents(w);
    fake.enqueue({ kind: 'tool', name: 'incident_queries', args: {} }, { kind: 'structured', value: GOOD });
    const n = await service().generate(alice, main.id);
    expect(n).toMatchObject({ engine: 'fake-model', fallback: null, version: 1 });
    expect(n.questions).toHaveLength(3);
    expect(n.markdown).toContain('Checkout was slow; bob rolled back');
    expect(n.markdown).toContain('- Why it mattered: It showed POST /cart at 4s p99.');
    expect(n.sources.queries.map((q) => q.query)).toEqual(expect.arrayContaining([QUERY_B, QUERY_A]));
    expect(fake.chatRequests()[0]?.body?.tools?.map((t) => t.function.name)).toEqual(['incident_summary', 'incident_timeline', 'incident_plans', 'incident_actions', 'incident_queries', 'learning_note']);
    const toolResult = (fake.chatRequests()[1]?.body?.messages ?? []).filter((m) => m.role === 'tool').map((m) => String(m.content)).join('\n');
    expect(toolResult).toContain('histogram_quantile');
    expect(toolResult).not.toContain('payments-secret-other-incident');
  });

  it('falls back with the reason when the answer cites a query nobody ran (even after a repair)', async () => {
    const { main } = await smallIncidents(w);
    const bad = { ...GOOD, queries: [{ query: OTHER_QUERY, why: 'looked useful' }] };
    fake.enqueue({ kind: 'structured', value: bad }, { kind: 'structured', value: bad });
    const n = await service().generate(alice, main.id);
    expect(n.engine).toBe('offline');
    expect(n.fallback).toMatch(/cites a query nobody ran in INC-2: "up\{job=\\?"payments-secret-other-incident/);
    expect(n.markdown).not.toContain(OTHER_QUERY);
  });

  it('falls back on a clock time the record does not hold, and on too few questions', async () => {
    const { main } = await smallIncidents(w);
    const late = { ...GOOD, worked: '- bob rolled back at 14:30 UTC' };
    fake.enqueue({ kind: 'structured', value: late }, { kind: 'structured', value: { ...GOOD, questions: GOOD.questions.slice(0, 2) } });
    const n = await service().generate(alice, main.id);
    expect(n.fallback).toMatch(/2 questions; a note has 3 to 7/);
    expect(fake.chatRequests().map((r) => JSON.stringify(r.body?.messages ?? [])).join('\n')).toContain('14:30');
  });

  it('falls back when the model does not answer in time', async () => {
    const { main } = await smallIncidents(w);
    fake.enqueue({ kind: 'delay', ms: 5000, then: { kind: 'structured', value: GOOD } });
    const n = await service(300).generate(alice, main.id);
    expect(n).toMatchObject({ engine: 'offline' });
    expect(n.fallback).toMatch(/time|deadline|300/i);
    expect(n.questions.length).toBeGreaterThanOrEqual(3);
  });
});
