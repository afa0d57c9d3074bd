// "Answer in my own words": a reply box; the reply is rewritten into both tiers as the next version.
import type { SlackDeps } from '../../deps.ts';
import { openReviewForm } from '../../support/review-form.ts';
import { rewriteModal } from '../../views/support-modals.ts';

export const supportOwnWords = (deps: SlackDeps) => openReviewForm(deps, 'support own words', rewriteModal);
