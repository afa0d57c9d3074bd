// Parses process guides: markdown checklists whose items may carry an HTML comment of attributes.
import { parse as parseYaml } from 'yaml';
import { CodedError } from '../types.ts';
import { parseConditions } from './conditions.ts';
import type { ProcessGuide, ProcessItem } from './types.ts';

export interface ParsedGuideFile {
  mode: 'extend' | 'replace';
  items: ProcessItem[];
}

const itemLine = /^\s*[-*+]\s+\[[ xX]?\]\s+(.*)$/;
const attrComment = /<!--([\s\S]*?)-->\s*$/;
const knownKeys = new Set(['id', 'when', 'after', 'ask', 'done']);

function fail(source: string, line: number, problem: string): never {
  throw new CodedError('workspace_invalid', `${source}:${line}: ${problem}`, 400, { file: source, line });
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'item';
}

function parseMinutes(v: string): number | null {
  const m = /^(\d{1,4})\s*(m|min|mins|minutes|h|hours?)?$/i.exec(v.trim());
  if (!m) return null;
  return /^h/i.test(m[2] ?? '') ? Number(m[1]) * 60 : Number(m[1]);
}

function frontMatter(text: string, source: string): { mode: 'extend' | 'replace'; body: string; offset: number } {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!fm) return { mode: 'extend', body: text, offset: 0 };
  let meta: unknown;
  try {
    meta = parseYaml(fm[1] ?? '');
  } catch (e) {
    fail(source, 1, `front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  const m = (meta ?? {}) as Record<string, unknown>;
  const replace = m.replace === true || m.mode === 'replace';
  if (m.mode !== undefined && m.mode !== 'replace' && m.mode !== 'extend') {
    fail(source, 1, `front matter "mode" must be "extend" or "replace", not ${JSON.stringify(m.mode)}`);
  }
  return { mode: replace ? 'replace' : 'extend', body: text.slice(fm[0].length), offset: fm[0].split('\n').length - 1 };
}

/** Parses one guide file. `source` names it in errors ("process/oncall.md"). */
export function parseGuide(text: string, source: string): ParsedGuideFile {
  const { mode, body, offset } = frontMatter(text, source);
  const items: ProcessItem[] = [];
  let section: string | null = null;
  body.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1 + offset;
    const heading = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/.exec(raw);
    if (heading?.[1]) {
      section = heading[1];
      return;
    }
    const m = itemLine.exec(raw);
    if (!m?.[1]) return;
    let rest = m[1];
    const attrs: Record<string, string> = {};
    const c = attrComment.exec(rest);
    if (c) {
      rest = rest.slice(0, c.index);
      for (const part of (c[1] ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
        const colon = part.indexOf(':');
        if (colon < 1) fail(source, lineNo, `attribute "${part}" should be "key: value"`);
        const key = part.slice(0, colon).trim().toLowerCase();
        if (!knownKeys.has(key)) fail(source, lineNo, `unknown attribute "${key}"; known: ${[...knownKeys].join(', ')}`);
        attrs[key] = part.slice(colon + 1).trim();
      }
    }
    const itemText = rest.trim();
    if (!itemText) fail(source, lineNo, 'checklist item has no text');
    let when: ProcessItem['when'] = [];
    if (attrs.when) {
      const parsed = parseConditions(attrs.when);
      if (!parsed.ok) fail(source, lineNo, parsed.error);
      when = parsed.conditions;
    }
    const after = attrs.after === undefined ? 0 : parseMinutes(attrs.after);
    if (after === null) fail(source, lineNo, `"after" must be minutes like "10m" or "1h", not "${attrs.after}"`);
    const id = attrs.id ?? slug(itemText);
    if (!/^[a-z0-9][a-z0-9_-]*$/i.test(id)) fail(source, lineNo, `id "${id}" may only hold letters, digits, "-" and "_"`);
    if (items.some((it) => it.id === id)) fail(source, lineNo, `id "${id}" is used twice in this file`);
    items.push({
      id, text: itemText, section, when, whenText: attrs.when ?? null, afterMinutes: after, ask: attrs.ask ?? null,
      doneBy: (attrs.done ?? '').split(',').map((s) => s.trim()).filter(Boolean), source: `${source}:${lineNo}`,
    });
  });
  return { mode, items };
}

/** Combines the default guide with a workspace's files (sorted by name): extend, or replace when any file says so. */
export function combineGuides(defaults: ProcessItem[], files: ParsedGuideFile[]): ProcessGuide {
  if (files.length === 0) return { origin: 'default', items: defaults };
  const own = files.flatMap((f) => f.items);
  if (files.some((f) => f.mode === 'replace')) return { origin: 'workspace', items: own };
  const items = defaults.map((d) => own.find((o) => o.id === d.id) ?? d);
  for (const o of own) if (!defaults.some((d) => d.id === o.id)) items.push(o);
  return { origin: 'extended', items };
}
