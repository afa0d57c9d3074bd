// Accept / Dismiss on an enhancement turn (H5). The button carries only the suggestion's id; the clicker
// answers as their own person and the core decides (404 unknown, 403 offered to someone else, 409
// already answered). The message then shows the answer in place of the buttons, for everyone; a message
// still offering one answered elsewhere is brought up to date when someone clicks it.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import type { Principal } from '../../../coach/people/index.ts';
import type { SlackDeps, SuggestionAnswer } from '../deps.ts';
import { personLabel, principalOf } from '../support/principal.ts';
import { clickedAt, guarded, isCoded, tell } from '../support/review.ts';
import { parseSuggestionId, suggestionAnswered, SUGGESTION_BLOCK_PREFIX } from '../views/turns.ts';
import type { KnownBlock } from '../views/limits.ts';
import { suggestionsOf } from './services.ts';

export const FORGED_SUGGESTION_TEXT = 'That button does not name a suggestion Mentat knows; nothing was answered.';

/**
 * The clicker as the core sees them. A Slack user the roster lists is its person ("alice"), but the coach
 * offers suggestions to whoever acted, and in Slack that is "slack:<user id>": the same verified user,
 * so a suggestion offered under their Slack id is theirs to answer.
 */
export async function answeringAs(deps: SlackDeps, client: webApi.WebClient, slackUserId: string, suggestionId: number): Promise<Principal> {
  const who = await principalOf(deps, client, slackUserId);
  const offered = deps.store.suggestions.get(suggestionId);
  const slackPerson = `slack:${slackUserId}`;
  return offered && offered.person === slackPerson && who.person !== slackPerson ? { ...who, person: slackPerson } : who;
}

/** The message's blocks with the answered suggestion's buttons replaced; null when they are not there. */
export function withAnswer(blocks: unknown, blockId: string, replacement: KnownBlock): KnownBlock[] | null {
  if (!Array.isArray(blocks) || !blockId.startsWith(SUGGESTION_BLOCK_PREFIX)) return null;
  let found = false;
  const out = (blocks as KnownBlock[]).map((b) => {
    if (b.block_id !== blockId) return b;
    found = true;
    return replacement;
  });
  return found ? out : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function answerSuggestion(state: SuggestionAnswer) {
  return (deps: SlackDeps) => async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const at = clickedAt(body, client);
    if (!at) return;
    const { where } = at;
    await guarded(deps, where, `suggestion ${state}`, async () => {
      const id = parseSuggestionId(action.value);
      if (!id) return tell(where, FORGED_SUGGESTION_TEXT);
      // bolt types `message` loosely; only its blocks, ts and text are used, and only to redraw it.
      const message = (body.message ?? {}) as Record<string, unknown>;
      const container = (body.container ?? {}) as Record<string, unknown>;
      const ts = str(message.ts) ?? str(container.message_ts);
      const redraw = async (answered: SuggestionAnswer, by: string): Promise<boolean> => {
        const blocks = withAnswer(message.blocks, action.block_id, suggestionAnswered(id, answered, by));
        if (!ts || !blocks || container.is_ephemeral === true) return false;
        await client.chat.update({ channel: where.channel, ts, blocks, text: str(message.text) ?? `Suggestion ${answered}` });
        return true;
      };
      const who = await answeringAs(deps, client, body.user.id, id);
      try {
        await suggestionsOf(deps).answer(who, id, state);
      } catch (e) {
        // Answered already (in the sidebar, say): the message still offering it is brought up to date.
        const stored = isCoded(e) && e.status === 409 ? deps.store.suggestions.get(id) : null;
        if (stored && stored.state !== 'offered') await redraw(stored.state, personLabel(deps, stored.person));
        throw e;
      }
      if (await redraw(state, `<@${body.user.id}>`)) return;
      await tell(where, state === 'accepted' ? 'Accepted: Mentat will remember it.' : 'Dismissed: suggestions of this kind rank lower for you.');
    });
  };
}
