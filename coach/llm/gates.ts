// Gates on model phrasing: what a rewrite may never do to a decided turn. Enforced here, not in the prompt.
import type { TurnDraft } from '../types.ts';
import { EMAIL, REDACTED } from './redact.ts';

export const MAX_PHRASED_CHARS = 600;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]]+/gi;
const FENCE_RE = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE_RE = /`[^`\n]+`/g;
/** Fragments that read as a query whatever the language: selectors, range vectors, aggregations, pipes. */
const QUERY_RES = [
  /[A-Za-z_:][A-Za-z0-9_:]*[ \t]*\{[^{}\n]*\}/g,
  /\[\d+[smhdwy]\]/g,
  /\b(?:sum|avg|min|max|count|topk|bottomk)[ \t]+(?:by|without)[ \t]*\(/gi,
  /\b(?:sum|avg|min|max|count|rate|irate|increase|histogram_quantile|topk|bottomk|[a-z]+_over_time)\(/gi,
  /\|[=~][ \t]*["`]/g,
  /\{[ \t]*(?:span|resource|\.)[.A-Za-z_]/g,
];
/** Claims that something was done, or pushes to run a fix: the coach never acts (DESIGN §2). */
const REMEDIATION_RES = [
  /\b(?:I|I've|I have|I just|I already|we've|we have|we just|I'll|I will|let me)\s+(?:just\s+|already\s+|now\s+)?(?:restart(?:ed)?|roll(?:ed)?\s*back|revert(?:ed)?|redeploy(?:ed)?|deploy(?:ed)?|scale[ds]?|kill(?:ed)?|delet(?:e|ed)|drain(?:ed)?|fail(?:ed)?\s+over|flush(?:ed)?|purg(?:e|ed)|reboot(?:ed)?|fix(?:ed)?|patch(?:ed)?|appl(?:y|ied)|disabl(?:e|ed)|enabl(?:e|ed)|silenc(?:e|ed)|mut(?:e|ed)|ran|run|execut(?:e|ed)|mitigat(?:e|ed)|resolv(?:e|ed))\b/i,
  /\b(?:has|have)\s+been\s+(?:restarted|rolled\s*back|reverted|redeployed|fixed|resolved|mitigated|patched|scaled)\b/i,
  /\brun\s+(?:this|these|the\s+following)(?:\s+commands?)?\s+to\s+(?:fix|resolve|mitigate|restore|recover|remediate)\b/i,
  /\bto\s+(?:fix|resolve|mitigate|remediate)\s+(?:it|this|the\s+issue)\s*,?\s*run\b/i,
  /\b(?:kubectl\s+(?:rollout|delete|scale|drain|cordon|apply|edit|patch)|helm\s+(?:rollback|upgrade|uninstall)|systemctl\s+(?:restart|stop)|sudo\s+\S)/i,
];

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

const isQuestion = (s: string): boolean => /\?["'”’)\]]*$/.test(s.trim());

function matches(text: string, re: RegExp): string[] {
  return [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].map((m) => m[0]);
}

function urlsIn(text: string): string[] {
  return matches(text, URL_RE).map((u) => u.replace(/[.,;:!?]+$/, ''));
}

function codeIn(text: string): string[] {
  return [FENCE_RE, INLINE_CODE_RE, ...QUERY_RES].flatMap((re) => matches(text, re));
}

const show = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 59)}…` : s);

/**
 * Why a model's rewrite of one draft may not be used, or null when it may.
 * `sent` is the draft text as the model saw it (redacted); additions are judged against it.
 */
export function gateRewrite(draft: TurnDraft, sent: string, out: string): string | null {
  const text = out.trim();
  if (!text) return 'model text rejected: empty';
  if (text.length > MAX_PHRASED_CHARS) return `model text rejected: ${text.length} characters, over ${MAX_PHRASED_CHARS}`;
  if (text.includes(REDACTED) || text.includes(EMAIL)) return 'model text rejected: it would show a redacted placeholder';
  const mustAsk = isQuestion(draft.text) || draft.type === 'clarify';
  if (mustAsk && !isQuestion(text)) return 'model text rejected: it turned a question into a statement';
  const original = squash(sent);
  const sentUrls = new Set(urlsIn(sent).map(squash));
  for (const url of urlsIn(text)) {
    if (draft.type === 'clarify') return `model text rejected: a clarifying question may not carry a link (${show(url)})`;
    if (!sentUrls.has(squash(url))) return `model text rejected: it added a URL not in the turn (${show(url)})`;
  }
  for (const code of codeIn(text)) {
    if (draft.type === 'clarify') return `model text rejected: a clarifying question may not carry a query (${show(code)})`;
    if (!original.includes(squash(code.replace(/^`+|`+$/g, '')))) return `model text rejected: it added code or a query not in the turn (${show(code)})`;
  }
  for (const re of REMEDIATION_RES) {
    const claim = text.match(re)?.[0];
    if (claim && !original.includes(squash(claim))) return `model text rejected: it claims or pushes a remediation (${show(claim)})`;
  }
  return null;
}
