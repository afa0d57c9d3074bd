// The support workflow's live changes, in Slack: one message per batch in the incident's channel (the
// responders are interrupted once), kept current with chat.update as answers change or are published,
// and a notice to the asker when an answer is approved. Slack calls run one at a time, in order, so an
// older rendering never lands after a newer one; each renders the questions as the store has them then.
import type { webApi } from '@slack/bolt';
import type { Directory } from '../../../coach/people/index.ts';
import type { Store } from '../../../coach/store/index.ts';
import type { SupportChange, SupportQuestion, SupportService } from '../../../coach/support/index.ts';
import { postBlocks } from '../post.ts';
import { batchBlocks, batchFallback, publishedBlocks, publishedFallback, QUESTIONS_PER_MESSAGE } from '../views/support.ts';
import { askerSlackId, personLabel } from './principal.ts';

export interface SupportRelay {
  /** The batch message a question is in, once it was posted. */
  messageOf(questionId: number): { channel: string; ts: string } | null;
  /** Resolves when every Slack call queued so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

interface BatchMessage { channel: string; ts: string; questionIds: number[]; part: { index: number; of: number }; incidentKey?: string | null }

export function relaySupport(opts: {
  support: SupportService;
  client: webApi.WebClient;
  store: Store;
  directory: Directory;
  log: (line: string) => void;
  /** Where batches of incidents with no channel of their own go (MENTAT_SLACK_CHANNEL), if anywhere. */
  fallbackChannel?: string | null;
}): SupportRelay {
  const { support, client, log } = opts;
  const label = (person: string): string => personLabel(opts, person);
  const byQuestion = new Map<number, BatchMessage>();
  let chain: Promise<void> = Promise.resolve();
  const queue = (what: string, work: () => Promise<void>): void => {
    chain = chain.then(work).catch((e: unknown) => log(`slack: support ${what} failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  const current = (id: number, fallback?: SupportQuestion): SupportQuestion | null => {
    try {
      return support.get(id);
    } catch {
      return fallback ?? null;
    }
  };

  const postBatch = async (c: Extract<SupportChange, { type: 'support_batch' }>): Promise<void> => {
    let channel: string | null;
    try {
      channel = opts.store.incidents.get(c.incidentId).channel;
    } catch {
      channel = null;
    }
    const elsewhere = !channel;
    channel ??= opts.fallbackChannel ?? null;
    const incidentKey = elsewhere ? `INC-${c.incidentId}` : null;
    if (!channel) {
      log(`slack: support batch ${c.batch.id} of incident ${c.incidentId} has no Slack channel to go to; responders see it in the app`);
      return;
    }
    const ids = c.questions.map((q) => q.id);
    const parts: number[][] = [];
    for (let i = 0; i < ids.length; i += QUESTIONS_PER_MESSAGE) parts.push(ids.slice(i, i + QUESTIONS_PER_MESSAGE));
    for (const [i, questionIds] of parts.entries()) {
      const part = { index: i + 1, of: parts.length };
      const qs = questionIds.flatMap((id) => current(id, c.questions.find((q) => q.id === id)) ?? []);
      const ts = await postBlocks(client, { channel, threadTs: null }, batchBlocks(qs, label, part, incidentKey), batchFallback(qs));
      if (!ts) continue;
      const msg: BatchMessage = { channel, ts, questionIds, part, incidentKey };
      for (const id of questionIds) {
        byQuestion.set(id, msg);
        // Kept in the store too, so after a restart the message is still updated when an answer changes.
        opts.store.support.setNotice(id, 'slack', { ...msg });
      }
    }
  };

  const messageFor = (id: number): BatchMessage | null => {
    const known = byQuestion.get(id);
    if (known) return known;
    const stored = opts.store.support.notice(id, 'slack') as Partial<BatchMessage> | null;
    if (!stored || typeof stored.channel !== 'string' || typeof stored.ts !== 'string' || !Array.isArray(stored.questionIds) || !stored.part) return null;
    const msg: BatchMessage = { channel: stored.channel, ts: stored.ts, questionIds: stored.questionIds.filter((x): x is number => typeof x === 'number'), part: stored.part,
      incidentKey: typeof stored.incidentKey === 'string' ? stored.incidentKey : null };
    byQuestion.set(id, msg);
    return msg;
  };

  const refresh = async (msg: BatchMessage): Promise<void> => {
    const qs = msg.questionIds.flatMap((id) => current(id) ?? []);
    if (!qs.length) return;
    await client.chat.update({ channel: msg.channel, ts: msg.ts, blocks: batchBlocks(qs, label, msg.part, msg.incidentKey ?? null), text: batchFallback(qs) });
  };

  const notifyAsker = async (q: SupportQuestion): Promise<void> => {
    const blocks = publishedBlocks(q, label);
    const text = publishedFallback(q);
    if (q.origin.via === 'slack' && q.origin.channel && q.origin.ts) {
      await postBlocks(client, { channel: q.origin.channel, threadTs: q.origin.ts }, blocks, text);
    }
    const user = askerSlackId(opts, q);
    if (!user) return;
    const im = await client.conversations.open({ users: user });
    const dm = im.channel?.id;
    if (dm) await postBlocks(client, { channel: dm, threadTs: null }, blocks, text);
  };

  const off = support.subscribe((c) => {
    switch (c.type) {
      case 'support_batch':
        queue(`batch ${c.batch.id}`, () => postBatch(c));
        return;
      case 'support_question': {
        // Runs after any batch post queued before it, so a just-posted message is found.
        queue(`update of #${c.question.id}`, async () => {
          const msg = messageFor(c.question.id);
          if (msg) await refresh(msg);
        });
        return;
      }
      case 'support_published':
        queue(`notice of #${c.question.id}`, () => notifyAsker(c.question));
        return;
    }
  });

  return {
    messageOf: (id) => {
      const m = messageFor(id);
      return m ? { channel: m.channel, ts: m.ts } : null;
    },
    idle: () => chain,
    stop: off,
  };
}
