// A question's state as a small badge; the colour only repeats what the word says.
import type { SupportQuestion } from '../api/index.ts';
import { STATE_LABEL } from './states.ts';

export function StateBadge({ state }: { state: SupportQuestion['state'] }) {
  return <span className={`state-badge state-${state}`}>{STATE_LABEL[state]}</span>;
}
