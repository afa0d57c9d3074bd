// The learning-note and suggestion services as listeners reach them, with the sentence a person sees
// when this server has none.
import { CodedError } from '../../../coach/types.ts';
import type { SlackDeps, SlackLearningNote, SlackLearningNotes, SlackSuggestions } from '../deps.ts';
import { isCoded } from '../support/review.ts';

export function learningOf(deps: Pick<SlackDeps, 'learning'>): SlackLearningNotes {
  if (!deps.learning) throw new CodedError('learning_unavailable', 'Learning notes are not set up on this Mentat server; write them in the Mentat app.', 503);
  return deps.learning;
}

export function suggestionsOf(deps: Pick<SlackDeps, 'suggestions'>): SlackSuggestions {
  if (!deps.suggestions) {
    throw new CodedError('suggestions_unavailable', 'Answering suggestions is not set up on this Mentat server; answer it in the Mentat app.', 503);
  }
  return deps.suggestions;
}

/** The incident's latest note, or null when it has none yet (whether the core says so with null or a 404). */
export async function latestNote(deps: Pick<SlackDeps, 'learning'>, incidentId: number): Promise<SlackLearningNote | null> {
  if (!deps.learning) return null;
  try {
    return (await deps.learning.latest(incidentId)) ?? null;
  } catch (e) {
    if (isCoded(e) && e.status === 404) return null;
    throw e;
  }
}

/** The core's answering workflow (coach/learning/enhance), as it takes an answer: a person and accept or not. */
export interface CoreSuggestionAnswers {
  answer(a: { id: number; person: string; accept: boolean }): unknown;
}

/**
 * Slack answers through the server's own suggestion service, so the core's checks (404, 403, 409) and its
 * live changes to the sidebar are the same whichever front end answered.
 */
export function suggestionsThrough(core: CoreSuggestionAnswers): SlackSuggestions {
  return { answer: (who, id, answer) => Promise.resolve(core.answer({ id, person: who.person, accept: answer === 'accepted' })) };
}
