// The link catalog (links.yml): where the team looks, per service.
import { isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { CodedError, type LinkEntry } from '../types.ts';

const toList = z.union([z.string().min(1).transform((s) => [s]), z.array(z.string().min(1))]);

const linkSchema = z.object({
  title: z.string().min(1).describe('What a person sees'),
  url: z.url({ protocol: /^https?$/ }).describe('http(s) address of the page'),
  kind: z.enum(['runbook', 'dashboard', 'slo', 'doc', 'grafana', 'prometheus', 'other']).default('other'),
  services: toList.optional().describe('Services the page is about; none means general'),
  service: toList.optional().describe('Alias of services'),
  tags: toList.default([]),
  description: z.string().optional(),
}).strict();

const fileSchema = z.union([z.array(z.unknown()), z.object({ links: z.array(z.unknown()) }).strict()]);

function fail(source: string, line: number | null, problem: string): never {
  const where = line ? `${source}:${line}` : source;
  throw new CodedError('workspace_invalid', `${where}: ${problem}`, 400, { file: source, line });
}

/** Parses links.yml: a list of entries, or `links:` holding one. Errors name the file, entry and line. */
export function parseLinks(text: string, source = 'links.yml'): LinkEntry[] {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    fail(source, e?.linePos?.[0].line ?? null, `not valid YAML: ${e?.message.split('\n')[0] ?? 'parse error'}`);
  }
  const data: unknown = doc.toJS() ?? [];
  const top = fileSchema.safeParse(data);
  if (!top.success) fail(source, 1, 'expected a list of links, or "links:" holding one');
  const list = Array.isArray(top.data) ? top.data : top.data.links;
  const linksNode: unknown = doc.get('links', true) ?? doc.contents;
  const lineOf = (i: number): number | null => {
    const node: unknown = isSeq(linksNode) ? linksNode.items[i] : null;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? text.slice(0, range[0]).split('\n').length : null;
  };
  return list.map((raw, i) => {
    const r = linkSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      const title = raw && typeof raw === 'object' && 'title' in raw ? ` "${String((raw).title)}"` : '';
      fail(source, lineOf(i), `entry ${i + 1}${title}: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`);
    }
    const e = r.data;
    return {
      title: e.title, url: e.url, kind: e.kind, services: [...(e.services ?? []), ...(e.service ?? [])], tags: e.tags,
      ...(e.description ? { description: e.description } : {}),
    };
  });
}

/** Links for a service, runbooks first; general links (no services) are left out. */
export function linksFor(links: LinkEntry[], service: string | null, kinds?: LinkEntry['kind'][]): LinkEntry[] {
  if (!service) return [];
  const order: LinkEntry['kind'][] = ['runbook', 'doc', 'slo', 'dashboard', 'grafana', 'prometheus', 'other'];
  return links
    .filter((l) => l.services.includes(service) && (!kinds || kinds.includes(l.kind)))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
