// OWNERS: CODEOWNERS-style lines saying who owns a service, where they talk and where its docs are.
import { CodedError } from '../types.ts';
import { globMatch } from './conditions.ts';
import type { OwnerRule } from './types.ts';

function fail(source: string, line: number, problem: string): never {
  throw new CodedError('workspace_invalid', `${source}:${line}: ${problem}`, 400, { file: source, line });
}

/**
 * `<service-or-glob>  @owner [@owner…]  [#channel]  [docs=URL]  [customer-facing]`, `#` starts a comment
 * when it is the first thing on a line or follows whitespace and is not a channel right after the owners.
 */
export function parseOwners(text: string, source = 'OWNERS'): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const [pattern, ...tokens] = trimmed.split(/\s+/);
    if (!pattern || !/^[\w.*?-]+$/.test(pattern)) fail(source, line, `"${pattern ?? ''}" is not a service name or glob`);
    const rule: OwnerRule = { pattern, owners: [], channel: null, docs: null, customerFacing: false, line };
    for (const t of tokens) {
      if (t.startsWith('@') && t.length > 1) rule.owners.push(t);
      else if (/^#[\w-]+$/.test(t) && rule.channel === null) rule.channel = t;
      else if (t.startsWith('docs=')) {
        const url = t.slice(5);
        if (!/^https?:\/\/\S+$/.test(url)) fail(source, line, `docs= must be an http(s) URL, not "${url}"`);
        rule.docs = url;
      } else if (t === 'customer-facing') rule.customerFacing = true;
      else if (t.startsWith('#')) break;
      else fail(source, line, `unexpected "${t}"; expected @owner, #channel, docs=URL or customer-facing`);
    }
    if (rule.owners.length === 0) fail(source, line, `"${pattern}" has no @owner`);
    rules.push(rule);
  });
  return rules;
}

/** The rule for a service: the last matching line wins, as in CODEOWNERS. */
export function ownerOf(rules: OwnerRule[], service: string | null): OwnerRule | null {
  if (!service) return null;
  for (let i = rules.length - 1; i >= 0; i--) {
    const r = rules[i];
    if (r && globMatch(r.pattern, service)) return r;
  }
  return null;
}
