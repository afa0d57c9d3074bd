// Customer-support answers in Block Kit (DESIGN §3): the draft support sees at once (a guess, labelled,
// no buttons), the batch message responders get once per batch, a new version in its thread, and the
// notice to the asker. Buttons carry only a question id and the version shown; every text is escaped.
import type { types } from '@slack/bolt';
import type { SupportQuestion } from '../../../coach/support/index.ts';
import { context, escapeText, LIMITS, mrkdwn, truncate, type KnownBlock } from './limits.ts';

export const SUPPORT_ACTIONS = {
  approve: 'mentat_support_approve',
  edit: 'mentat_support_edit',
  ownWords: 'mentat_support_own_words',
} as const;

/** How a person is shown (a mention for Slack people); passed in so views stay free of lookups. */
export type Label = (person: string) => string;

/** Questions in one batch message: 7 blocks each at most, under Slack's 50 with the header. */
export const QUESTIONS_PER_MESSAGE = 7;

/** A button's value: which question and the version on screen. Nothing else is ever read from it. */
export const questionRef = (q: Pick<SupportQuestion, 'id' | 'version'>): string => `${q.id}:${q.version}`;

export function parseQuestionRef(value: unknown): { id: number; version: number } | null {
  const m = typeof value === 'string' ? /^(\d{1,9}):(\d{1,6})$/.exec(value) : null;
  if (!m) return null;
  const id = Number(m[1]);
  const version = Number(m[2]);
  return id > 0 && version > 0 ? { id, version } : null;
}

const quote = (text: string, max = 120): string => `“${escapeText(truncate(text.replace(/\s+/g, ' '), max))}”`;
const time = (iso: string): string => `${iso.slice(11, 16)} UTC`;

/** "X", "Y" and "Z". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function button(text: string, actionId: string, value: string, style?: 'primary'): types.Button {
  return { type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText) }, ...(style ? { style } : {}) };
}

function tierBlocks(q: SupportQuestion): KnownBlock[] {
  const c = q.candidate;
  const blocks: KnownBlock[] = [
    mrkdwn(`*For customers* (version ${c.version}):\n${escapeText(c.tiers.customer)}`),
    context(`*For technical partners:* ${escapeText(c.tiers.partner)}`),
  ];
  if (c.missing.length) blocks.push(context(`:grey_question: *Not known yet:* ${escapeText(c.missing.join(', '))}`));
  if (c.unsafe.length) {
    blocks.push(context(`:no_entry: Cannot go to customers as it is: ${c.unsafe.map((u) => `${u.tier} text has ${u.kind.replace('_', ' ')} “${escapeText(truncate(u.text, 60))}”`).join('; ')}. Edit it out first.`));
  }
  return blocks;
}

/** Phase one, for the asker only: the guess with its label, both tiers, what is not known yet. No buttons. */
export function draftBlocks(q: SupportQuestion): KnownBlock[] {
  const blocks: KnownBlock[] = [
    context(`:warning: *${escapeText(q.draft.label)}*`),
    mrkdwn(`*Draft* for your question #${q.id} ${quote(q.question, 300)}\n${escapeText(q.draft.text)}`),
    ...tierBlocks(q),
  ];
  const notes = [q.candidate.notice, q.draft.fallback ? `The model could not answer (${q.draft.fallback}); this is the offline template.` : null].filter((n): n is string => !!n);
  if (notes.length) blocks.push(context(escapeText(notes.join(' '))));
  blocks.push(context('The dev team gets this in their next batch. When a responder approves an answer, you hear back here and in a DM.'));
  return blocks;
}

export function draftFallback(q: SupportQuestion): string {
  return truncate(`Draft (not for customers) for #${q.id}: ${q.draft.text}`, LIMITS.fallbackText);
}

