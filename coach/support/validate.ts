// Input checks of the workflow, the same whichever front end calls it: a clear 400 naming the problem.
import { CodedError } from '../types.ts';
import type { Tiers } from './types.ts';

export const MAX_QUESTION = 2_000;
export const MAX_REPLY = 4_000;
export const MAX_TIER = 4_000;

function text(v: unknown, name: string, max: number): string {
  if (typeof v !== 'string' || !v.trim()) throw new CodedError('invalid_body', `${name}: Required: write some text.`, 400, { field: name });
  const t = v.trim();
  if (t.length > max) throw new CodedError('invalid_body', `${name}: ${t.length} characters is over the ${max}-character limit; shorten it.`, 400, { field: name });
  return t;
}

export const checkQuestion = (v: unknown): string => text(v, 'question', MAX_QUESTION);
export const checkReply = (v: unknown): string => text(v, 'reply', MAX_REPLY);

export function checkTiers(v: unknown): Tiers {
  const t = (v ?? {}) as Partial<Record<keyof Tiers, unknown>>;
  return { customer: text(t.customer, 'tiers.customer', MAX_TIER), partner: text(t.partner, 'tiers.partner', MAX_TIER) };
}

export function checkVersion(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new CodedError('invalid_body', `version: Required: the version number you reviewed (a whole number from 1), got ${v === undefined ? 'nothing' : JSON.stringify(v)}.`, 400, { field: 'version' });
  }
  return v;
}
