// Inside the desktop app the preload offers window.mentat; the page must use it: the global shortcut
// focuses the ask box, the tray opens an incident, notifications follow the incident being worked.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newSidebarPage } from '../support/browser.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { openIncident } from './ui.ts';

// A stand-in for the preload's bridge, with the same members as electron/bridge.ts, recording its calls.
const fakeBridge = (serverUrl: string): void => {
  const w = window as unknown as Record<string, unknown>;
  const calls: unknown[] = [];
  let focus: (() => void) | null = null;
  let show: ((id: number) => void) | null = null;
  w.__bridgeCalls = calls;
  w.__fire = { focusAsk: () => focus?.(), showIncident: (id: number) => show?.(id) };
  w.mentat = {
    serverUrl,
    token: '',
    openExternal: async () => true,
    onFocusAsk: (cb: () => void) => { focus = cb; return () => { focus = null; }; },
    onShowIncident: (cb: (id: number) => void) => { show = cb; return () => { show = null; }; },
    setWorkingIncident: async (id: number | null) => { calls.push(['working', id]); },
    setAlwaysOnTop: async () => undefined,
  };
};

describe('sidebar inside the desktop shell', () => {
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

  it('follows the tray, the global shortcut and tells the shell which incident is worked', async () => {
    const a = await openIncident(server, 'Search slow', 'search');
    const b = await openIncident(server, 'Payments timeouts', 'payments');
    const { context, page } = await newSidebarPage(browser, { name: 'carol' });
    await page.addInitScript(fakeBridge, server.url);
    await page.goto(`${server.url}/#/incident/${a.id}`);
    await page.getByRole('heading', { name: /Search slow/ }).waitFor();

    await page.getByRole('tab', { name: /^Notes/ }).click();
    await page.evaluate(() => (window as unknown as { __fire: { focusAsk(): void } }).__fire.focusAsk());
    const ask = page.getByRole('textbox', { name: 'Ask the coach' });
    await ask.waitFor();
    expect(await ask.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.evaluate((id) => (window as unknown as { __fire: { showIncident(id: number): void } }).__fire.showIncident(id), b.id);
    await page.getByRole('heading', { name: /Payments timeouts/ }).waitFor();
    const calls = await page.evaluate(() => (window as unknown as { __bridgeCalls: unknown[] }).__bridgeCalls);
    expect(calls).toEqual(expect.arrayContaining([['working', a.id], ['working', null], ['working', b.id]]));
    await context.close();
  });
});
