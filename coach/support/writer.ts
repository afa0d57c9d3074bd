// Who writes the words of a support answer: the offline engine (templates over the incident's facts) or a
// model agent (coach/llm/support-agent.ts). Either way the workflow checks the result the same way: it is
// grounded in IncidentFacts, customer-safe, and a guess until a responder approves a version.
import type { SupportFact, Tiers } from './types.ts';

/** Everything a writer may state. Nothing outside these facts may appear in a draft. */
export interface IncidentFacts {
  key: string;
  title: string;
  service: string | null;
  severity: string;
  status: 'open' | 'acknowledged' | 'mitigated' | 'resolved';
  openedAt: string;
  resolvedAt: string | null;
  /** Customer-facing per the workspace's OWNERS (`customer-facing`). */
  customerFacing: boolean;
  /** When the first alert started, if one fired. */
  alertStartedAt: string | null;
  /** Readable timeline lines ("10:02 status acknowledged by alice"), oldest first, already redacted. */
  timeline: string[];
  /** Answers responders already approved for this incident, newest first. */
  published: { question: string; tiers: Tiers; publishedAt: string }[];
  /** The team glossary (workspace glossary.yml): jargon → plain words. */
  glossary: Record<string, string>;
  /** Now, for "as of" lines. */
  now: string;
}

export interface DraftInput {
  question: string;
  facts: IncidentFacts;
}

export interface RewriteInput {
  question: string;
  /** A responder's own words, jargon and all. */
  reply: string;
  responder: string;
  facts: IncidentFacts;
}

export interface WriterResult {
  /** Phase one only: the internal note to support (for a rewrite, left empty). */
  support: string;
  tiers: Tiers;
  missing: SupportFact[];
  /** Questions back to the responder about the missing facts. */
  asks: string[];
  /** "offline" or the model's name. */
  engine: string;
  /** Set when a model was configured but the offline engine answered, with a short why. */
  fallback: string | null;
}

export interface SupportWriter {
  readonly engine: string;
  draft(input: DraftInput): Promise<WriterResult>;
  rewrite(input: RewriteInput): Promise<WriterResult>;
}
