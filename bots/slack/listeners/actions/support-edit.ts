// Edit on a support answer: a form with both tiers of the current version; saving makes the next version.
import type { SlackDeps } from '../../deps.ts';
import { openReviewForm } from '../../support/review-form.ts';
import { editModal } from '../../views/support-modals.ts';

export const supportEdit = (deps: SlackDeps) => openReviewForm(deps, 'support edit', editModal);
