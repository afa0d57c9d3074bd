// Enhancement suggestions in the sidebar (H3–H5): a recording rule offered after the same query ran in
// three incidents (its YAML, Accept), an incremental improvement dismissed, a split view accepted and
// closed; the person it was not offered to sees the answer live and no buttons. Accept never runs anything.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { expectNoRemediationButtons } from './ui.ts';

interface Turn { type: string; fields?: { suggestion?: { id: number; state: string } } }
interface Suggestion { id: number; kind: string; state: string }

describe('sidebar: enhancement suggestions', () => {
  let server: MentatServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startMentat({ demo: false });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const incidentWithPlan = async (title: string): Promise<number> => {
    const r = await server.api<{ incident: { id: number } }>('POST', '/api/incidents', { title, service: 'checkout', severity: 'SEV3', from: 'pagerduty' });
    await server.api('POST', `/api/incidents/${r.incident.id}/plan`, { text: '1. look at the error rate', from: 'alice' });
    return r.incident.id;
  };
  const run = (id: number, query: string) =>
    server.api<{ turns: Turn[] }>('POST', `/api/incidents/${id}/actions`, { kind: 'query_run', query, from: 'alice' });

  it('offers a recording rule with its YAML; Accept and Dismiss answer it, live for everyone', async () => {
    const query = 'sum by (code) (rate(prometheus_http_requests_total[5m]))';
    let id = 0;
    let turns: Turn[] = [];
    for (const title of ['Checkout errors I', 'Checkout errors II', 'Checkout errors III']) {
      id = await incidentWithPlan(title);
      turns = (await run(id, query)).turns;
    }
    expect(turns.map((t) => t.type)).toContain('recording_rule');

    const { context, page } = await newSidebarPage(browser, { name: 'alice' });
    const errors = collectPageErrors(page);
    const other = await newSidebarPage(browser, { name: 'bob' });
    await page.goto(`${server.url}/#/incident/${id}`);
    await other.page.goto(`${server.url}/#/incident/${id}`);

    const yaml = page.getByLabel('Recording rule YAML');
    await yaml.waitFor();
    expect(await yaml.textContent()).toContain('record: code:prometheus_http_requests:rate5m');
    await page.getByRole('button', { name: 'Copy recording rule' }).waitFor();
    // Bob sees the offer to alice, and nothing to press.
    await other.page.getByText('(offered to alice)').first().waitFor();
    expect(await other.page.getByRole('button', { name: /^(Accept|Dismiss) suggestion/ }).count()).toBe(0);
    await screenshot(page, 'suggestion-recording-rule');

    await page.getByRole('button', { name: 'Accept suggestion: recording rule code:prometheus_http_requests:rate5m' }).click();
    await page.getByRole('status', { name: 'Suggestion accepted' }).waitFor();
    await page.getByRole('button', { name: 'Dismiss suggestion: improve the query' }).click();
    await page.getByRole('status', { name: 'Suggestion dismissed' }).waitFor();
    expect(await page.getByRole('button', { name: /^(Accept|Dismiss) suggestion/ }).count()).toBe(0);
    // The answers reach the other page live.
    await other.page.getByRole('status', { name: 'Suggestion accepted' }).waitFor();
    await other.page.getByRole('status', { name: 'Suggestion dismissed' }).waitFor();

    const stored = await server.api<{ suggestions: Suggestion[] }>('GET', `/api/incidents/${id}/suggestions`);
    expect(stored.suggestions.map((s) => [s.kind, s.state]).sort()).toEqual([['improve', 'dismissed'], ['recording_rule', 'accepted']]);
    // Accepting ran nothing: the only query run is alice's own.
    const view = await server.api<{ actions: { kind: string }[] }>('GET', `/api/incidents/${id}`);
    expect(view.actions.filter((a) => a.kind === 'query_run')).toHaveLength(1);
    await expectNoRemediationButtons(page);
    expect(errors).toEqual([]);
    await other.context.close();
    await context.close();
  });

  it('opens a split view of the two services compared, with a query card on each side, and closes it', async () => {
    const id = await incidentWithPlan('Cart and checkout slow');
    const cart = 'sum(rate(http_requests_total{service="cart"}[5m]))';
    const checkout = 'sum(rate(http_requests_total{service="checkout"}[5m]))';
    let offered: Turn | undefined;
    for (const q of [cart, checkout, cart, checkout, cart]) {
      offered = (await run(id, q)).turns.find((t) => t.type === 'split_view') ?? offered;
    }
    expect(offered?.fields?.suggestion?.state).toBe('offered');

    const { context, page } = await newSidebarPage(browser, { name: 'alice' });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/#/incident/${id}`);
    await page.getByRole('button', { name: 'Accept suggestion: split view of cart and checkout' }).click();
    const split = page.getByRole('region', { name: 'Split view: cart and checkout' });
    await split.waitFor();
    for (const [svc, q] of [['cart', cart], ['checkout', checkout]] as const) {
      const side = split.getByRole('region', { name: `${svc} side` });
      expect(await side.getByLabel('PromQL query text').textContent()).toBe(q);
      await side.getByRole('button', { name: 'Run query' }).waitFor();
    }
    await screenshot(page, 'split-view');
    await split.getByRole('button', { name: 'Close split view' }).click();
    expect(await page.getByRole('region', { name: /^Split view/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Open split view of cart and checkout' }).click();
    await page.getByRole('region', { name: 'Split view: cart and checkout' }).waitFor();
    await expectNoRemediationButtons(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
