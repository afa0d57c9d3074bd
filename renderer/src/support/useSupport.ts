// An incident's support questions and published answers, kept live from the incident's event stream:
// a question's newest copy replaces the older one (by id), newest question first; a reconnect refetches.
import { useCallback, useEffect, useState } from 'react';
import type { Client, PublishedAnswer, SupportChange, SupportQuestion } from '../api/index.ts';
import type { IncidentState } from '../incident/index.ts';

export interface SupportNotice {
  id: string;
  text: string;
}

export interface SupportList {
  questions: SupportQuestion[] | null;
  answers: PublishedAnswer[];
  error: string | null;
  /** What just happened worth saying out loud (published answers, a batch for responders). */
  notices: SupportNotice[];
  /** Folds the server's answer to our own request in. */
  put: (q: SupportQuestion) => void;
  reload: () => void;
}

export function upsertQuestion(list: SupportQuestion[], q: SupportQuestion): SupportQuestion[] {
  const rest = list.filter((x) => x.id !== q.id);
  const old = list.find((x) => x.id === q.id);
  // Events may arrive out of order with our own answers: never go back to an older copy.
  if (old && old.updatedAt > q.updatedAt) return list;
  return [...rest, q].sort((a, b) => b.id - a.id);
}

export interface SupportEvents {
  /** Responders hear about batches; support does not (the batch is about their own questions). */
  responder: boolean;
  onPublished?: (q: SupportQuestion) => void;
  onBatch?: (questions: SupportQuestion[]) => void;
}

export function useSupport(client: Client, incidentId: number, state: Pick<IncidentState, 'onSupport'>, events: SupportEvents): SupportList {
  const [questions, setQuestions] = useState<SupportQuestion[] | null>(null);
  const [answers, setAnswers] = useState<PublishedAnswer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<SupportNotice[]>([]);

  const loadAnswers = useCallback(() => {
    client.supportAnswers(incidentId).then(setAnswers, () => undefined);
  }, [client, incidentId]);
  const reload = useCallback(() => {
    client.supportQuestions(incidentId).then(
      (qs) => {
        setQuestions(qs);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    loadAnswers();
  }, [client, incidentId, loadAnswers]);
  useEffect(reload, [reload]);

  const put = useCallback((q: SupportQuestion) => {
    setQuestions((list) => upsertQuestion(list ?? [], q));
    if (q.state === 'published') loadAnswers();
  }, [loadAnswers]);

  const { onPublished, onBatch, responder } = events;
  const { onSupport } = state;
  useEffect(() => onSupport((c: SupportChange | { type: 'reconnected' }) => {
    if (c.type === 'reconnected') {
      reload();
      return;
    }
    if (c.incidentId !== incidentId) return;
    if (c.type === 'support_batch') {
      for (const q of c.questions) put(q);
      if (!responder) return;
      onBatch?.(c.questions);
      const n = c.questions.length;
      setNotices((ns) => [...ns.slice(-4), { id: `batch-${c.batch.id}`, text: `Support has ${n} question${n === 1 ? '' : 's'} for you.` }]);
      return;
    }
    put(c.question);
    if (c.type === 'support_published') {
      onPublished?.(c.question);
      setNotices((ns) => [...ns.slice(-4), { id: `pub-${c.question.id}`, text: `Answer published: "${c.question.question}"` }]);
    }
  }), [onSupport, incidentId, put, reload, onPublished, onBatch, responder]);

  return { questions, answers, error, notices, put, reload };
}
