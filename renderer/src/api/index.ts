// Talking to the Mentat server: the HTTP client, the live event stream, and the shapes they check.
export { ApiError, createClient, whoAmI, type Client } from './client.ts';
export { useEventStream, type StreamState } from './useEventStream.ts';
export { formatLabels, type RunRequest, type RunResult, type RunOutcome, type Series } from './run-result.ts';
export type { Action, CoachChange, HandleResult, Incident, IncidentView, LiveChange, Me, Note, Plan, PublishedAnswer, SupportChange, SupportQuestion, TimelineEvent, Turn } from './schemas.ts';
export { learningNoteSchema, suggestionSchema, type LearningChange, type LearningNote, type Suggestion, type SuggestionChange } from './learning.ts';
