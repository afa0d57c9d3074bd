// Slack's request shapes (Events API envelopes, slash-command forms, interaction payloads) and signing.
import { createHmac } from 'node:crypto';

export const TEAM = 'T0FAKE';
export const CHANNEL = 'C0INCIDENT';
export const ALICE = 'U0ALICE';

export function sign(secret: string, body: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': sig, 'x-slack-request-timestamp': String(ts) };
}

let seq = 0;
export const nextId = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`.toUpperCase();

export function eventCallback(event: Record<string, unknown>, eventId = nextId('Ev')): Record<string, unknown> {
  return {
    token: 'legacy', team_id: TEAM, api_app_id: 'A0MENTAT', type: 'event_callback', event_id: eventId,
    event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: TEAM, user_id: 'UMENTATBOT', is_bot: true }],
    event,
  };
}

export function appMention(text: string, opts: { ts?: string; thread_ts?: string; user?: string; channel?: string } = {}): Record<string, unknown> & { ts: string } {
  const ts = opts.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  return { type: 'app_mention', user: opts.user ?? ALICE, text, ts, channel: opts.channel ?? CHANNEL, event_ts: ts, ...(opts.thread_ts ? { thread_ts: opts.thread_ts } : {}) };
}

export function threadMessage(text: string, threadTs: string, parentUser: string): Record<string, unknown> {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  return { type: 'message', channel: CHANNEL, user: ALICE, text, ts, thread_ts: threadTs, parent_user_id: parentUser, channel_type: 'channel', event_ts: ts };
}

export function reactionAdded(reaction: string, itemTs: string): Record<string, unknown> {
  return { type: 'reaction_added', user: ALICE, reaction, item_user: 'U0BOB', item: { type: 'message', channel: CHANNEL, ts: itemTs }, event_ts: itemTs };
}

export function appHomeOpened(user = ALICE): Record<string, unknown> {
  return { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: `${Date.now() / 1000}` };
}

export function slashCommand(text: string, responseUrl: string, user = ALICE): URLSearchParams {
  return new URLSearchParams({
    token: 'legacy', team_id: TEAM, team_domain: 'fake', channel_id: CHANNEL, channel_name: 'inc-checkout',
    user_id: user, user_name: 'alice', command: '/mentat', text, api_app_id: 'A0MENTAT',
    response_url: responseUrl, trigger_id: nextId('13345224609.738474920.'),
  });
}

export interface BlockActionOptions {
  user?: string;
  threadTs?: string;
  /** The message's blocks as Slack sends them back (the message as posted), and the clicked block's id. */
  blocks?: unknown[];
  blockId?: string;
  text?: string;
  /** A button in an ephemeral message: Slack sends no `message`, only the container. */
  ephemeral?: boolean;
}

export function blockAction(actionId: string, value: string, messageTs: string, responseUrl: string, opts: BlockActionOptions = {}): URLSearchParams {
  const user = opts.user ?? ALICE;
  const threadTs = opts.threadTs ?? messageTs;
  const payload = {
    type: 'block_actions', user: { id: user, username: user.toLowerCase(), team_id: TEAM }, api_app_id: 'A0MENTAT', token: 'legacy',
    container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: opts.ephemeral ?? false, thread_ts: threadTs },
    trigger_id: nextId('trig.'), team: { id: TEAM, domain: 'fake' }, channel: { id: CHANNEL, name: 'inc-checkout' },
    ...(opts.ephemeral ? {} : { message: { type: 'message', ts: messageTs, text: opts.text ?? 'card', user: 'UMENTATBOT', thread_ts: threadTs, ...(opts.blocks ? { blocks: opts.blocks } : {}) } }),
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: opts.blockId ?? 'b1', text: { type: 'plain_text', text: 'Run' }, value, type: 'button', action_ts: `${Date.now() / 1000}` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) });
}

export function viewSubmission(callbackId: string, privateMetadata: string, values: Record<string, Record<string, { type: string; value: string }>>, user = ALICE): URLSearchParams {
  const payload = {
    type: 'view_submission', team: { id: TEAM, domain: 'fake' }, user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0MENTAT', token: 'legacy', trigger_id: nextId('trig.'),
    view: {
      id: 'V0PLAN', team_id: TEAM, type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, hash: 'h1',
      blocks: [], state: { values }, title: { type: 'plain_text', text: 'Your plan' },
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) });
}

export function messageShortcut(callbackId: string, text: string, ts: string, opts: { user?: string; channel?: string } = {}): URLSearchParams {
  const payload = {
    type: 'message_action', callback_id: callbackId, trigger_id: nextId('trig.'), message_ts: ts, response_url: 'http://127.0.0.1:9/none',
    team: { id: TEAM, domain: 'fake' }, channel: { id: opts.channel ?? CHANNEL, name: 'inc-checkout' }, user: { id: opts.user ?? ALICE, name: 'alice' },
    message: { type: 'message', user: 'U0BOB', ts, text }, token: 'legacy', action_ts: `${Date.now() / 1000}`,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) });
}
