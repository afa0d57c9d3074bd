// The plan form (G1: the coach waits for the person's plan). private_metadata says where to post it.
import { z } from 'zod';
import type { types } from '@slack/bolt';
import { truncate } from './limits.ts';

export const PLAN_VIEW = 'mentat_plan';
export const PLAN_BLOCK = 'plan';
export const PLAN_INPUT = 'plan_text';

export const planMetadataSchema = z.object({
  incidentId: z.number().int().positive(),
  channel: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/),
  threadTs: z.string().regex(/^\d+\.\d+$/).nullable().default(null),
});
export type PlanMetadata = z.infer<typeof planMetadataSchema>;

export function planModal(meta: PlanMetadata, incidentTitle: string, initial = ''): types.ModalView {
  return {
    type: 'modal',
    callback_id: PLAN_VIEW,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Your plan' },
    submit: { type: 'plain_text', text: 'Save plan' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: truncate(incidentTitle, 150) }] },
      {
        type: 'input',
        block_id: PLAN_BLOCK,
        label: { type: 'plain_text', text: 'What will you check, in order?' },
        hint: { type: 'plain_text', text: 'One step per line. The coach follows your plan; it does not make one for you.' },
        element: {
          type: 'plain_text_input',
          action_id: PLAN_INPUT,
          multiline: true,
          max_length: 3000,
          ...(initial ? { initial_value: truncate(initial, 3000) } : {}),
          placeholder: { type: 'plain_text', text: '1. Check the deploy at 14:02\n2. Compare error rate before and after' },
        },
      },
    ],
  };
}
