// Every route the server mounts, in one list (docs/api.md documents each).
import type { Route } from '../route.ts';
import { incidentRoutes } from './incidents.ts';
import { incidentWorkRoutes } from './incident-work.ts';
import { learningRoutes } from './learning.ts';
import { queryRoutes } from './query.ts';
import { suggestionRoutes } from './suggestions.ts';
import { supportRoutes } from './support.ts';
import { teamRoutes } from './team.ts';
import { webhookRoutes } from './webhooks.ts';

export function allRoutes(): Route[] {
  return [...incidentRoutes, ...incidentWorkRoutes, ...teamRoutes, ...webhookRoutes, ...queryRoutes, ...supportRoutes, ...learningRoutes, ...suggestionRoutes];
}
