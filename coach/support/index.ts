// Customer-support answers (DESIGN §3): phase one drafts at once, responders approve in batches, nothing
// reaches customers without a responder's approval of that exact, customer-safe version.
export * from './types.ts';
export type { DraftInput, IncidentFacts, RewriteInput, SupportWriter, WriterResult } from './writer.ts';
export { createSupport, DEFAULT_BATCH_WINDOW_MS, DRAFT_LABEL, unsafeOf, type AskInput, type PublishedView, type SupportDeps, type SupportService, type TierSpan } from './workflow.ts';
export { findUnsafe, scrub, type UnsafeKind, type UnsafeSpan } from './customer-safe.ts';
export { offlineSupportWriter, applyGlossary, TEMPLATE_NOTICE } from './offline-writer.ts';
export { incidentFacts } from './facts.ts';
export { MAX_QUESTION, MAX_REPLY, MAX_TIER } from './validate.ts';
export { publishedPayload, signature, startWebhookDeliverer, type WebhookDeliverer, type WebhookOptions } from './webhook.ts';
export { startSupportScheduler, type SupportScheduler } from './scheduler.ts';
