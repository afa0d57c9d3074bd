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
