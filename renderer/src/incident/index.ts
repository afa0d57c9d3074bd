// One incident on screen: its live state, header, timeline and process checklist.
export { useIncident, type EnhanceChange, type IncidentState } from './useIncident.ts';
export { applyChange, applyResult, applySuggestion } from './merge.ts';
export { IncidentHeader } from './IncidentHeader.tsx';
export { IncidentPane } from './IncidentPane.tsx';
