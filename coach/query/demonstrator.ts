// The Demonstrate capability the coach calls when a person asks a question after a plan exists:
// where (D2), how (D3), team memory (D5) above a fresh validated query (D1), or a reasoned decline.
import type { Store } from '../store/index.ts';
import type { LinkEntry, TurnDraft } from '../types.ts';
import type { Catalog, DemonstrateContext, Demonstrator, LinkTargets, QueryCard, Translator } from './api.ts';
import { howTo } from './how-to.ts';
import { explainPromQL } from './explain.ts';
import { queryLinks } from './links.ts';
import { Memory } from '../learning/memory/index.ts';
import { recall } from './memory.ts';
import { taughtAnswer } from './taught.ts';
import { normalizeQuery } from '../learning/enhance/query-key.ts';
import { WORKSPACE_SOURCE } from './workspace-catalog.ts';
import { listRecordings, type Recording } from './recordings.ts';
import { findLinks, isWhereQuestion } from './where.ts';

export interface DemonstratorDeps {
  translator: Translator;
  store: Store;
  links: LinkEntry[];
  /** Demonstrations shipped with the workspace, besides those recorded in the store. */
  demos?: Recording[];
  grafana?: LinkTargets['grafana'];
  prometheusUrl?: string | null;
  /** The current catalog, to check that a remembered query still fits it. */
  catalog?: () => Catalog | null;
}

const HOW = /^\s*how\s+(do|can|would|should|to)\b|\bhow to\b|\bsteps to\b|\bshow me how\b/i;
const METRIC_HOW = /^\s*how\s+(many|much|long|busy|often|fast|slow|big)\b/i;

