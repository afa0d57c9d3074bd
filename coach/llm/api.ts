// The contract between the policy's decisions and whatever phrases them (a model or the offline engine).
import type { TurnDraft } from '../types.ts';

export interface PhraseContext {
  incidentTitle: string;
  service: string | null;
  /** Recent human messages and events, as untrusted data (already redacted by the phraser before it leaves). */
  recent: string[];
  /** The message being answered, if any. */
  message?: string | null;
}

export interface Phrased {
  text: string;
  /** "offline" or the model's name. */
  engine: string;
  /** Set when a model is configured but the offline text was used: timeout, error, invalid output. */
  fallback: string | null;
}

/**
 * Phrases decided turns. It may reword a turn; it may never add, drop or reorder turns, change their
 * type, or turn a question into an answer. One result per draft, same order.
 */
export interface Phraser {
  readonly engine: string;
  phrase(drafts: TurnDraft[], ctx: PhraseContext): Promise<Phrased[]>;
}

/** The offline engine: the policy's own text, as is. */
export const offlinePhraser: Phraser = {
  engine: 'offline',
  async phrase(drafts) {
    return drafts.map((d) => ({ text: d.text, engine: 'offline', fallback: null }));
  },
};
