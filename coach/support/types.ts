// The customer-support answer workflow's shapes (DESIGN §3, CONTRACTS §6). Times are ISO-8601 UTC.

export type SupportState = 'asked' | 'ai_draft' | 'dev_review' | 'rewritten' | 'published' | 'withdrawn';

/** Facts a customer answer usually needs; `missing` lists the ones the text cannot state yet. */
export type SupportFact = 'ETA' | 'impact' | 'workaround' | 'data safety' | 'cause';

/** The two audiences a published answer is written for. */
export interface Tiers {
  /** Tier-1 customers: plain language, no internals. */
  customer: string;
  /** Technical partners: more detail, still no internal hosts, addresses, error strings or contacts. */
  partner: string;
}

/** Phase one: the internal guess support sees at once, never for customers. */
export interface SupportDraft {
  text: string;
  label: string;
  engine: string;
  /** Set when a model was configured but the offline engine answered (timeout, invalid output…). */
  fallback: string | null;
}

/** What a responder would approve: one version of both tiers. */
export interface Candidate {
  version: number;
  tiers: Tiers;
  missing: SupportFact[];
  /** Questions back to the responder about the missing facts (own-words rewrites). */
  asks: string[];
  /** "ai", or the person who edited or replied. */
  by: string;
  engine: string;
  fallback: string | null;
  /** What made this version: the AI draft, a direct edit, or a rewrite of a responder's reply. */
  kind: 'draft' | 'edit' | 'rewrite';
  /** The responder's own words, for a rewrite. */
  reply: string | null;
  at: string;
  /** Shown next to it: an offline template says so. */
  notice: string | null;
  /** What in it may not reach a customer (approval is refused while any remains). */
  unsafe: { tier: 'customer' | 'partner'; kind: string; text: string; start: number; end: number }[];
}

export interface PublishedAnswer {
  questionId: number;
  incidentId: number;
  question: string;
  tiers: Tiers;
  version: number;
  approvedBy: string;
  publishedAt: string;
}

export interface AuditEntry {
  at: string;
  by: string;
  /** The state after this transition. */
  state: SupportState;
  /** What happened: ask, draft, review, edit, rewrite, approve, withdraw, refuse. */
  action: string;
  /** The exact text of the transition (the question, the draft, the tiers as JSON, the reply…). */
  text: string;
  version: number | null;
}

export interface SupportQuestion {
  id: number;
  incidentId: number;
  state: SupportState;
  question: string;
  askedBy: string;
  askedAt: string;
  updatedAt: string;
  /** The current candidate's version. */
  version: number;
  draft: SupportDraft;
  candidate: Candidate;
  answer: (Omit<PublishedAnswer, 'questionId' | 'incidentId' | 'question'>) | null;
  /** The batch the responders were (or will be) asked in. */
  batchId: number | null;
  /** Where it was asked from: "api", "slack", "sidebar"… and any transport reference (Slack channel/ts). */
  origin: { via: string; channel?: string | null; ts?: string | null; user?: string | null };
  audit: AuditEntry[];
}

/** Responders are asked once per batch: the questions that arrived within the batch window. */
export interface SupportBatch {
  id: number;
  incidentId: number;
  openedAt: string;
  /** When the window closes and responders are asked. */
  dueAt: string;
  /** Set once the responders were asked. */
  sentAt: string | null;
  questionIds: number[];
}

/** Live changes the support workflow announces (relayed as server-sent events and to Slack). */
export type SupportChange =
  | { type: 'support_question'; incidentId: number; question: SupportQuestion }
  | { type: 'support_batch'; incidentId: number; batch: SupportBatch; questions: SupportQuestion[] }
  | { type: 'support_published'; incidentId: number; question: SupportQuestion };
