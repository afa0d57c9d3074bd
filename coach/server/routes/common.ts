// Pieces every route module shares: who is acting, which incident, validated query strings.
import { z } from 'zod';
import { parseIncidentRef } from '../../store/index.ts';
import { CodedError } from '../../types.ts';
import { zodToCodedError } from '../errors.ts';

/** Writes are attributed to a named person; there is no anonymous author. */
export const actor = z.string().trim().min(1, 'Required: the name of the person acting').max(200);

export const severity = z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']);

export const isoTime = z.iso.datetime({ offset: true });

export function incidentId(param: string | undefined): number {
  const id = parseIncidentRef(param ?? '');
  if (id === null) throw new CodedError('incident_not_found', `No incident ${param ?? ''}: use a number such as 42 or a key such as INC-42.`, 404);
  return id;
}

export function positiveInt(param: string | undefined, name: string): number {
  const n = Number(param);
  if (!Number.isInteger(n) || n < 1) throw new CodedError('invalid_path', `${name} must be a positive whole number (got "${param ?? ''}").`, 400);
  return n;
}

/** Parses the query string with a schema; a failure is a 400 naming `query.<field>`. */
export function parseQuery<S extends z.ZodType>(schema: S, query: URLSearchParams): z.infer<S> {
  const result = schema.safeParse(Object.fromEntries(query));
  if (!result.success) throw zodToCodedError(result.error, 'query', 'invalid_query');
  return result.data;
}
