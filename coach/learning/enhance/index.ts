// Enhancements (H2–H5): patterns over the action log within and across incidents, recording rules, and the
// answers people give to the suggestions.
export { analyzeAcrossIncidents, type AcrossIncidents, type AcrossOptions, type Correlation, type QuietAlert, type RepeatedQuery } from './across.ts';
export {
  answerSuggestion, createSuggestionService, isSuggestionKind, ranksDown, suggestionRef, SUGGESTION_KINDS,
  type KindAnswers, type SuggestionChange, type SuggestionKind, type SuggestionService,
} from './answers.ts';
export { linkHasQuery, linkTarget, metricOf, normalizeQuery, servicesNamed } from './query-key.ts';
export { recordingRule, RULE_GROUP, type RecordingRule } from './recording-rule.ts';
