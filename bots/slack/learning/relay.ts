// A published learning note, in Slack: one post in the incident's channel (or the announce channel,
// naming the incident, when it has none) with the summary and the retrieval-practice questions, answers
// held back. Posts run one at a time, in order.
import type { webApi } from '@slack/bolt';
import type { Directory } from '../../../coach/people/index.ts';
import type { Store } from '../../../coach/store/index.ts';
import type { SlackLearningChange, SlackLearningNotes } from '../deps.ts';
import { postBlocks } from '../post.ts';
import { personLabel } from '../support/principal.ts';
import { publishedNoteBlocks, publishedNoteFallback } from '../views/learning.ts';

export interface LearningRelay {
  /** Resolves when every Slack call queued so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

export function relayLearning(opts: {
  learning: SlackLearningNotes;
  client: webApi.WebClient;
  store: Store;
  directory: Directory;
  incidentUrl: (id: number) => string | null;
  log: (line: string) => void;
  fallbackChannel?: string | null;
}): LearningRelay {
  let chain: Promise<void> = Promise.resolve();
  // One post per published version, also if the core tells of it twice.
  const posted = new Set<string>();

  const post = async (c: SlackLearningChange): Promise<void> => {
    const note = c.note;
    if (!note) return;
    const key = `${note.id}:${note.version}`;
    if (posted.has(key)) return;
    posted.add(key);
    const incident = opts.store.incidents.get(note.incidentId);
    const channel = incident.channel ?? opts.fallbackChannel ?? null;
    if (!channel) {
      opts.log(`slack: learning note of ${incident.key} has no Slack channel to go to; it is in the app`);
      return;
    }
    const by = note.publishedBy ? personLabel(opts, note.publishedBy) : 'a responder';
    await postBlocks(opts.client, { channel, threadTs: null },
      publishedNoteBlocks(note, incident, by, opts.incidentUrl(incident.id)), publishedNoteFallback(incident, by));
  };

  const off = opts.learning.subscribe((c) => {
    if (c.type !== 'learning_note' || c.note?.state !== 'published') return;
    chain = chain.then(() => post(c)).catch((e: unknown) => opts.log(`slack: learning note post failed: ${e instanceof Error ? e.message : String(e)}`));
  });
  return { idle: () => chain, stop: off };
}
