// `/mentat notes` and `/mentat notes draft`: the incident's pinned notes and its learning note, shown
// only to the person who asked; a draft is asked of the core as that person (it refuses an active
// incident with 409, said to them in the core's words) and announced in the channel with a link.
import type { Incident } from '../../../coach/types.ts';
import type { SlackDeps } from '../deps.ts';
import type { Invocation } from '../listeners/invocation.ts';
import { postBlocks } from '../post.ts';
import { personLabel, principalOf } from '../support/principal.ts';
import { mrkdwn } from '../views/limits.ts';
import { notesBlocks } from '../views/learning.ts';
import { latestNote, learningOf } from './services.ts';

async function ephemeralBlocks(inv: Invocation, text: string, blocks: ReturnType<typeof notesBlocks>): Promise<void> {
  await inv.client.chat.postEphemeral({
    channel: inv.channel, user: inv.userId, text, blocks, ...(inv.threadTs ? { thread_ts: inv.threadTs } : {}),
  });
}

export async function showNotes(deps: SlackDeps, inv: Invocation, incident: Incident): Promise<void> {
  const pinned = deps.store.notes.list(incident.id).filter((n) => n.pinned);
  const note = await latestNote(deps, incident.id);
  const blocks = notesBlocks({ incident, pinned, note, url: deps.incidentUrl(incident.id), label: (p) => personLabel(deps, p) });
  await ephemeralBlocks(inv, `Notes for ${incident.key}`, blocks);
}

export async function draftNote(deps: SlackDeps, inv: Invocation, incident: Incident): Promise<void> {
  const who = await principalOf(deps, inv.client, inv.userId);
  const note = await learningOf(deps).generate(who, incident.id);
  const url = deps.incidentUrl(incident.id);
  const link = url ? ` <${url}|Review it in Mentat>;` : ' Review it in Mentat;';
  const line = `:memo: <@${inv.userId}> drafted version ${note.version} of the learning note for *${incident.key}* ` +
    `(${note.questions.length} retrieval-practice questions).${link} a responder publishes it.`;
  await postBlocks(inv.client, { channel: inv.channel, threadTs: inv.threadTs }, [mrkdwn(line)], `Learning note draft for ${incident.key}`);
  const pinned = deps.store.notes.list(incident.id).filter((n) => n.pinned);
  await ephemeralBlocks(inv, `Learning note draft for ${incident.key}`,
    notesBlocks({ incident, pinned, note, url, label: (p) => personLabel(deps, p) }));
}
