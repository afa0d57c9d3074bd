// The support forms: ask the dev team (from a message shortcut), edit both tiers, answer in your own
// words. private_metadata says which question and version the form was opened at, and where to answer;
// it is checked with zod on the way back like any other input.
import { z } from 'zod';
import type { types } from '@slack/bolt';
import { MAX_QUESTION, type SupportQuestion } from '../../../coach/support/index.ts';
import { truncate } from './limits.ts';

export const SUPPORT_VIEWS = { ask: 'mentat_support_ask', edit: 'mentat_support_edit', rewrite: 'mentat_support_rewrite' } as const;
export const SUPPORT_BLOCKS = { question: 'support_question', customer: 'support_customer', partner: 'support_partner', reply: 'support_reply' } as const;
/** The one input inside each block. */
export const SUPPORT_INPUT = 'value';

/** Slack's longest plain_text_input. */
const INPUT_MAX = 3_000;
const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,30}$/);
const ts = z.string().regex(/^\d+\.\d+$/);

export const askMetadataSchema = z.object({ channel: channelId, messageTs: ts.nullable(), threadTs: ts.nullable() });
export type AskMetadata = z.infer<typeof askMetadataSchema>;

export const reviewMetadataSchema = z.object({
  questionId: z.number().int().positive(), version: z.number().int().positive(), channel: channelId, threadTs: ts.nullable(),
});
export type ReviewMetadata = z.infer<typeof reviewMetadataSchema>;

function input(blockId: string, label: string, initial: string, opts: { hint?: string; max?: number; placeholder?: string } = {}): types.InputBlock {
  const max = Math.min(opts.max ?? INPUT_MAX, INPUT_MAX);
  return {
    type: 'input', block_id: blockId, label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
    element: {
      type: 'plain_text_input', action_id: SUPPORT_INPUT, multiline: true, max_length: max,
      ...(initial ? { initial_value: initial.slice(0, max) } : {}),
      ...(opts.placeholder ? { placeholder: { type: 'plain_text', text: opts.placeholder } } : {}),
    },
  };
}

const note = (text: string): types.ContextBlock => ({ type: 'context', elements: [{ type: 'plain_text', text: truncate(text, 2000) }] });

/** Prefilled with the message's text: the person decides what is asked. */
export function askModal(meta: AskMetadata, text: string, incidentTitle: string): types.ModalView {
  return {
    type: 'modal', callback_id: SUPPORT_VIEWS.ask, private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Ask the dev team' },
    submit: { type: 'plain_text', text: 'Ask' }, close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      note(incidentTitle),
      input(SUPPORT_BLOCKS.question, 'What does support need to know?', text, {
        max: MAX_QUESTION, hint: 'You get an AI draft at once (not for customers); the responders are asked in their next batch.',
      }),
    ],
  };
}

function changedNote(q: SupportQuestion, shownVersion: number): types.ContextBlock[] {
  return q.version === shownVersion ? [] : [note(`This answer changed since that message: you are working on version ${q.version} (by ${q.candidate.by}).`)];
}

export function editModal(meta: ReviewMetadata, q: SupportQuestion, shownVersion: number): types.ModalView {
  return {
    type: 'modal', callback_id: SUPPORT_VIEWS.edit, private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Edit the answer' },
    submit: { type: 'plain_text', text: 'Save new version' }, close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      note(`#${q.id} “${truncate(q.question, 300)}”`),
      ...changedNote(q, shownVersion),
      input(SUPPORT_BLOCKS.customer, 'For customers (tier 1)', q.candidate.tiers.customer, { hint: 'Plain words. No hostnames, IP addresses, error strings or contact details.' }),
      input(SUPPORT_BLOCKS.partner, 'For technical partners', q.candidate.tiers.partner),
    ],
  };
}

export function rewriteModal(meta: ReviewMetadata, q: SupportQuestion, shownVersion: number): types.ModalView {
  return {
    type: 'modal', callback_id: SUPPORT_VIEWS.rewrite, private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Answer in your words' },
    submit: { type: 'plain_text', text: 'Rewrite it' }, close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      note(`#${q.id} “${truncate(q.question, 300)}”`),
      ...changedNote(q, shownVersion),
      note(`Support was told: ${truncate(q.candidate.tiers.customer, 1500)}`),
      input(SUPPORT_BLOCKS.reply, 'What is really going on?', '', {
        hint: 'Jargon is fine. I rewrite it for customers and partners, strip internals, and ask you about missing facts; you approve the result.',
        placeholder: 'zk borked, sidekiq backed up, mid AZ failover…',
      }),
    ],
  };
}

/** The trimmed value of one input of a submitted form. */
export function valueOf(values: Record<string, Record<string, { value?: string | null }>>, block: string): string {
  return values[block]?.[SUPPORT_INPUT]?.value?.trim() ?? '';
}
