// Who is calling: a person's own token, the team-wide MENTAT_TOKEN, or (on loopback with no tokens at
// all) the solo desktop user. The token decides who a person is; a body's `from` that disagrees is refused.
import type { IncomingMessage } from 'node:http';
import { createDirectory, emptyRoster, type Directory, type Principal } from '../people/index.ts';
import type { Store } from '../store/index.ts';
import { CodedError } from '../types.ts';
import { presentedToken, tokenMatches } from './auth.ts';
import type { RouteRequest, ServerDeps } from './route.ts';

export type Caller =
  | { kind: 'person'; person: string }
  | { kind: 'shared' }
  | { kind: 'solo' }
  /** Admitted by a route's own check (a signed webhook), not by a token. */
  | { kind: 'signed' };

export const PEOPLE_KEY = 'people';

export function unauthorized(detail: string): CodedError {
  return new CodedError('unauthorized', `${detail} Send "Authorization: Bearer <your token>"; "mentat people token NAME" makes one.`, 401);
}

/** Null when the request carries no usable credential and needs one. */
export function identify(req: IncomingMessage, query: URLSearchParams, opts: {
  store: Store; sharedToken: string | null; soloAllowed: boolean; allowQuery: boolean;
  /** The desktop app's own token for its embedded server: its holder is the solo desktop user. */
  desktopToken?: string | null;
}): Caller | { refused: CodedError } {
  const given = presentedToken(req, query, opts.allowQuery);
  if (given) {
    const person = opts.store.tokens.personFor(given);
    if (person) return { kind: 'person', person };
    if (opts.desktopToken && opts.soloAllowed && tokenMatches(given, opts.desktopToken)) return { kind: 'solo' };
    if (opts.sharedToken && tokenMatches(given, opts.sharedToken)) return { kind: 'shared' };
    return { refused: unauthorized('That token is not valid here (it may have been replaced).') };
  }
  if (opts.sharedToken || opts.desktopToken || opts.store.tokens.count() > 0) return { refused: unauthorized('This server needs a token.') };
  if (!opts.soloAllowed) return { refused: unauthorized('This server is reachable beyond this machine and has no tokens.') };
  return { kind: 'solo' };
}

/**
 * A person's token names its writer: a missing `from` is filled in, a different one is refused, so no
 * write can be attributed to someone else.
 */
export function bindFrom(caller: Caller, body: unknown): unknown {
  if (caller.kind !== 'person' || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (b.from !== undefined && (typeof b.from !== 'string' || b.from.trim().toLowerCase() !== caller.person.toLowerCase())) {
    throw new CodedError('from_mismatch',
      `This token belongs to ${caller.person}, but the request says it is from ${JSON.stringify(b.from)}. Leave "from" out or send your own name.`, 403);
  }
  return { ...b, from: caller.person };
}

export function directoryOf(deps: ServerDeps): Directory {
  const d = deps.services[PEOPLE_KEY] as Directory | undefined;
  return d ?? createDirectory(emptyRoster());
}

/** The Principal the core checks roles against. `from` names the writer only where no token does. */
export function principalOf(req: RouteRequest<{ from?: string }>, deps: ServerDeps): Principal {
  const dir = directoryOf(deps);
  const caller = req.caller;
  const from = typeof req.body?.from === 'string' ? req.body.from.trim() : '';
  switch (caller?.kind) {
    case 'person':
      return dir.tokenPrincipal(caller.person);
    case 'shared':
      return dir.sharedPrincipal(from || 'unknown');
    case 'solo':
      if (!from) throw new CodedError('invalid_body', 'body.from: Required: the name of the person acting', 400);
      return dir.soloPrincipal(from);
    default:
      throw unauthorized('This route needs a person.');
  }
}
