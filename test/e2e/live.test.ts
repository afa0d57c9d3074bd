// The sidebar stays current without a reload: a teammate's action appears as it happens, and when the
// server restarts the page says it is offline, reconnects, and catches up on what it missed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../coach/types.ts';
import { launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { openIncident } from './ui.ts';

describe('sidebar: live updates', () => {
  let server: MentatServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let incident: Incident;

  beforeAll(async () => {
    server = await startMentat();
    browser = await launchChromium();
    ({ context, page } = await newSidebarPage(browser, { name: 'alice' }));
    incident = await openIncident(server, 'Checkout latency', 'checkout');
    await page.goto(`${server.url}/#/incident/${incident.id}`);
    await page.getByRole('heading', { level: 1, name: 'Checkout latency' }).waitFor();
    await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it("shows a teammate's action on the timeline and their words in the conversation, without reload", async () => {
    await page.getByRole('tab', { name: 'Incident' }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.waitFor();
    await server.api('POST', `/api/incidents/${incident.id}/actions`, { from: 'bob', kind: 'link_opened', text: 'opened the checkout latency dashboard', url: 'https://grafana.example.internal/d/checkout' });
    await expect.poll(() => timeline.textContent()).toMatch(/bob/);
    await screenshot(page, 'incident-live');

    await server.api('POST', `/api/incidents/${incident.id}/say`, { from: 'bob', text: 'p99 went up right after 10:02' });
    await page.getByRole('tab', { name: 'Coach' }).click();
    await page.getByRole('article', { name: 'bob said' }).filter({ hasText: 'p99 went up right after 10:02' }).waitFor();
  });

  it('updates the header when a teammate changes the status', async () => {
    await server.api('POST', `/api/incidents/${incident.id}/status`, { from: 'bob', status: 'acknowledged' });
    await expect.poll(() => page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('acknowledged');
  });

  it('says it is offline while the server is down, then reconnects and catches up', async () => {
    await server.stop();
    const banner = page.getByRole('alert').filter({ hasText: 'Offline — reconnecting…' });
    await banner.waitFor();
    await screenshot(page, 'offline');
    await server.start();
    // Written while the page had no stream: only the refetch after reconnecting can bring it.
    await server.api('POST', `/api/incidents/${incident.id}/notes`, { from: 'carol', text: 'cache hit ratio dropped to 40% at 10:01' });
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
    await page.getByRole('tab', { name: /^Notes/ }).click();
    await page.getByRole('list', { name: 'Notes' }).getByText('cache hit ratio dropped to 40% at 10:01').waitFor();
  });
});
