// Maps what a person asked for to the coach (no decisions of its own) and posts what the coach said.
import type { HandleResult } from '../../../coach/incident/api.ts';
import { CodedError } from '../../../coach/types.ts';
import type { SlackDeps } from '../deps.ts';
import { postBlocks, postTurns } from '../post.ts';
import { HELP_TEXT } from '../views/help.ts';
import { escapeText, mrkdwn, truncate, type KnownBlock } from '../views/limits.ts';
import { planModal } from '../views/plan-modal.ts';
import { statusBlocks } from '../views/status.ts';
import { askDevs } from '../support/ask.ts';
import { draftNote, showNotes } from '../learning/notes.ts';
import { incidentFor } from './channel-incident.ts';
import type { Invocation, Parsed } from './invocation.ts';

export { incidentFor } from './channel-incident.ts';

export const STUCK_TEXT = "I'm stuck";

export async function ephemeral(inv: Invocation, text: string, blocks?: KnownBlock[]): Promise<void> {
  await inv.client.chat.postEphemeral({
    channel: inv.channel, user: inv.userId, text: truncate(text, 3000),
    ...(blocks ? { blocks } : {}), ...(inv.threadTs ? { thread_ts: inv.threadTs } : {}),
  });
}

/** Commands start a thread under a short line saying who did what; mentions are already in one. */
async function answer(deps: SlackDeps, inv: Invocation, headline: string, result: HandleResult, confirm = false): Promise<void> {
  const url = deps.incidentUrl(result.incident.id);
  let threadTs = inv.threadTs;
  // Inside a thread the person's own message already says what they said; a note still gets its receipt.
  if (threadTs && confirm) await postBlocks(inv.client, { channel: inv.channel, threadTs }, [mrkdwn(headline, 3000, url)], headline);
  if (!threadTs) threadTs = await postBlocks(inv.client, { channel: inv.channel, threadTs: null }, [mrkdwn(headline, 3000, url)], headline);
  await postTurns(inv.client, { channel: inv.channel, threadTs }, result.turns, url);
}

export async function dispatch(deps: SlackDeps, inv: Invocation, req: Parsed): Promise<void> {
  try {
    await run(deps, inv, req);
  } catch (e) {
    if (e instanceof CodedError || (e instanceof Error && e.name === 'CodedError')) {
      deps.log(`slack: ${(e as CodedError).code}: ${e.message}`);
      await ephemeral(inv, e.message);
      return;
    }
    deps.log(`slack: ${req.kind} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await ephemeral(inv, 'Mentat could not handle that; the error is in the server log. Try again, or use the Mentat app.');
  }
}

async function run(deps: SlackDeps, inv: Invocation, req: Parsed): Promise<void> {
  const who = `<@${inv.userId}>`;
  switch (req.kind) {
    case 'help':
      return ephemeral(inv, HELP_TEXT, [mrkdwn(HELP_TEXT)]);
    case 'status': {
      const view = deps.coach.view(incidentFor(deps, inv.channel).id);
      const blocks = statusBlocks(view, deps.incidentUrl(view.incident.id));
      return ephemeral(inv, `${view.incident.key} ${view.incident.title}`, blocks.slice(0, 50));
    }
    case 'incident_open': {
      const result = await deps.coach.open({ title: req.title, by: inv.person, channel: inv.channel });
      const inc = result.incident;
      return answer(deps, inv, `*${inc.key}* opened by ${who}: ${escapeText(inc.title)}. This channel is linked to it.`, result, true);
    }
    case 'incident_link': {
      const inc = deps.store.tx(() => {
        const found = deps.store.incidents.get(req.ref);
        return deps.store.incidents.setChannel(found.id, inv.channel);
      });
      await postBlocks(inv.client, { channel: inv.channel, threadTs: inv.threadTs },
        [mrkdwn(`${who} linked this channel to *${inc.key}* ${escapeText(inc.title)}.`)], `Linked to ${inc.key}`);
      return;
    }
    case 'plan': {
      const inc = incidentFor(deps, inv.channel);
      if (!req.text) {
        if (!inv.triggerId) return ephemeral(inv, 'Write your plan after the command: `/mentat plan 1. … 2. …`.');
        await inv.client.views.open({ trigger_id: inv.triggerId, view: planModal({ incidentId: inc.id, channel: inv.channel, threadTs: inv.threadTs }, `${inc.key} ${inc.title}`) });
        return;
      }
      const result = await deps.coach.handle(inc.id, { kind: 'plan', from: inv.person, text: req.text });
      return answer(deps, inv, `*${who}'s plan for ${inc.key}*\n${escapeText(req.text)}`, result);
    }
    case 'ask':
    case 'say': {
      const inc = incidentFor(deps, inv.channel);
      const result = await deps.coach.handle(inc.id, { kind: 'say', from: inv.person, text: req.text });
      return answer(deps, inv, `${who} ${req.kind === 'ask' ? 'asked' : 'said'}: ${escapeText(req.text)}`, result);
    }
    case 'stuck': {
      const inc = incidentFor(deps, inv.channel);
      const text = req.text ? `${STUCK_TEXT}: ${req.text}` : STUCK_TEXT;
      const result = await deps.coach.handle(inc.id, { kind: 'say', from: inv.person, text });
      return answer(deps, inv, `${who} is stuck${req.text ? `: ${escapeText(req.text)}` : '.'}`, result);
    }
    case 'notes':
      return showNotes(deps, inv, incidentFor(deps, inv.channel));
    case 'notes_draft':
      return draftNote(deps, inv, incidentFor(deps, inv.channel));
    case 'ask_devs':
      await askDevs(deps, { client: inv.client, userId: inv.userId, channel: inv.channel, threadTs: inv.threadTs, messageTs: inv.messageTs ?? null }, req.text);
      return;
    case 'note': {
      const inc = incidentFor(deps, inv.channel);
      const result = await deps.coach.handle(inc.id, { kind: 'note', from: inv.person, text: req.text });
      return answer(deps, inv, `:memo: Note for *${inc.key}* from ${who}: ${escapeText(req.text)}`, result, true);
    }
  }
}
