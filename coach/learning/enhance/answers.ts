// H5: a person accepts or dismisses a suggestion offered to them; dismissals rank that kind down for them.
import type { Store, Suggestion } from '../../store/index.ts';
import { CodedError, type Clock } from '../../types.ts';

/** Turn types that are suggestions a person answers (H1–H4). */
export const SUGGESTION_KINDS = ['improve', 'shortcut', 'split_view', 'recording_rule', 'alert_refinement', 'instrumentation'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const isSuggestionKind = (t: string): t is SuggestionKind => (SUGGESTION_KINDS as readonly string[]).includes(t);

/** What live views hear when a suggestion is answered. */
export interface SuggestionChange { type: 'suggestion'; incidentId: number; suggestion: Suggestion }

export type KindAnswers = Record<string, { accepted: number; dismissed: number; offered: number }>;

/**
 * A kind is down for a person once they dismissed it `dismissLimit` times, until they accept that kind
 * more often than they dismissed it.
 */
export function ranksDown(answers: KindAnswers, kind: string, dismissLimit: number): boolean {
  const a = answers[kind];
  return a !== undefined && a.dismissed >= dismissLimit && a.accepted <= a.dismissed;
}

/** The shape a turn's fields carry. */
export const suggestionRef = (s: Suggestion): { id: number; kind: string; state: string } => ({ id: s.id, kind: s.kind, state: s.state });

/**
 * Answers suggestion `id` for `person`: 404 when there is none, 403 when it was offered to someone else,
 * 409 when it was already answered. Changes nothing on failure.
 */
export function answerSuggestion(store: Store, a: { id: number; person: string; accept: boolean; at: string }): Suggestion {
  const s = store.suggestions.get(a.id);
  if (!s) throw new CodedError('suggestion_not_found', `There is no suggestion ${a.id}.`, 404);
  if (s.person.toLowerCase() !== a.person.toLowerCase()) {
    throw new CodedError('suggestion_not_yours', `Suggestion ${a.id} was offered to ${s.person}; only they can accept or dismiss it.`, 403);
  }
  if (!store.suggestions.answer(s.id, a.accept ? 'accepted' : 'dismissed', a.at)) {
    throw new CodedError('suggestion_answered', `Suggestion ${a.id} was already ${s.state} at ${s.answeredAt ?? 'an earlier time'}; nothing changed.`, 409);
  }
  return store.suggestions.get(s.id) as Suggestion;
}

export interface SuggestionService {
  answer(a: { id: number; person: string; accept: boolean }): Suggestion;
  subscribe(listener: (c: SuggestionChange) => void): () => void;
}

/** The answering workflow with live changes, as the server hosts it. */
export function createSuggestionService(deps: { store: Store; clock: Clock }): SuggestionService {
  const listeners = new Set<(c: SuggestionChange) => void>();
  return {
    answer(a) {
      const s = answerSuggestion(deps.store, { ...a, at: deps.clock.now().toISOString() });
      for (const l of listeners) l({ type: 'suggestion', incidentId: s.incidentId ?? 0, suggestion: s });
      return s;
    },
    subscribe(l) {
      listeners.add(l);
      return () => { listeners.delete(l); };
    },
  };
}
