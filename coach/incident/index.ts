// Incidents: the coach service (record → decide → phrase → store) and alert routing.
export { createCoach, type Coach, type CoachDeps } from './coach.ts';
export { defaultCoachConfig, resolveCoachConfig, coachConfigSchema, type CoachConfig } from './config.ts';
export { routeAlert, severityFromLabels, type RoutedAlert } from './route-alert.ts';
export { buildState } from './state.ts';
export type { Log } from './phrase.ts';
export type * from './api.ts';
