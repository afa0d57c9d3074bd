// Learning notes in Slack, end to end over signed HTTP: the real core and SQLite behind the team server,
// the fake Slack Web API on loopback. `/mentat notes`, a draft refused while the incident is active, the
// draft, Publish by someone who may not and by a responder, the channel post without answers, Show
// answer, and the Home tab's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedNoteBlocks } from '../../bots/slack/views/learning.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { ALICE, appHomeOpened, blockAction, CHANNEL, eventCallback, slashCommand } from './payloads.ts';
import { startStack, type Stack } from './stack.ts';

const BOB = 'U0BOB';
const PEOPLE = `people:\n  alice: { roles: [responder], slack: ${ALICE} }\n  bob: { roles: [support], slack: ${BOB} }\n`;
const text = (c: SlackCall | undefined): string => JSON.stringify(c?.args ?? null);

interface Button { action_id: string; value: string; text: { text: string } }
function buttonsOf(blocks: unknown): Button[] {
  const out: Button[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'button') out.push(o as unknown as Button);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

describe('learning notes in Slack, end to end', () => {
  let s: Stack;
  let incidentId = 0;
  beforeAll(async () => {
    s = await startStack({ people: PEOPLE });
    await s.post(slashCommand('incident open Checkout 5xx after deploy', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').some((c) => text(c).includes('opened by')));
    incidentId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    await s.coach.handle(incidentId, { kind: 'note', from: `slack:${ALICE}`, text: 'Deploy 4.2 went out at 12:01 <!channel>', pinned: true });
    await s.coach.handle(incidentId, { kind: 'note', from: `slack:${ALICE}`, text: 'not pinned scratch' });
  });
  afterAll(async () => {
    if (process.env.SLACK_TEST_LOGS) console.log(s.logs.join('\n'));
    await s.close();
  });

  const ephemerals = (user = ALICE): SlackCall[] => s.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
  const posts = (): SlackCall[] => s.slack.callsTo('chat.postMessage');
  const nextEphemeral = async (n: number, user = ALICE): Promise<SlackCall> => {
    await s.slack.waitFor(() => ephemerals(user).length > n);
    return ephemerals(user)[n] as SlackCall;
  };

  it('/mentat notes shows the pinned notes only to the person, and says there is no learning note yet', async () => {
    const n = ephemerals().length;
    expect((await s.post(slashCommand('notes', s.slack.responseUrl()))).status).toBe(200);
    const shown = text(await nextEphemeral(n));
    expect(shown).toContain('Pinned notes');
    expect(shown).toContain('Deploy 4.2 went out at 12:01 &lt;!channel&gt;');
    expect(shown).not.toContain('not pinned scratch');
    expect(shown).toContain('/mentat notes draft');
  });

  it('/mentat notes draft on an active incident says why not, only to the person, and drafts nothing', async () => {
    const n = ephemerals().length;
    await s.post(slashCommand('notes draft', s.slack.responseUrl()));
    const shown = text(await nextEphemeral(n));
    expect(shown).toMatch(/still open.*mitigated or resolved/);
    expect(s.store.learningNotes.forIncident(incidentId)).toBeNull();
  });

  let publish: Button | undefined;
  it('once resolved, /mentat notes draft drafts version 1, says so in the channel and offers Publish version 1', async () => {
    await s.coach.handle(incidentId, { kind: 'status', from: `slack:${ALICE}`, status: 'resolved' });
    const n = ephemerals().length;
    const p = posts().length;
    await s.post(slashCommand('notes draft', s.slack.responseUrl()));
    const shown = await nextEphemeral(n);
    await s.slack.waitFor(() => posts().slice(p).some((c) => text(c).includes('drafted version 1')));
    expect(text(posts().slice(p).find((c) => text(c).includes('drafted version 1')))).toContain('http://mentat.example/#/incident/');
    publish = buttonsOf(shown.args.blocks).find((b) => b.action_id === 'mentat_note_publish');
    expect(publish?.text.text).toBe('Publish version 1');
    const note = s.learning.latest(incidentId);
    expect(note.state).toBe('draft');
    expect(text(shown)).toContain(`${note.questions.length} retrieval-practice questions`);
  });

  it('Publish by someone who is not a responder is refused with the core\'s reason, to them only', async () => {
    const n = ephemerals(BOB).length;
    await s.post(blockAction('mentat_note_publish', publish?.value ?? '', '1700000100.000100', s.slack.responseUrl(), { user: BOB, ephemeral: true }));
    const shown = text(await nextEphemeral(n, BOB));
    expect(shown).toMatch(/Only a responder may publish a learning note/);
    expect(s.learning.latest(incidentId).state).toBe('draft');
  });

  let post: SlackCall | undefined;
  it('Publish by a responder publishes; the channel gets the summary and the questions, no answers', async () => {
    const n = ephemerals().length;
    const p = posts().length;
    await s.post(blockAction('mentat_note_publish', publish?.value ?? '', '1700000100.000100', s.slack.responseUrl(), { ephemeral: true }));
    expect(text(await nextEphemeral(n))).toContain('Published version 1');
    await s.slack.waitFor(() => posts().slice(p).some((c) => text(c).includes('Learning note for INC-')));
    post = posts().slice(p).find((c) => text(c).includes('Learning note for INC-'));
    const note = s.learning.latest(incidentId);
    expect(note).toMatchObject({ state: 'published', publishedBy: 'alice' });
    expect(post?.args.channel).toBe(CHANNEL);
    expect(String(post?.args.text)).toBe(`Learning note for ${note.incidentKey} published by <@${ALICE}>`);
    const shown = text(post);
    expect(shown).toContain('Checkout 5xx after deploy');
    expect(shown).toContain('*Incident:*');
    expect(note.questions.length).toBeGreaterThanOrEqual(3);
    for (const q of note.questions) {
      expect(shown).toContain(JSON.stringify(q.question.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).slice(1, -1).slice(0, 40));
    }
    // The answers are held back: the post says no more than its view does without them.
    const withoutAnswers = JSON.stringify(publishedNoteBlocks({ ...note, questions: note.questions.map((q) => ({ ...q, answer: '' })) },
      { key: note.incidentKey, title: note.title }, `<@${ALICE}>`, `http://mentat.example/#/incident/${incidentId}`));
    expect(JSON.stringify(post?.args.blocks)).toBe(withoutAnswers);
    expect(buttonsOf(post?.args.blocks).map((b) => b.text.text)).toEqual(note.questions.map(() => 'Show answer'));
  });

  it('Show answer tells one answer to the reader who asked, and only them', async () => {
    const note = s.learning.latest(incidentId);
    const second = buttonsOf(post?.args.blocks)[1];
    const n = ephemerals(BOB).length;
    const p = posts().length;
    await s.post(blockAction('mentat_note_show_answer', second?.value ?? '', '1700000200.000100', s.slack.responseUrl(), { user: BOB }));
    const shown = await nextEphemeral(n, BOB);
    expect(shown.args.user).toBe(BOB);
    const answer = note.questions[1]?.answer ?? 'missing';
    expect(String(shown.args.text)).toContain(answer.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').slice(0, 60));
    expect(posts().length).toBe(p);
    // A forged index names no question.
    await s.post(blockAction('mentat_note_show_answer', `${note.id}:1:42`, '1700000200.000100', s.slack.responseUrl(), { user: BOB }));
    expect(text(await nextEphemeral(n + 1, BOB))).toContain('not in the published learning note');
  });

  it('a second Publish of the same version says it is already published', async () => {
    const n = ephemerals().length;
    await s.post(blockAction('mentat_note_publish', publish?.value ?? '', '1700000100.000100', s.slack.responseUrl(), { ephemeral: true }));
    expect(text(await nextEphemeral(n))).toMatch(/already published/);
    expect(posts().filter((c) => text(c).includes('Learning note for INC-'))).toHaveLength(1);
  });

  it('/mentat notes then shows the note as published, by whom, with the link and no Publish button', async () => {
    const n = ephemerals().length;
    await s.post(slashCommand('notes', s.slack.responseUrl()));
    const shown = await nextEphemeral(n);
    expect(text(shown)).toMatch(/published by <@U0ALICE>/);
    expect(text(shown)).toContain('http://mentat.example/#/incident/');
    expect(buttonsOf(shown.args.blocks)).toEqual([]);
  });

  it('the Home tab lists recent published notes, newest first, with links', async () => {
    const other = (await s.coach.open({ title: 'Search latency', by: 'alice', channel: 'C0OTHER' })).incident;
    await s.coach.handle(other.id, { kind: 'status', from: 'alice', status: 'resolved' });
    const draft = await s.learning.generate({ person: 'alice', roles: ['responder'], via: 'token' }, other.id);
    s.learning.publish({ person: 'alice', roles: ['responder'], via: 'token' }, draft.id, draft.version);
    await s.slack.waitFor(() => posts().some((c) => c.args.channel === 'C0OTHER' && text(c).includes('Learning note for')));
    const n = s.slack.callsTo('views.publish').length;
    await s.post(eventCallback(appHomeOpened()));
    await s.slack.waitFor(() => s.slack.callsTo('views.publish').length > n);
    const home = text(s.slack.callsTo('views.publish')[n]);
    expect(home).toContain('Recent learning notes');
    const first = home.indexOf(other.key);
    const older = home.indexOf(`*INC-${incidentId}*`);
    expect(first).toBeGreaterThan(home.indexOf('Recent learning notes'));
    expect(older).toBeGreaterThan(first);
    expect(home).toContain(`http://mentat.example/#/incident/${other.id}`);
  });
});
