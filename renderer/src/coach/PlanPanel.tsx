// The person's plan, a first-class thing (G1): stated in their words, split into steps that tick off,
// edited by restating it. Until there is one, the coach waits for it before suggesting where to look.
import { useState } from 'react';
import type { Plan } from '../api/index.ts';
import type { StepState } from '../../../coach/types.ts';
import { useAsync } from '../common/index.ts';
import { useSession } from '../shell/session.ts';
import type { IncidentState } from '../incident/index.ts';

interface Props {
  incidentId: number;
  plan: Plan | null;
  state: IncidentState;
}

export function PlanPanel({ incidentId, plan, state }: Props) {
  const { client } = useSession();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const save = useAsync(async (text: string) => {
    state.apply(await client.plan(incidentId, text));
    setEditing(false);
  });
  const mark = useAsync(async (n: number, s: StepState) => {
    // The box ticks at once; the server's answer confirms it, and a refusal puts the truth back.
    state.patch((v) => (v.plan ? { ...v, plan: { ...v.plan, steps: v.plan.steps.map((st) => (st.n === n ? { ...st, state: s } : st)) } } : v));
    try {
      state.apply(await client.setStep(incidentId, n, s));
    } catch (e) {
      state.reload();
      throw e;
    }
  });

  if (!plan || editing) {
    return (
      <section className="plan editing" aria-labelledby="plan-h">
        <h2 id="plan-h">{plan ? 'Edit your plan' : 'Your plan'}</h2>
        {!plan && <p className="hint">What is your hypothesis, and how will you check it? One step per line.</p>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) void save.run(draft.trim());
          }}
        >
          <label htmlFor="plan-text" className="visually-hidden">Plan</label>
          <textarea id="plan-text" rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={'1. confirm the error rate per endpoint\n2. compare with the last deploy'} />
          <div className="row">
            <button type="submit" className="primary" disabled={save.busy || !draft.trim()}>Save plan</button>
            {plan && <button type="button" onClick={() => setEditing(false)}>Cancel</button>}
          </div>
        </form>
        {save.error && <p role="alert" className="error">{save.error}</p>}
      </section>
    );
  }

  const done = plan.steps.filter((s) => s.state === 'done').length;
  return (
    <details className="plan" open>
      <summary>
        <span id="plan-h">Plan</span> <span className="count">{done} of {plan.steps.length} done · {plan.author}</span>
      </summary>
      <ol className="plan-steps" aria-labelledby="plan-h">
        {plan.steps.map((s) => (
          <li key={s.n} className={`step ${s.state}`}>
            <label>
              <input
                type="checkbox"
                checked={s.state === 'done'}
                disabled={mark.busy || s.state === 'dropped'}
                onChange={(e) => void mark.run(s.n, e.target.checked ? 'done' : 'open')}
              />
              <span>{s.text}</span>
            </label>
            <button type="button" className="link" disabled={mark.busy} onClick={() => void mark.run(s.n, s.state === 'dropped' ? 'open' : 'dropped')} aria-label={`${s.state === 'dropped' ? 'Restore' : 'Drop'} step ${s.n}`}>
              {s.state === 'dropped' ? 'Restore' : 'Drop'}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="link"
        onClick={() => {
          setDraft(plan.text);
          setEditing(true);
        }}
      >
        Edit plan
      </button>
      {mark.error && <p role="alert" className="error">{mark.error}</p>}
    </details>
  );
}
