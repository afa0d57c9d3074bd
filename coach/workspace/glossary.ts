// glossary.yml: the team's jargon and what to call it for customers ("zk: our coordination service").
// Rewrites of a responder's own words use it to turn internal names into plain language.
import { readYaml } from './yaml-file.ts';
import { z } from 'zod';
import { CodedError } from '../types.ts';

const entries = z.record(z.string().trim().min(1).max(80), z.string().trim().min(1).max(200));
const file = z.union([z.object({ glossary: entries }).strict(), entries]);

export function parseGlossary(text: string, source = 'glossary.yml'): Record<string, string> {
  const raw = readYaml(text, source);
  const r = file.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CodedError('workspace_invalid', `${source}: each entry is "term: plain words" (${issue?.message ?? 'invalid'}).`, 400, { file: source });
  }
  const map = 'glossary' in r.data && typeof r.data.glossary === 'object' ? r.data.glossary : r.data as Record<string, string>;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}
