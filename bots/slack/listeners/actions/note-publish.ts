// "Publish version N" under `/mentat notes`: the clicker publishes exactly the version the button shows.
// The core decides (a responder, the current version); a refusal reaches only the clicker. The channel
// hears of the published note from the learning relay, however it was published.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { learningOf } from '../../learning/services.ts';
import { principalOf } from '../../support/principal.ts';
import { clickedAt, guarded, tell } from '../../support/review.ts';
import { parseNoteRef } from '../../views/learning.ts';

export const FORGED_NOTE_TEXT = 'That button does not name a learning note version; run `/mentat notes` again.';

export function notePublish(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const at = clickedAt(body, client);
    if (!at) return;
    const { where } = at;
    await guarded(deps, where, 'learning note publish', async () => {
      const ref = parseNoteRef(action.value);
      if (!ref) return tell(where, FORGED_NOTE_TEXT);
      const who = await principalOf(deps, client, body.user.id);
      const note = await learningOf(deps).publish(who, ref.noteId, ref.version);
      await tell(where, `Published version ${note.version} of the learning note; it is posted in the incident's channel.`);
    });
  };
}
