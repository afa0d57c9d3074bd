// How a question's state reads on screen (CONTRACTS §6 names; people read these words).
import type { SupportQuestion } from '../api/index.ts';

export const STATE_LABEL: Record<SupportQuestion['state'], string> = {
  asked: 'Asked',
  ai_draft: 'AI draft',
  dev_review: 'Waiting for a developer',
  rewritten: 'Rewritten',
  published: 'Published',
  withdrawn: 'Withdrawn',
};

export const isClosed = (q: SupportQuestion): boolean => q.state === 'published' || q.state === 'withdrawn';
