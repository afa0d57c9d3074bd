// Dismiss on an enhancement suggestion: the clicker's answer; the core ranks that kind down for them (H5).
import { answerSuggestion } from '../../learning/answer-suggestion.ts';

export const suggestionDismiss = answerSuggestion('dismissed');
