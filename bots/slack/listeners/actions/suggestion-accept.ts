// Accept on an enhancement suggestion: the clicker's answer, recorded by the core (H5).
import { answerSuggestion } from '../../learning/answer-suggestion.ts';

export const suggestionAccept = answerSuggestion('accepted');
