// Recording a demonstration from the sidebar (D3): start, work as usual, stop with a title; a teammate
// who later asks "how do I …?" gets those steps, attributed, before any generic walkthrough.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { expectNoRemediationButtons, openIncident } from './ui.ts';

describe('sidebar: recording a demonstration', () => {
  let server: MentatServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startMentat();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records the person\'s steps under a title, and the coach offers them to the next person who asks', async () => {
    const incident = await openIncident(server, 'Checkout latency', 'checkout');
    const { context, page } = await newSidebarPage(browser, { name: 'alice' });
    await page.goto(`${server.url}/#/incident/${incident.id}`);
    await page.getByRole('button', { name: 'Record a demonstration' }).click();
    const bar = page.getByRole('form', { name: 'Recording a demonstration' });
    await bar.waitFor();
    await expect.poll(() => bar.getByRole('button', { name: 'Stop and save recording' }).isDisabled()).toBe(true);

    await server.api('POST', `/api/incidents/${incident.id}/actions`, { from: 'alice', kind: 'link_opened', text: 'Checkout latency dashboard', url: 'https://grafana.example.internal/d/checkout-latency' });
    await server.api('POST', `/api/incidents/${incident.id}/actions`, { from: 'alice', kind: 'query_run', query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m] offset 1w)))' });
    // A teammate's action in the same minutes is not part of alice's recording.
    await server.api('POST', `/api/incidents/${incident.id}/actions`, { from: 'bob', kind: 'link_opened', text: 'Bob\'s dashboard', url: 'https://grafana.example.internal/d/other' });

    await bar.getByRole('textbox', { name: 'Title of the demonstration' }).fill('compare checkout latency with last week');
    await screenshot(page, 'recording');
    await bar.getByRole('button', { name: 'Stop and save recording' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “compare checkout latency with last week” with 2 steps.' }).waitFor();
    await expectNoRemediationButtons(page);
    await context.close();

    // Bob, on another incident, asks how; the coach answers with alice's recorded steps.
    const other = await openIncident(server, 'Checkout slow again', 'checkout');
    await server.api('POST', `/api/incidents/${other.id}/plan`, { from: 'bob', text: '1. compare latency with last week' });
    const answer = await server.api<{ turns: { type: string; rule: string; text: string }[] }>('POST', `/api/incidents/${other.id}/say`, { from: 'bob', text: 'how do I compare checkout latency with last week?' });
    const steps = answer.turns.find((t) => t.type === 'steps');
    expect(steps?.rule).toBe('D3');
    expect(steps?.text).toMatch(/recorded by alice/);
    expect(steps?.text).toContain('https://grafana.example.internal/d/checkout-latency');
    expect(steps?.text).not.toContain('Bob\'s dashboard');
  });
});
