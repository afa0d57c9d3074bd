import { describe, expect, it } from 'vitest';
import { gateRewrite } from '../../coach/llm/index.ts';
import type { TurnDraft } from '../../coach/types.ts';

const query: TurnDraft = {
  phase: 'demonstrate',
  type: 'query',
  rule: 'D1',
  text: 'Error ratio for checkout: `sum(rate(http_requests_total{service="checkout",code=~"5.."}[5m]))` (open: http://prom:9090/graph?g0.expr=x)',
};
const ask: TurnDraft = { phase: 'explain', type: 'missing_step', rule: 'E2', text: 'Has anyone posted on the status page yet?' };

describe('gateRewrite', () => {
  it('accepts a rewrite that keeps the draft’s own query and link', () => {
    const out = 'For checkout errors, try `sum(rate(http_requests_total{service="checkout",code=~"5.."}[5m]))` — open it at http://prom:9090/graph?g0.expr=x.';
    expect(gateRewrite(query, query.text, out)).toBeNull();
  });

  it('rejects a changed query', () => {
    const out = 'Try `sum(rate(http_requests_total{code=~"5.."}[1h]))`.';
    expect(gateRewrite(query, query.text, out)).toMatch(/added code or a query/);
  });

  it('rejects a fenced code block the draft did not have', () => {
    expect(gateRewrite(ask, ask.text, 'Has anyone posted on the status page yet?\n```\ncurl -X POST status\n```\nOr should they?')).toMatch(/added code/);
  });

  it.each([
    'I restarted the pods; has anyone posted on the status page yet?',
    "We've rolled back checkout. Has anyone posted on the status page?",
    'The deploy has been reverted. Has anyone updated the status page?',
    'Run this to fix it: has anyone posted on the status page?',
    'Has anyone posted on the status page? If not, kubectl rollout undo deploy/checkout?',
    'Let me restart checkout; has anyone posted on the status page?',
  ])('rejects a remediation claim or push: %s', (out) => {
    expect(gateRewrite(ask, ask.text, out)).toMatch(/remediation/);
  });

  it('allows remediation words the draft itself used, as a question', () => {
    const draft: TurnDraft = { phase: 'explain', type: 'missing_step', rule: 'E2', text: 'A deploy went out 12 minutes before the alert. Can you roll it back?' };
    expect(gateRewrite(draft, draft.text, 'Checkout shipped 12 minutes before the alert fired. Could you roll it back?')).toBeNull();
  });

  it('treats a question with a closing quote or bracket as a question', () => {
    expect(gateRewrite(ask, ask.text, 'Has anyone posted on the status page (the public one?)')).toBeNull();
  });

  it('rejects placeholders that would reach a person', () => {
    expect(gateRewrite(ask, ask.text, 'Has [EMAIL] posted on the status page?')).toMatch(/placeholder/);
  });

  it('does not mistake prose for a query', () => {
    const draft: TurnDraft = { phase: 'guide', type: 'cross_check', rule: 'G5', text: 'You said errors started at 10:05, the alert fired at 10:02. Which one is right?' };
    expect(gateRewrite(draft, draft.text, 'The error rate (5xx) started at 10:02 per the alert, but you said 10:05. Which is right?')).toBeNull();
  });
});
