// The sidebar says when a part of the server is not well (GET /healthz), in real Chromium: Slack that
// would not take its token, a Prometheus that cannot be reached. It says what still works.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthProblems } from '../../renderer/src/shell/HealthBanner.tsx';
import { launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';

describe('sidebar: server status', () => {
  let server: MentatServer;
  let slack: FakeSlack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.on('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    server = await startMentat({
      prometheus: 'http://127.0.0.1:9',
      env: { SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, MENTAT_RETRY_SECONDS: '60' },
    });
    browser = await launchChromium();
    ({ context, page } = await newSidebarPage(browser, { name: 'alice' }));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await slack?.close();
  });

  it('names what is down and what still works, in a status region', async () => {
    await page.goto(server.url);
    const status = page.getByRole('status', { name: 'Server status' });
    await status.waitFor();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/slack .*is not connected \(.*invalid_auth\).*everything else here works/i);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Prometheus at http:\/\/127\.0\.0\.1:9 could not be reached.*Until it can, queries are read against the cached catalog, or declined, and cannot be run/);
    await screenshot(page, 'server-status');
  });

  it('shows nothing while all is well, and only recent model failures', () => {
    expect(healthProblems({ ok: true })).toEqual([]);
    expect(healthProblems(null)).toEqual([]);
    const old = { ok: true, model: { name: 'm', lastFailure: { at: '2026-01-01T00:00:00Z', reason: 'model timed out after 8000 ms' } } };
    expect(healthProblems(old, Date.parse('2026-01-01T01:00:00Z'))).toEqual([]);
    expect(healthProblems(old, Date.parse('2026-01-01T00:01:00Z'))[0]).toMatch(/model m is failing \(model timed out after 8000 ms\): answers come from the offline engine/);
  });
});
