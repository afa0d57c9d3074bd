// Reads a request body up to a limit, without buffering more than the limit, and parses JSON bodies.
import type { IncomingMessage } from 'node:http';
import { CodedError } from '../types.ts';

export function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  if (len !== undefined) return Number(len) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

export function isJsonType(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

function tooLarge(limit: number): CodedError {
  return new CodedError('body_too_large', `The request body is over the ${limit}-byte limit; send less.`, 413);
}

/** Rejects with a 413 as soon as the declared or received size passes the limit. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | null): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish(null));
    req.on('error', (e) => finish(e));
    req.on('aborted', () => finish(new CodedError('aborted', 'The client went away before sending the whole body.', 400)));
  });
}

export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : 'unreadable';
    throw new CodedError('invalid_json', `The body is not valid JSON (${why}); send a JSON object.`, 400);
  }
}
