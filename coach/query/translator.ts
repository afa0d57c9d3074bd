// The translator every front end uses (CLI, sidebar, Slack, replay): offline first, the model for what it
// declines, and nothing shown that has not passed validation.
import type { Clock } from '../types.ts';
import type { Catalog, LinkTargets, QueryLanguage, TranslateOptions, TranslateResult, Translator } from './api.ts';
import { explainPromQL } from './explain.ts';
import { queryLinks } from './links.ts';
import { detectLanguage, translateLogQL, translateTraceQL, type LogTraceOptions } from './logs-traces.ts';
import type { ModelTranslatorOptions } from './model-translator.ts';
import { abstention, SHOW_AT } from './confidence.ts';
import { candidateFamilies, translateOffline } from './offline.ts';
import { correctSpelling } from './spelling.ts';
import { validatePromQL } from './validate.ts';

export interface TranslatorDeps {
  catalog: Catalog;
  /** A configured model; absent, the offline engine answers everything. */
  model?: ModelTranslatorOptions | null;
  clock: Clock;
  links?: LinkTargets;
  logs?: LogTraceOptions;
  /** Set when the catalog came from the cache because Prometheus was unreachable ("2 hours"). */
  catalogAge?: string | null;
  /** Offline answers below this confidence are not shown (the model is asked when there is one); default SHOW_AT. */
  minConfidence?: number;
}

const LOG_EXPLAIN: Record<string, string> = {
  '{': 'the log streams of the service (a stream selector)',
  '|=': 'keeps only lines containing the text',
  '|~': 'keeps only lines matching the regular expression (case-insensitive)',
  count_over_time: 'counts the log lines in each window',
  rate: 'log lines per second over the window',
  sum: 'adds the streams up',
};

function logExplanation(query: string): { part: string; says: string }[] {
  const out: { part: string; says: string }[] = [];
  const sel = /\{[^}]*\}/.exec(query)?.[0];
  if (sel) out.push({ part: sel, says: `${LOG_EXPLAIN['{'] ?? ''}.` });
  for (const m of query.matchAll(/(\|=|\|~)\s*("(?:[^"\\]|\\.)*")/g)) out.push({ part: m[0], says: `${LOG_EXPLAIN[m[1] ?? ''] ?? ''}.` });
  for (const fn of ['count_over_time', 'rate', 'sum']) if (query.includes(`${fn}(`) || query.startsWith(`${fn} by`)) out.push({ part: fn, says: `${LOG_EXPLAIN[fn] ?? ''}.` });
  return out;
}

function traceExplanation(query: string): { part: string; says: string }[] {
  return query.replace(/^\{\s*|\s*\}$/g, '').split(' && ').map((c) => ({
    part: c,
    says: c.startsWith('resource.service.name') ? 'spans of this service.'
      : c.startsWith('duration') ? 'spans that took longer than this.'
        : c.startsWith('status') ? 'spans marked as errors.'
          : c.startsWith('span.http.status_code') ? 'spans with this HTTP status.' : 'spans with this attribute.',
  }));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function createTranslator(deps: TranslatorDeps): Translator {
  const targets = deps.links ?? {};
  const base = (language: QueryLanguage): Pick<TranslateResult, 'language' | 'links' | 'explanation'> & { catalogAge?: string } =>
    ({ language, links: {}, explanation: [], ...(deps.catalogAge ? { catalogAge: deps.catalogAge } : {}) });
  const shown = (language: QueryLanguage, query: string, engine: string, opts: TranslateOptions): TranslateResult => ({
    ...base(language),
    query,
    valid: true,
    engine,
    explanation: language === 'promql' ? explainPromQL(query, deps.catalog) : language === 'logql' ? logExplanation(query) : traceExplanation(query),
    links: queryLinks(targets, language, query, { now: opts.now, alertStart: opts.alertStart ?? null }),
  });

  return {
    async translate(question, opts) {
      const language = opts.language ?? detectLanguage(question);
      if (language !== 'promql') {
        const g = language === 'logql' ? translateLogQL(question, { ...deps.logs, service: opts.service ?? deps.logs?.service ?? null })
          : translateTraceQL(question, { ...deps.logs, service: opts.service ?? null });
        return g.ok ? shown(language, g.query, 'offline', opts) : { ...base(language), query: null, valid: false, engine: 'offline', reason: g.reason };
      }
      // Typos are corrected towards the catalog's words first, and the answer says what was read differently.
      const spelled = correctSpelling(question, deps.catalog);
      const read = spelled.corrections.length === 0 ? '' :
        `Read ${spelled.corrections.map((c) => `"${c.from}" as "${c.to}"`).join(', ')}. `;
      const said = (r: TranslateResult): TranslateResult =>
        read ? { ...r, explanation: [{ part: '(your question)', says: read.trim() }, ...r.explanation] } : r;
      question = spelled.text;
      const offline = translateOffline(deps.catalog, question, { service: opts.service ?? null });
      let reason = offline.ok ? '' : offline.reason;
      let candidates = offline.ok ? [] : offline.candidates ?? [];
      if (offline.ok) {
        const check = validatePromQL(offline.query, deps.catalog);
        if (check.ok && offline.confidence >= (deps.minConfidence ?? SHOW_AT)) {
          return said({ ...shown('promql', offline.query, 'offline', opts), confidence: round(offline.confidence) });
        }
        reason = check.ok ? abstention(offline.evidence) : `The query I built failed validation: ${check.errors.join('; ')}.`;
        // Not shown as an answer, but offered among candidates the person can pick from (each valid).
        candidates = offline.alternatives();
      }
      let fallback: string | undefined;
      if (deps.model) {
        // Loaded only when needed: the model stack is heavy and most answers never reach it.
        const { modelTranslate } = await import('./model-translator.ts');
        const m = await modelTranslate(deps.model, deps.catalog, question, candidateFamilies(deps.catalog, question));
        if (m.ok) return said(shown('promql', m.query, m.engine, opts));
        if (m.declined) reason = m.reason;
        else fallback = m.reason;
      }
      const closest = offline.ok ? candidateFamilies(deps.catalog, question, 3).map((f) => f.name) : offline.closest;
      const offered = candidates.filter((c) => validatePromQL(c, deps.catalog).ok).map((c) => ({ query: c, explanation: explainPromQL(c, deps.catalog) }));
      return {
        ...base('promql'), query: null, valid: false, engine: 'offline', reason: `${read}${reason}`,
        ...(closest.length > 0 ? { closest } : {}), ...(offered.length > 0 ? { candidates: offered } : {}), ...(fallback ? { fallback } : {}),
      };
    },
  };
}
