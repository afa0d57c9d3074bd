// Which incident a channel is working: the one linked to it, or a message saying how to link one.
import { CodedError, type Incident } from '../../../coach/types.ts';
import type { SlackDeps } from '../deps.ts';

export const NOT_LINKED_TEXT = 'This channel is not linked to an incident. Run `/mentat incident open <title>` here, or `/mentat incident link INC-42`.';

export function incidentFor(deps: Pick<SlackDeps, 'store'>, channel: string): Incident {
  const found = deps.store.incidents.findByChannel(channel);
  if (!found) throw new CodedError('slack_channel_not_linked', NOT_LINKED_TEXT, 404);
  return found;
}
