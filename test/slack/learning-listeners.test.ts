// The learning and suggestion listeners called directly, as bolt would call them: a fake ack, a real Web API
// client pointed at the fake Slack, a real store and the real core's suggestion workflow. Each acks first;
// forged values and a server without the service reach only the clicker; `/mentat notes` parses.
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDedupe, createGroupCache, createPeople, type SlackDeps } from '../../bots/slack/index.ts';
import { suggestionsThrough } from '../../bots/slack/learning/services.ts';
import { withAnswer } from '../../bots/slack/learning/answer-suggestion.ts';
import { notePublish } from '../../bots/slack/listeners/actions/note-publish.ts';
import { noteShowAnswer } from '../../bots/slack/listeners/actions/note-show-answer.ts';
import { suggestionAccept } from '../../bots/slack/listeners/actions/suggestion-accept.ts';
import { suggestionDismiss } from '../../bots/slack/listeners/actions/suggestion-dismiss.ts';
import { mentatCommand } from '../../bots/slack/listeners/commands/mentat.ts';
import { parse } from '../../bots/slack/listeners/invocation.ts';
import { suggestionAnswered, suggestionButtons } from '../../bots/slack/views/turns.ts';
import { createCoach, type Coach } from '../../coach/incident/index.ts';
import { createSuggestionService } from '../../coach/learning/enhance/index.ts';
import { createDirectory, parseRoster } from '../../coach/people/index.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { tempDir } from '../support/tmp.ts';
import { ALICE, CHANNEL } from './payloads.ts';

