// Every error leaves the server in one shape: {"error":{"code","message","details?"}}.
import type { z } from 'zod';
import { CodedError } from '../types.ts';

/** "body.text: Required" — the path a person would look for in what they sent. */
export function zodToCodedError(error: z.ZodError, where: 'body' | 'query', code = 'invalid_body'): CodedError {
  const issues = error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    const message = /received undefined$/.test(i.message) ? 'Required' : i.message;
    return { path, message };
  });
  const first = issues[0];
  const message = first ? `${first.path}: ${first.message}` : `${where} is invalid`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new CodedError(code, message + more, 400, { issues });
}

export function errorBody(err: CodedError): { error: ReturnType<CodedError['toJSON']> } {
  return { error: err.toJSON() };
}

/** Anything that is not a CodedError is a bug: the person gets a generic message, the log gets the stack. */
export function toCodedError(err: unknown): { coded: CodedError; internal: boolean } {
  if (err instanceof CodedError) return { coded: err, internal: false };
  if (isCodedLike(err)) return { coded: new CodedError(err.code, err.message, err.status ?? 400, err.details), internal: false };
  // The store's own conditions are the server's environment, not a bug: said plainly, and logged.
  const sqlite = sqliteCode(err);
  if (sqlite === 'SQLITE_FULL') {
    return { coded: new CodedError('store_full', 'The store\'s disk is full, so nothing was written: free some space and try again.', 507), internal: true };
  }
  if (sqlite === 'SQLITE_BUSY' || sqlite === 'SQLITE_LOCKED') {
    return { coded: new CodedError('store_busy', 'The store is busy (another process holds its lock); nothing was written. Try again in a moment.', 503), internal: true };
  }
  if (sqlite === 'SQLITE_READONLY' || sqlite === 'SQLITE_IOERR' || sqlite?.startsWith('SQLITE_IOERR_')) {
    return { coded: new CodedError('store_unwritable', 'The store could not be written (read-only or a disk error); nothing was written. The server\'s log has the details.', 503), internal: true };
  }
  return {
    coded: new CodedError('internal', 'The server failed while handling this request; the error is in its log.', 500),
    internal: true,
  };
}

// CodedErrors from another copy of the module (tsx and vitest may load it twice) fail instanceof.
function isCodedLike(e: unknown): e is { code: string; message: string; status?: number; details?: Record<string, unknown> } {
  if (!e || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  return o.name === 'CodedError' && typeof o.code === 'string' && typeof o.message === 'string';
}

/** better-sqlite3's SqliteError carries SQLite's result code name ("SQLITE_FULL"). */
function sqliteCode(e: unknown): string | null {
  if (!e || typeof e !== 'object') return null;
  const o = e as { name?: unknown; code?: unknown };
  return o.name === 'SqliteError' && typeof o.code === 'string' ? o.code : null;
}
