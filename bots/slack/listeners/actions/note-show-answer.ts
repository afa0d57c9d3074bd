// "Show answer" under a published note's question: the answer, to the one reader who asked, after they
// had the chance to think (retrieval practice). Only published notes' answers are shown.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { latestNote } from '../../learning/services.ts';
import { clickedAt, guarded, tell } from '../../support/review.ts';
import { answerText, parseAnswerRef } from '../../views/learning.ts';

export const ANSWER_GONE_TEXT = 'That question is not in the published learning note any more; read the current note in Mentat.';

export function noteShowAnswer(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const at = clickedAt(body, client);
    if (!at) return;
    const { where } = at;
    await guarded(deps, where, 'learning note answer', async () => {
      const ref = parseAnswerRef(action.value);
      const row = ref ? deps.store.learningNotes.get(ref.noteId) : null;
      const note = ref && row ? await latestNote(deps, row.incidentId) : null;
      // The button names a version; a note edited and republished since has other questions.
      const q = ref && note && note.id === ref.noteId && note.version === ref.version && note.state === 'published' ? note.questions[ref.index] : undefined;
      if (!ref || !q) return tell(where, ANSWER_GONE_TEXT);
      await tell(where, answerText(q, ref.index));
    });
  };
}
