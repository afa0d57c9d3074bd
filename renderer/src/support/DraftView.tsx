// Phase one: the AI's guess for support, shown at once and labelled so nobody forwards it to a customer.
import type { SupportQuestion } from '../api/index.ts';

export function DraftView({ question }: { question: SupportQuestion }) {
  const { draft } = question;
  return (
    <section className="sq-draft" aria-label="AI draft for support">
      <p className="sq-draft-head">
        <span className="ai-badge">AI's guess — not for customers</span>
        <span className="sq-engine">{draft.engine}{draft.fallback ? ` (model not used: ${draft.fallback})` : ''}</span>
      </p>
      <p className="sq-label">{draft.label}</p>
      <p className="sq-text">{draft.text}</p>
    </section>
  );
}
