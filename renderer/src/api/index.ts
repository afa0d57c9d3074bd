// Talking to the Mentat server: the HTTP client, the live event stream, and the shapes they check.
export { ApiError, createClient, type Client } from './client.ts';
export { useEventStream, type StreamState } from './useEventStream.ts';
export { formatLabels, type RunRequest, type RunResult, type RunOutcome, type Series } from './run-result.ts';
export type { Action, CoachChange, HandleResult, Incident, IncidentView, Note, Plan, TimelineEvent, Turn } from './schemas.ts';
