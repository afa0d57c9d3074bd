// What the support buttons and forms share: which question a click names (never more than an id and a
// version), a core error shown to the one person who clicked, and the new version posted in the batch's thread.
import type { BlockAction, webApi } from '@slack/bolt';
import type { SupportQuestion } from '../../../coach/support/index.ts';
import { CodedError } from '../../../coach/types.ts';
import type { SlackDeps } from '../deps.ts';
import { postBlocks } from '../post.ts';
import { versionBlocks } from '../views/support.ts';
import { personLabel, supportOf } from './principal.ts';

export interface Where {
  client: webApi.WebClient;
  userId: string;
  channel: string;
  threadTs: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * Where a button was clicked: `where` answers the clicker next to the button (in the thread when the
 * button is in one), `thread` is the batch's thread, where a new version goes.
 */
export function clickedAt(body: BlockAction, client: webApi.WebClient): { where: Where; thread: string | null } | null {
  // bolt types `container` and `message` loosely; only strings are taken from them.
  const container = (body.container ?? {}) as Record<string, unknown>;
  const message = (body.message ?? {}) as Record<string, unknown>;
  const channel = body.channel?.id ?? str(container.channel_id);
  if (!channel) return null;
  const ts = str(message.ts) ?? str(container.message_ts);
  const parent = str(message.thread_ts) ?? str(container.thread_ts);
  const inThread = parent && parent !== ts ? parent : null;
  return { where: { client, userId: body.user.id, channel, threadTs: inThread }, thread: inThread ?? ts };
}

export const isCoded = (e: unknown): e is CodedError => e instanceof CodedError || (e instanceof Error && e.name === 'CodedError');

export async function tell(w: Where, text: string): Promise<void> {
  await w.client.chat.postEphemeral({ channel: w.channel, user: w.userId, text, ...(w.threadTs ? { thread_ts: w.threadTs } : {}) });
}

/** The question a button names, if it can still change; otherwise the clicker is told why not. */
export async function openQuestion(deps: SlackDeps, w: Where, id: number): Promise<SupportQuestion | null> {
  let q: SupportQuestion;
  try {
    q = supportOf(deps).get(id);
  } catch (e) {
    if (isCoded(e) && e.code === 'question_not_found') {
      await tell(w, `Support question #${id} is gone (it may have been removed); there is nothing to approve or change.`);
      return null;
    }
    throw e;
  }
  if (q.state === 'published') {
    await tell(w, `#${q.id} is already published (version ${q.answer?.version ?? q.version}, approved by ${q.answer?.approvedBy ?? 'a responder'}); nothing more to do.`);
    return null;
  }
  if (q.state === 'withdrawn') {
    await tell(w, `#${q.id} was withdrawn; nothing more to do.`);
    return null;
  }
  return q;
}

/** Runs work; a core refusal (403, 409, 422, 400) reaches the clicker in the core's words. */
export async function guarded(deps: SlackDeps, w: Where, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (isCoded(e)) {
      deps.log(`slack: ${what}: ${e.code}: ${e.message}`);
      await tell(w, e.message);
      return;
    }
    deps.log(`slack: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await tell(w, 'Mentat could not do that; the error is in the server log. Try again, or use the Mentat app.');
  }
}

/** A responder's new version, with its own Approve, in the batch's thread (or the channel when unknown). */
export async function postVersion(deps: SlackDeps, w: Where, thread: string | null, q: SupportQuestion): Promise<void> {
  await postBlocks(w.client, { channel: w.channel, threadTs: thread }, versionBlocks(q, (p) => personLabel(deps, p)),
    `Version ${q.candidate.version} of #${q.id}: ${q.candidate.tiers.customer}`);
}
