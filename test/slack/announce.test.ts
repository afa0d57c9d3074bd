// MENTAT_SLACK_CHANNEL: incidents opened outside Slack (an alert, the sidebar) are announced there with
// how to give them a channel of their own; one opened from Slack already lives in its channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fake-slack.ts';
import { CHANNEL, slashCommand } from './payloads.ts';
import { startStack, type Stack } from './stack.ts';

const ANNOUNCE = 'C0ANNOUNCE';
const text = (c: SlackCall): string => JSON.stringify(c.args);

describe('announcing incidents opened outside Slack', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ announceChannel: ANNOUNCE });
  });
  afterAll(async () => {
    await s.close();
  });

  const announced = (): SlackCall[] => s.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === ANNOUNCE);

  it('posts the new incident, a link to it and how to link a channel', async () => {
    const { incident } = await s.coach.open({ title: 'Payments 502s', service: 'payments', severity: 'SEV1', by: 'alertmanager' });
    await s.slack.waitFor(() => announced().length === 1);
    const post = text(announced()[0] as SlackCall);
    expect(post).toContain(incident.key);
    expect(post).toContain('Payments 502s');
    expect(post).toContain(`http://mentat.example/#/incident/${incident.id}`);
    expect(post).toContain(`/mentat incident link ${incident.key}`);
  });

  it('does not announce an incident opened from its own Slack channel', async () => {
    const before = announced().length;
    await s.post(slashCommand('incident open Checkout latency', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.store.incidents.findByChannel(CHANNEL) !== null);
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').some((c) => c.args.channel === CHANNEL));
    expect(announced()).toHaveLength(before);
  });
});
