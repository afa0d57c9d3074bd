// What the policy says about a question when no Demonstrator answers it: a catalog link if one fits (D2),
// otherwise a plain statement that no query engine is set up, with a question back.
import type { TurnDraft } from '../../types.ts';
import { contentWords } from '../classify.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

export function catalogFallback(s: IncidentState, ctx: PolicyContext, question: string): TurnDraft[] {
  const words = contentWords(question);
  const scored = ctx.workspace.links
    .map((l) => {
      const hay = `${l.title} ${l.kind} ${l.tags.join(' ')} ${l.services.join(' ')}`.toLowerCase();
      const hits = words.filter((w) => hay.includes(w)).length;
      const service = s.incident.service && l.services.includes(s.incident.service) ? 1 : 0;
      return { l, score: hits > 0 ? hits * 2 + service : 0 };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0]?.l;
  if (best) {
    return [{
      phase: 'demonstrate', type: 'link', rule: 'D2', fields: { url: best.url, title: best.title, kind: best.kind },
      text: `${best.title}: ${best.url}`,
    }];
  }
  return [{
    phase: 'demonstrate', type: 'decline', rule: 'D1',
    text: 'I have no query engine or catalog link for that here. Which metric or log would you look at first?',
  }];
}
