// The on-call's main path through the sidebar, in real Chromium against `mentat serve` and a real
// Prometheus: state a plan, ask, get a query card that parses, follow its links, run it, get unstuck.
import { parser } from '@prometheus-io/lezer-promql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../coach/types.ts';
import { collectPageErrors, launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { startPrometheus, type LocalPrometheus } from './prometheus.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { expectNoRemediationButtons, openIncident, urlCarriesQuery } from './ui.ts';

const QUESTION = 'what is the per-second rate of HTTP requests to prometheus, per handler?';

function promqlErrors(query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (n) => {
      if (n.type.isError) errors.push(`error at ${n.from}`);
    },
  });
  return errors;
}

describe('sidebar: plan, ask, query card, run', () => {
  let lab: LocalPrometheus;
  let server: MentatServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let incident: Incident;
  let queryText = '';

  beforeAll(async () => {
    lab = await startPrometheus();
    server = await startMentat({ prometheus: lab.url });
    browser = await launchChromium();
    ({ context, page } = await newSidebarPage(browser, { name: 'alice' }));
    errors = collectPageErrors(page);
    incident = await openIncident(server, 'Prometheus answers slowly');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await lab?.close();
  });

  it('lists the open incident and opens it from the picker', async () => {
    await page.goto(server.url + '/');
    const item = page.getByRole('link', { name: new RegExp(`${incident.key} Prometheus answers slowly`) });
    await item.waitFor();
    await screenshot(page, 'picker');
    await item.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Prometheus answers slowly');
    await expect.poll(() => page.getByRole('tab', { name: 'Coach' }).getAttribute('aria-selected')).toBe('true');
  });

  it('states a plan, which becomes steps that tick off', async () => {
    await page.getByRole('textbox', { name: 'Plan' }).fill('1. check the request rate per handler\n2. look for slow queries\n3. compare with yesterday');
    await page.getByRole('button', { name: 'Save plan' }).click();
    const step1 = page.getByRole('checkbox', { name: 'check the request rate per handler' });
    await step1.waitFor();
    await expect.poll(() => page.getByRole('checkbox').count()).toBe(3);
    await step1.click();
    await expect.poll(async () => (await server.api<{ plan: { steps: { n: number; state: string }[] } }>('GET', `/api/incidents/${incident.id}`)).plan.steps[0]?.state).toBe('done');
    await expect.poll(() => step1.isChecked()).toBe(true);
  });

  it('focuses the ask box with Ctrl+K and with "/"', async () => {
    await page.getByRole('tab', { name: 'Incident' }).click();
    await page.getByRole('tab', { name: 'Incident' }).focus();
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ask');
    await expect.poll(() => page.getByRole('tab', { name: 'Coach' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Coach' }).focus();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ask');
    // "/" typed inside the box is text, not the shortcut.
    await page.keyboard.press('/');
    expect(await page.getByRole('textbox', { name: 'Ask the coach' }).inputValue()).toBe('/');
    await page.getByRole('textbox', { name: 'Ask the coach' }).fill('');
  });

  it('answers a question with a query card whose query parses as PromQL', async () => {
    const ask = page.getByRole('textbox', { name: 'Ask the coach' });
    await ask.fill(QUESTION);
    await ask.press('Shift+Enter');
    expect(await ask.inputValue()).toBe(QUESTION + '\n');
    await ask.press('Enter');
    const card = page.getByRole('region', { name: 'PromQL query' }).last();
    await card.waitFor();
    queryText = (await card.getByLabel('PromQL query text').textContent()) ?? '';
    expect(queryText).toMatch(/prometheus_http_requests_total/);
    expect(promqlErrors(queryText)).toEqual([]);
    expect(await ask.inputValue()).toBe('');
    const turn = page.getByRole('article', { name: 'Demonstrate turn' }).last();
    expect(await turn.textContent()).toMatch(/D1/);
    expect(await turn.textContent()).toMatch(/offline engine/);
    expect(await card.getByLabel('What each part does').locator('dt').count()).toBeGreaterThan(0);
    await screenshot(page, 'query-card');
  });

  it('carries the query in its open-in links', async () => {
    const card = page.getByRole('region', { name: 'PromQL query' }).last();
    const links = card.getByRole('link', { name: /^Open in / });
    expect(await links.count()).toBeGreaterThan(0);
    for (const link of await links.all()) {
      const href = (await link.getAttribute('href')) ?? '';
      expect(urlCarriesQuery(href, queryText), `${await link.textContent()}: ${href}`).toBe(true);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toMatch(/noopener/);
    }
    const prom = card.getByRole('link', { name: 'Open in Prometheus' });
    expect(new URL((await prom.getAttribute('href')) ?? '').origin).toBe(new URL(lab.url).origin);
  });

  it('runs the query against the real Prometheus and logs the run as the person\'s action', async () => {
    const card = page.getByRole('region', { name: 'PromQL query' }).last();
    await card.getByRole('combobox', { name: 'Time range' }).selectOption('instant');
    await card.getByRole('button', { name: 'Run query' }).click();
    const result = card.getByRole('region', { name: 'Query result' });
    await result.waitFor();
    const table = result.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(1);
    expect(await table.textContent()).toMatch(/handler="/);
    const view = await server.api<{ actions: { kind: string; actor: string; text: string; payload: Record<string, unknown> }[] }>('GET', `/api/incidents/${incident.id}`);
    const run = view.actions.find((a) => a.kind === 'query_run');
    expect(run?.actor).toBe('alice');
    // The run names the question it answered, and nothing was edited: no suggestion to compare with.
    expect(run?.payload).toMatchObject({ question: QUESTION });
    expect(run?.payload.suggested).toBeUndefined();

    await card.getByRole('combobox', { name: 'Time range' }).selectOption('15m');
    await card.getByRole('button', { name: 'Run query' }).click();
    await result.getByRole('img', { name: /^Chart of \d+ series/ }).waitFor();
    expect(await result.locator('polyline').count()).toBeGreaterThan(0);
    await screenshot(page, 'query-run');
  });

  it('runs an edited query, which then answers a similar question first, under the editor\'s name', async () => {
    const card = page.getByRole('region', { name: 'PromQL query' }).last();
    await card.getByRole('button', { name: 'Edit query' }).click();
    const edit = card.getByRole('textbox', { name: 'Edit the PromQL query' });
    const mine = 'topk(3, sum by (handler) (rate(prometheus_http_requests_total[10m])))';
    await edit.fill(mine);
    await card.getByRole('button', { name: 'Done editing' }).click();
    expect(await card.getByLabel('PromQL query text').textContent()).toBe(mine);
    expect(await card.textContent()).toMatch(/running it remembers your query/);
    await card.getByRole('combobox', { name: 'Time range' }).selectOption('instant');
    await card.getByRole('button', { name: 'Run query' }).click();
    await expect.poll(async () => {
      const v = await server.api<{ actions: { kind: string; text: string; payload: Record<string, unknown> }[] }>('GET', `/api/incidents/${incident.id}`);
      return v.actions.filter((a) => a.kind === 'query_run').at(-1)?.payload;
    }).toMatchObject({ question: QUESTION, suggested: queryText, query: mine });

    const before = await page.getByRole('article', { name: 'Demonstrate turn' }).count();
    const ask = page.getByRole('textbox', { name: 'Ask the coach' });
    await ask.fill(`${QUESTION} please`);
    await ask.press('Enter');
    await expect.poll(() => page.getByRole('article', { name: 'Demonstrate turn' }).count()).toBeGreaterThan(before);
    const taught = page.getByRole('article', { name: 'Demonstrate turn' }).nth(before);
    expect(await taught.textContent()).toMatch(/alice corrected and ran this for a similar question/i);
    expect(await taught.getByLabel('PromQL query text').textContent()).toBe(mine);
  });

  it('offers candidate queries with a decline, and running one remembers it for the question', async () => {
    const before = await page.getByRole('article', { name: 'Demonstrate turn' }).count();
    const ask = page.getByRole('textbox', { name: 'Ask the coach' });
    await ask.fill('page faults/s');
    await ask.press('Enter');
    await expect.poll(() => page.getByRole('article', { name: 'Demonstrate turn' }).count()).toBeGreaterThan(before);
    const decline = page.getByRole('article', { name: 'Demonstrate turn' }).last();
    expect(await decline.textContent()).toMatch(/I will not guess a query/);
    const first = decline.getByRole('region', { name: 'Candidate 1: PromQL query' });
    await first.waitFor();
    expect(await decline.getByRole('region', { name: /^Candidate \d: PromQL query$/ }).count()).toBeLessThanOrEqual(3);
    const picked = (await first.getByLabel('PromQL query text').textContent()) ?? '';
    expect(promqlErrors(picked)).toEqual([]);
    await first.getByRole('combobox', { name: 'Time range' }).selectOption('instant');
    await first.getByRole('button', { name: 'Run query' }).click();
    await expect.poll(async () => {
      const v = await server.api<{ actions: { kind: string; text: string; payload: Record<string, unknown> }[] }>('GET', `/api/incidents/${incident.id}`);
      return v.actions.filter((a) => a.kind === 'query_run').at(-1)?.payload;
    }).toMatchObject({ question: 'page faults/s', query: picked });
  });

  it('closes the card with Escape and reopens it', async () => {
    const card = page.getByRole('region', { name: 'PromQL query' }).last();
    await card.getByRole('button', { name: 'Run query' }).focus();
    await page.keyboard.press('Escape');
    const reopen = page.getByRole('button', { name: 'Show PromQL query' }).last();
    await reopen.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Show PromQL query');
    await reopen.click();
    await page.getByRole('button', { name: 'Close query card' }).last().waitFor();
  });

  it('answers "I\'m stuck" with a question, not an answer', async () => {
    const before = await page.getByRole('article', { name: /turn$/ }).count();
    const ask = page.getByRole('textbox', { name: 'Ask the coach' });
    await ask.fill('im stuck pls help');
    await ask.press('Enter');
    await expect.poll(() => page.getByRole('article', { name: /turn$/ }).count()).toBeGreaterThan(before);
    const reply = page.getByRole('article', { name: 'Guide turn' }).last();
    const text = (await reply.locator('.turn-text').textContent()) ?? '';
    expect(text.trim()).toMatch(/\?$/);
    expect(await reply.textContent()).toMatch(/G2/);
    expect(await reply.getByRole('region').count()).toBe(0);
    await screenshot(page, 'stuck');
  });

  it('offers no button that performs a remediation or carries on for the person, in any pane', async () => {
    const names = await expectNoRemediationButtons(page);
    expect(names).toEqual(expect.arrayContaining(['Send', 'Copy query', 'Run query', 'Edit plan']));
    for (const tab of ['Incident', 'Notes', 'Coach']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await expectNoRemediationButtons(page);
    }
    expect(errors).toEqual([]);
  });
});
