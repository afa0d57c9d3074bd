// The scratchpad (add, edit, pin), the demo incident as a new user first sees it, the picker's empty
// state, and the dark theme.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { demoIncident } from './demo.ts';
import { expectNoRemediationButtons, openIncident } from './ui.ts';

describe('sidebar: first run, notes, demo incident, themes', () => {
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

  it('asks for a name on first run and shows a clear empty state when nothing is open', async () => {
    const empty = await startMentat({ demo: false });
    try {
      const { context, page } = await newSidebarPage(browser);
      const errors = collectPageErrors(page);
      await page.goto(empty.url + '/');
      await page.getByRole('textbox', { name: 'Your name' }).fill('dana');
      await screenshot(page, 'first-run');
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByRole('heading', { name: 'Open incidents' }).waitFor();
      await page.getByText('No open incidents.').waitFor();
      await screenshot(page, 'picker-empty');
      expect(await page.evaluate(() => localStorage.getItem('mentat.name'))).toBe('dana');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await empty.close();
    }
  });

  it('adds, edits and pins notes', async () => {
    const incident = await openIncident(server, 'Payments timeouts', 'payments');
    const { context, page } = await newSidebarPage(browser, { name: 'alice' });
    await page.goto(`${server.url}/#/incident/${incident.id}`);
    await page.getByRole('tab', { name: /^Notes/ }).click();
    await page.getByRole('textbox', { name: 'New note' }).fill('timeouts only from the eu-west pool');
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.getByRole('listitem', { name: /^Note by alice/ });
    await note.getByText('timeouts only from the eu-west pool').waitFor();
    await note.getByRole('button', { name: /^Edit note/ }).click();
    await note.getByRole('textbox', { name: 'Note text' }).fill('timeouts only from the eu-west pool, since 10:04');
    await note.getByRole('button', { name: 'Save note' }).click();
    await note.getByText('timeouts only from the eu-west pool, since 10:04').waitFor();
    await note.getByRole('button', { name: /^Pin note/ }).click();
    await page.getByRole('listitem', { name: 'Note by alice, pinned' }).waitFor();
    await screenshot(page, 'notes');
    const view = await server.api<{ notes: { text: string; pinned: boolean }[] }>('GET', `/api/incidents/${incident.id}`);
    expect(view.notes).toEqual([expect.objectContaining({ text: 'timeouts only from the eu-west pool, since 10:04', pinned: true })]);
    await context.close();
  });

  it('renders the demo incident: header, timeline with its alert and deploy, process checklist', async () => {
    const demo = await demoIncident(server);
    const { context, page } = await newSidebarPage(browser, { name: 'alice' });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/#/incident/${demo.id}`);
    await page.getByRole('heading', { level: 1, name: demo.title }).waitFor();
    expect(await page.getByLabel('Incident summary').textContent()).toContain(demo.severity);
    await screenshot(page, 'demo-coach');
    await page.getByRole('tab', { name: 'Incident' }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect.poll(() => timeline.textContent()).toMatch(/deploy/i);
    expect(await timeline.textContent()).toMatch(/CheckoutHighErrorRate|alert/i);
    await page.getByRole('list', { name: 'Process steps' }).waitFor();
    await screenshot(page, 'demo-incident');
    await expectNoRemediationButtons(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows the dark colour scheme', async () => {
    const demo = await demoIncident(server);
    const { context, page } = await newSidebarPage(browser, { name: 'alice', colorScheme: 'dark' });
    await page.goto(`${server.url}/#/incident/${demo.id}`);
    await page.getByRole('heading', { level: 1, name: demo.title }).waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(200);
    await screenshot(page, 'demo-coach-dark');
    await context.close();
  });
});
