// Team-wide reads: full-text search over the action log, and the loaded workspace.
import { z } from 'zod';
import { defaultWorkspace, type Workspace } from '../../workspace/index.ts';
import { defineRoute, type Route, type ServerDeps } from '../route.ts';
import { parseQuery } from './common.ts';

const searchQuery = z.object({
  q: z.string().trim().min(1, 'Required: the words to search for').max(500),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  kind: z.string().trim().min(1).max(64).optional(),
  /** all: every word must appear (default); any: at least one, more words ranking higher. */
  mode: z.enum(['all', 'any']).default('all'),
});

/** The workspace the server was composed with (services.workspace), else the built-in one. */
export function workspaceOf(deps: ServerDeps): Workspace {
  const ws = deps.services.workspace as Workspace | undefined;
  return ws && typeof ws === 'object' && 'process' in ws ? ws : defaultWorkspace();
}

export const teamRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/actions/search',
    summary: 'Full-text search over every incident\'s action log, best match first.',
    handler: (req, { store }) => {
      const { q, limit, kind, mode } = parseQuery(searchQuery, req.query);
      return { hits: store.actions.search(q, { limit, mode, ...(kind ? { kind } : {}) }) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/workspace',
    summary: 'The team\'s workspace: link catalog, owners, process guide.',
    handler: (_req, deps) => {
      const ws = workspaceOf(deps);
      return { links: ws.links, owners: ws.owners, process: ws.process };
    },
  }),
];
