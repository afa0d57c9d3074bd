// Choosing an incident: the live list of open ones and the form to open a new one.
export { IncidentPicker } from './IncidentPicker.tsx';
export { useIncidents, type IncidentList } from './useIncidents.ts';
