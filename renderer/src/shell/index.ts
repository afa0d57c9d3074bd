// The page's frame: the app root, session context, routing, the incident screen and connection status.
export { App } from './App.tsx';
export { SessionContext, useSession, type Session } from './session.ts';
export { IncidentScreen } from './IncidentScreen.tsx';