describe('learning and suggestion listeners, called directly', () => {
  const tmp = tempDir('mentat-slack-ll-');
  const roster = parseRoster(`people:\n  alice: { roles: [responder], slack: ${ALICE} }\n`);
  let store: Store;
  let coach: Coach;
  let slack: FakeSlack;
  let client: webApi.WebClient;
  let deps: SlackDeps;
  let incidentId = 0;
  const order: string[] = [];
  const ack = async (): Promise<void> => {
    order.push(`ack:${slack.calls.length}`);
  };

  beforeAll(async () => {
    store = Store.open(join(tmp.dir, 'm.db'));
    coach = createCoach({ store, clock: systemClock });
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    deps = {
      coach, store, query: null, clock: systemClock, people: createPeople(), seen: createDedupe(), support: null, directory: createDirectory(roster),
      groups: createGroupCache(), log: (l) => order.push(`log:${l}`), incidentUrl: () => null,
      suggestions: suggestionsThrough(createSuggestionService({ store, clock: systemClock })),
    };
    incidentId = (await coach.open({ title: 'Checkout down', by: `slack:${ALICE}`, channel: CHANNEL })).incident.id;
  });
  afterAll(async () => {
    await slack.close();
    coach.close();
    store.close();
    tmp.cleanup();
  });

  const offer = (key: string): number => {
    const s = store.suggestions.offer({ incidentId, person: `slack:${ALICE}`, kind: 'improve', key, at: new Date().toISOString() });
    if (!s) throw new Error('not offered');
    return s.id;
  };
  const click = (actionId: string, value: string, opts: { user?: string; blocks?: unknown[]; blockId?: string; ephemeral?: boolean } = {}) => ({
    ack, client,
    body: {
      type: 'block_actions', user: { id: opts.user ?? ALICE }, channel: { id: CHANNEL }, trigger_id: 't1',
      container: { type: 'message', channel_id: CHANNEL, message_ts: '1700000001.000100', is_ephemeral: opts.ephemeral ?? false },
      ...(opts.ephemeral ? {} : { message: { ts: '1700000001.000100', text: 'turns', ...(opts.blocks ? { blocks: opts.blocks } : {}) } }),
    },
    action: { action_id: actionId, block_id: opts.blockId ?? 'b1', value, type: 'button' },
  }) as never;
  const ephemeralsSince = (n: number): string[] => slack.callsTo('chat.postEphemeral').slice(n).map((c) => String(c.args.text));

  it('Accept acks before any Slack or core work, answers as the listed person, and redraws the message', async () => {
    const id = offer('a');
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Add a filter?' } }, suggestionButtons(id)];
    order.length = 0;
    const n = slack.calls.length;
    await suggestionAccept(deps)(click('mentat_suggestion_accept', String(id), { blocks, blockId: `mentat_suggestion_${id}` }));
    expect(order[0]).toBe(`ack:${n}`);
    expect(store.suggestions.get(id)?.state).toBe('accepted');
    const update = slack.callsTo('chat.update').at(-1);
    expect(update?.args).toMatchObject({ channel: CHANNEL, ts: '1700000001.000100', text: 'turns' });
    expect(update?.args.blocks).toEqual([blocks[0], suggestionAnswered(id, 'accepted', `<@${ALICE}>`)]);
  });

  it('Dismiss in an ephemeral message (nothing to redraw) tells the clicker instead', async () => {
    const id = offer('b');
    const n = slack.callsTo('chat.postEphemeral').length;
    const updates = slack.callsTo('chat.update').length;
    await suggestionDismiss(deps)(click('mentat_suggestion_dismiss', String(id), { ephemeral: true }));
    expect(store.suggestions.get(id)?.state).toBe('dismissed');
    expect(slack.callsTo('chat.update').length).toBe(updates);
    expect(ephemeralsSince(n)).toEqual(['Dismissed: suggestions of this kind rank lower for you.']);
  });

  it('a forged value answers nothing; a block that is not a suggestion\'s is not rewritten', async () => {
    const n = slack.callsTo('chat.postEphemeral').length;
    await suggestionAccept(deps)(click('mentat_suggestion_accept', '7;DROP TABLE suggestions'));
    expect(ephemeralsSince(n)).toEqual(['That button does not name a suggestion Mentat knows; nothing was answered.']);
    expect(withAnswer([{ type: 'divider', block_id: 'b1' }], 'b1', suggestionAnswered(1, 'accepted', 'x'))).toBeNull();
    expect(withAnswer('not blocks', 'mentat_suggestion_1', suggestionAnswered(1, 'accepted', 'x'))).toBeNull();
  });

  it('a server without the services says so to the clicker, after the ack', async () => {
    const bare: SlackDeps = { ...deps, suggestions: null, learning: null };
    const n = slack.callsTo('chat.postEphemeral').length;
    order.length = 0;
    await suggestionAccept(bare)(click('mentat_suggestion_accept', String(offer('c'))));
    await notePublish(bare)(click('mentat_note_publish', '1:1'));
    await noteShowAnswer(bare)(click('mentat_note_show_answer', '1:1:0'));
    expect(order.filter((o) => o.startsWith('ack')).length).toBe(3);
    const told = ephemeralsSince(n);
    expect(told[0]).toMatch(/Answering suggestions is not set up/);
    expect(told[1]).toMatch(/Learning notes are not set up/);
    expect(told[2]).toMatch(/not in the published learning note/);
  });

  it('Publish with a forged value names no version', async () => {
    const n = slack.callsTo('chat.postEphemeral').length;
    await notePublish(deps)(click('mentat_note_publish', '1:1 OR 1'));
    expect(ephemeralsSince(n)).toEqual(['That button does not name a learning note version; run `/mentat notes` again.']);
  });

  it('/mentat notes parses, and on a server without learning notes still shows the pinned notes', async () => {
    expect(parse('notes')).toEqual({ kind: 'notes' });
    expect(parse('NOTES Draft')).toEqual({ kind: 'notes_draft' });
    expect(parse('notes publish everything')).toEqual({ kind: 'help' });
    expect(parse('note notes are fun')).toEqual({ kind: 'note', text: 'notes are fun' });
    await coach.handle(incidentId, { kind: 'note', from: `slack:${ALICE}`, text: 'pinned one', pinned: true });
    const n = slack.callsTo('chat.postEphemeral').length;
    order.length = 0;
    const calls = slack.calls.length;
    await mentatCommand(deps)({ command: { user_id: ALICE, channel_id: CHANNEL, trigger_id: 't', text: 'notes', command: '/mentat' }, ack, client } as never);
    expect(order[0]).toBe(`ack:${calls}`);
    const shown = JSON.stringify(slack.callsTo('chat.postEphemeral')[n]?.args);
    expect(shown).toContain('pinned one');
    expect(shown).toContain('None yet');
    await mentatCommand(deps)({ command: { user_id: ALICE, channel_id: CHANNEL, trigger_id: 't', text: 'notes draft', command: '/mentat' }, ack, client } as never);
    expect(String(slack.callsTo('chat.postEphemeral')[n + 1]?.args.text)).toMatch(/Learning notes are not set up/);
  });
});
