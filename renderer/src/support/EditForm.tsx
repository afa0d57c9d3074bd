// A responder's direct edit of both tiers: saving makes a new version, which still needs an approval.
import { useState } from 'react';
import type { SupportQuestion } from '../api/index.ts';

interface Props {
  question: SupportQuestion;
  busy: boolean;
  onSave: (tiers: { customer: string; partner: string }) => void;
  onCancel: () => void;
}

export function EditForm({ question, busy, onSave, onCancel }: Props) {
  const [customer, setCustomer] = useState(question.candidate.tiers.customer);
  const [partner, setPartner] = useState(question.candidate.tiers.partner);
  const id = `sq-${question.id}-edit`;
  const ok = customer.trim() && partner.trim();
  return (
    <form className="sq-form" onSubmit={(e) => { e.preventDefault(); if (ok) onSave({ customer: customer.trim(), partner: partner.trim() }); }}>
      <label htmlFor={`${id}-customer`}>Text for customers</label>
      <textarea id={`${id}-customer`} rows={4} value={customer} onChange={(e) => setCustomer(e.target.value)} />
      <label htmlFor={`${id}-partner`}>Text for technical partners</label>
      <textarea id={`${id}-partner`} rows={4} value={partner} onChange={(e) => setPartner(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !ok}>Save as new version</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
