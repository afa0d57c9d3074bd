// The two audiences' texts of one version, with what it still lacks and what may not reach a customer.
import type { SupportQuestion } from '../api/index.ts';

type Candidate = SupportQuestion['candidate'];

export function TierTexts({ candidate, heading }: { candidate: Candidate; heading: string }) {
  const { tiers, missing, unsafe, notice, asks } = candidate;
  return (
    <section className="sq-candidate" aria-label={heading}>
      <h4>{heading}</h4>
      {notice && <p className="hint">{notice}</p>}
      <dl className="tiers">
        <dt>For customers</dt>
        <dd>{tiers.customer}</dd>
        <dt>For technical partners</dt>
        <dd>{tiers.partner}</dd>
      </dl>
      {missing.length > 0 && <p className="sq-missing">Not known yet: {missing.join(', ')}</p>}
      {asks.length > 0 && (
        <div className="sq-asks">
          <p>Questions back to you:</p>
          <ul aria-label="Missing facts to confirm">
            {asks.map((a) => <li key={a}>{a}</li>)}
          </ul>
        </div>
      )}
      {unsafe.length > 0 && (
        <div className="sq-unsafe" role="note" aria-label="Not customer-safe">
          <p>Not customer-safe yet — approval is refused while these remain:</p>
          <ul>
            {unsafe.map((u, i) => <li key={i}><strong>{u.tier === 'customer' ? 'Customers' : 'Partners'}</strong>: {u.kind} <code>{u.text}</code></li>)}
          </ul>
        </div>
      )}
    </section>
  );
}