function questionBlocks(q: SupportQuestion, label: Label): KnownBlock[] {
  const head = mrkdwn(`*#${q.id}* ${quote(q.question, 500)} · asked by ${label(q.askedBy)}`);
  if (q.state === 'published' && q.answer) {
    return [{ type: 'divider' }, head,
      mrkdwn(`:white_check_mark: *Published by ${label(q.answer.approvedBy)}* (version ${q.answer.version}) at ${time(q.answer.publishedAt)}. Nothing more to do.`),
      context(`*Customers were told:* ${escapeText(q.answer.tiers.customer)}`)];
  }
  if (q.state === 'withdrawn') {
    return [{ type: 'divider' }, head, mrkdwn(':no_entry_sign: Withdrawn; nothing more to do.')];
  }
  const ref = questionRef(q);
  return [{ type: 'divider' }, head, ...tierBlocks(q), {
    type: 'actions', block_id: `support_${q.id}`,
    elements: [
      button('Approve', SUPPORT_ACTIONS.approve, ref, 'primary'),
      button('Edit', SUPPORT_ACTIONS.edit, ref),
      button('Answer in my own words', SUPPORT_ACTIONS.ownWords, ref),
    ],
  }];
}

/** One message per batch: what support asked, what they were told, and a way to fix each answer. */
export function batchBlocks(questions: SupportQuestion[], label: Label, part?: { index: number; of: number }, incidentKey?: string | null): KnownBlock[] {
  const asked = listOf(questions.map((q) => quote(q.question, 80)));
  const suffix = part && part.of > 1 ? ` (${part.index}/${part.of})` : '';
  // Outside the incident's own channel the message must say which incident it is about.
  const about = incidentKey ? `*${escapeText(incidentKey)}* ` : '';
  return [
    mrkdwn(`:speech_balloon: ${about}*Support wants to know:* ${asked}. Here is what I told them; is it right?${suffix}`),
    ...questions.flatMap((q) => questionBlocks(q, label)),
  ];
}

export function batchFallback(questions: SupportQuestion[]): string {
  return truncate(`Support wants to know ${questions.length === 1 ? 'one thing' : `${questions.length} things`}: ${questions.map((q) => q.question).join(' / ')}`, LIMITS.fallbackText);
}

/** A responder's new version, in the batch's thread, with its own Approve and the questions back to them. */
export function versionBlocks(q: SupportQuestion, label: Label): KnownBlock[] {
  const c = q.candidate;
  const how = c.kind === 'rewrite' ? 'answered in their own words; I rewrote it for customers' : 'edited it';
  const blocks: KnownBlock[] = [mrkdwn(`${label(c.by)} ${how}: *version ${c.version}* of #${q.id} ${quote(q.question)}`), ...tierBlocks(q)];
  if (c.asks.length) {
    blocks.push(mrkdwn(`${label(c.by)}, before you approve, can you tell me:\n${c.asks.map((a) => `• ${escapeText(a)}`).join('\n')}`));
  }
  if (c.notice) blocks.push(context(escapeText(c.notice)));
  const ref = questionRef(q);
  blocks.push({ type: 'actions', block_id: `support_${q.id}_v${c.version}`, elements: [
    button(`Approve version ${c.version}`, SUPPORT_ACTIONS.approve, ref, 'primary'),
    button('Edit', SUPPORT_ACTIONS.edit, ref),
    button('Answer in my own words', SUPPORT_ACTIONS.ownWords, ref),
  ] });
  return blocks;
}

/** To the asker: the approved text, ready to send. */
export function publishedBlocks(q: SupportQuestion, label: Label): KnownBlock[] {
  const a = q.answer;
  if (!a) return [];
  // In a channel thread others read it too, so it says whose question it was.
  return [
    mrkdwn(`:white_check_mark: ${label(q.askedBy)}, ${label(a.approvedBy)} approved an answer to your question #${q.id} ${quote(q.question)}. You can send it:`),
    mrkdwn(`*For customers:*\n${escapeText(a.tiers.customer)}`),
    context(`*For technical partners:* ${escapeText(a.tiers.partner)}`),
  ];
}

export const publishedFallback = (q: SupportQuestion): string => truncate(`Answer approved for #${q.id}: ${q.answer?.tiers.customer ?? ''}`, LIMITS.fallbackText);