export function createDemonstrator(deps: DemonstratorDeps): Demonstrator {
  const targets: LinkTargets = { prometheusUrl: deps.prometheusUrl ?? null, grafana: deps.grafana ?? null };
  const memory = new Memory(deps.store);

  function where(question: string, ctx: DemonstrateContext): TurnDraft[] {
    const found = findLinks(question, deps.links, ctx.service);
    const best = found[0];
    if (!best) {
      return [{ phase: 'demonstrate', type: 'decline', rule: 'D2', text: "The team's link catalog has no page for that. Which dashboard or runbook do you use for it? Adding it to links.yml makes it findable next time.", fields: { reason: 'no catalog entry' } }];
    }
    return [{
      phase: 'demonstrate', type: 'link', rule: 'D2', text: `${best.title}: ${best.url}`,
      fields: { url: best.url, title: best.title, kind: best.kind, others: found.slice(1).map((l) => ({ title: l.title, url: l.url, kind: l.kind })) },
    }];
  }

  function how(question: string): TurnDraft[] {
    const h = howTo(question, [...listRecordings(deps.store), ...(deps.demos ?? [])]);
    if (!h) return [];
    const who = h.source === 'recording' ? ` (recorded by ${h.by ?? 'a teammate'})` : '';
    return [{
      phase: 'demonstrate', type: 'steps', rule: 'D3',
      text: `${h.title}${who}:\n${h.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
      fields: { title: h.title, steps: h.steps, source: h.source, ...(h.by ? { by: h.by } : {}) },
    }];
  }

  return {
    async demonstrate(question, ctx) {
      if (isWhereQuestion(question)) return where(question, ctx);
      if (HOW.test(question) && !METRIC_HOW.test(question)) {
        const steps = how(question);
        if (steps.length > 0) return steps;
      }
      const result = await deps.translator.translate(question, { service: ctx.service, alertStart: ctx.alertStart, now: ctx.now });
      const turns: TurnDraft[] = [];
      const catalog = deps.catalog?.() ?? null;
      const metrics = result.query && catalog && result.language === 'promql'
        ? [...new Set((result.query.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []).filter((w) => catalog.familyOfSample(w)))] : [];
      // A query a teammate ran for a similar question comes first, saying whose it is; the fresh translation
      // still follows when it differs, so a correction never silently replaces an answer.
      const taught = result.language === 'promql' ? taughtAnswer(deps.store, question, { catalog }) : null;
      const past = taught ? null : result.language === 'promql' ? recall(deps.store, question, { metrics, catalog, incidentId: ctx.incidentId, now: new Date(ctx.now), memory }) : null;
      if (taught) {
        const card: QueryCard = {
          language: 'promql', text: taught.query, explanation: explainPromQL(taught.query, catalog), question,
          links: queryLinks(targets, 'promql', taught.query, { now: ctx.now, alertStart: ctx.alertStart }),
        };
        turns.push({
          phase: 'demonstrate', type: 'memory', rule: 'D5',
          text: `${taught.attribution[0]?.toUpperCase() ?? ''}${taught.attribution.slice(1)}: ${taught.query}`,
          fields: {
            query: card, by: taught.action.actor, incident: taught.incidentKey, at: taught.action.at, attribution: taught.attribution,
            taught: { question: taught.question, edited: taught.edited, suggested: taught.suggested, similarity: taught.similarity },
          },
        });
      }
      if (past) {
        const where = past.incidentKey && past.action.incidentId !== ctx.incidentId ? `Last time (${past.incidentKey})` : 'Earlier in this incident';
        const card: QueryCard = {
          language: 'promql', text: past.query, explanation: explainPromQL(past.query, catalog), question,
          links: queryLinks(targets, 'promql', past.query, { now: ctx.now, alertStart: ctx.alertStart }),
        };
        turns.push({
          phase: 'demonstrate', type: 'memory', rule: 'D5',
          text: `${where} ${past.action.actor} ran: ${past.query}`,
          fields: { query: card, by: past.action.actor, incident: past.incidentKey, at: past.action.at, attribution: `ran by ${past.action.actor}${past.incidentKey ? ` in ${past.incidentKey}` : ''}`,
            memory: { attribution: past.attribution, score: Math.round(past.hit.score * 100) / 100, reuse: past.hit.reuse } },
        });
      }
      const fromList = result.language === 'promql' && catalog?.source === WORKSPACE_SOURCE;
      // The same query however it was spaced or its matchers ordered: the person's, attributed, is enough.
      const same = (a: string | undefined): boolean => a !== undefined && result.query !== null && normalizeQuery(a) === normalizeQuery(result.query);
      if (result.query !== null && result.valid && !same(past?.query) && !same(taught?.query)) {
        const card: QueryCard = { language: result.language, text: result.query, explanation: result.explanation, links: result.links, question };
        turns.push({
          phase: 'demonstrate', type: 'query', rule: 'D1',
          text: (taught
            ? `My own reading of the question gives a different query; compare before you run either: ${result.query}`
            : `Here is a ${result.language === 'promql' ? 'PromQL' : result.language === 'logql' ? 'LogQL' : 'TraceQL'} query for that. Run it when you are ready: ${result.query}`)
            + (fromList ? " (Read against the workspace's metrics.yml: no Prometheus is configured to check it against.)" : ''),
          fields: { query: card, engine: result.engine, ...(result.catalogAge ? { catalogAge: result.catalogAge } : {}), ...(fromList ? { catalog: WORKSPACE_SOURCE } : {}) },
        });
      } else if (turns.length === 0) {
        const candidates = result.candidates ?? [];
        const closest = candidates.length > 0
          ? ` If one of these is what you mean, run it and it is remembered for this question:\n${candidates.map((c, i) => `${i + 1}. ${c.query}`).join('\n')}`
          : result.closest?.length ? ` Closest metrics: ${result.closest.join(', ')}.` : '';
        const cards: QueryCard[] = candidates.map((c) => ({
          language: 'promql', text: c.query, explanation: c.explanation, question,
          links: queryLinks(targets, 'promql', c.query, { now: ctx.now, alertStart: ctx.alertStart }),
        }));
        turns.push({
          phase: 'demonstrate', type: 'decline', rule: 'D1', text: `I will not guess a query: ${result.reason ?? 'the question did not translate.'}${closest}`,
          fields: { reason: result.reason ?? null, closest: result.closest ?? [], language: result.language, ...(cards.length > 0 ? { candidates: cards } : {}) },
        });
      }
      return turns;
    },
  };
}
