// "Where do I see X?" (D2): the right page from the team's link catalog, never a guessed URL.
import type { LinkEntry } from '../types.ts';

const STOP = new Set(['where', 'can', 'see', 'find', 'look', 'the', 'for', 'our', 'and', 'what', 'which', 'is', 'are', 'page', 'link', 'show', 'open', 'there', 'do', 'does']);
const KIND_WORDS: Record<LinkEntry['kind'], RegExp> = {
  runbook: /\brunbooks?\b|\bplaybooks?\b/, dashboard: /\bdashboards?\b|\bboards?\b/, slo: /\bslos?\b|\bsli\b|\berror budgets?\b/,
  doc: /\bdocs?\b|\bdocumentation\b/, grafana: /\bgrafana\b/, prometheus: /\bprometheus\b/, other: /$^/,
};

export function isWhereQuestion(q: string): boolean {
  return /\bwhere\b.*\b(see|find|look|check|is|are|can)\b|\blink (to|for)\b|\b(runbook|dashboard|slo page|playbook)s?\b\s*(for|of)\b/i.test(q);
}

export function findLinks(question: string, links: readonly LinkEntry[], service: string | null, max = 3): LinkEntry[] {
  const lower = question.toLowerCase();
  const words = (lower.match(/[a-z0-9][a-z0-9-]+/g) ?? []).filter((w) => !STOP.has(w));
  const scored = links.map((l) => {
    const hay = `${l.title} ${l.tags.join(' ')} ${l.services.join(' ')} ${l.description ?? ''}`.toLowerCase();
    let s = words.filter((w) => hay.includes(w.replace(/s$/, ''))).length;
    if (KIND_WORDS[l.kind].test(lower)) s += 2;
    const named = l.services.some((sv) => lower.includes(sv.toLowerCase()));
    if (named) s += 2;
    else if (service && l.services.includes(service)) s += 1;
    return { l, s, named };
  }).filter((x) => x.s >= 2);
  scored.sort((a, b) => b.s - a.s);
  return scored.slice(0, max).map((x) => x.l);
}
