// Customer-support answers in the sidebar on a team server (DESIGN §3): support signs in with a personal
// token and asks; the labelled AI draft shows at once; a responder, in another browser, sees the question
// arrive live, answers in their own words and approves; support sees it published without a reload.
// Approving a version that changed meanwhile is refused with the server's message.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandleResult } from '../../coach/incident/api.ts';
import type { Incident } from '../../coach/types.ts';
import { launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { expectNoRemediationButtons } from './ui.ts';

const QUESTION = 'Is card data safe? When will checkout be back?';
// States the ETA and data safety but not who is affected, so one question comes back to the responder.
const REPLY = 'payments db failover done at 10:02, card data is safe, eta 30 min';

async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  const box = page.getByRole('textbox', { name: 'Your Mentat token' });
  await box.fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function questionCard(page: Page) {
  return page.getByRole('article', { name: `Question from sam: ${QUESTION}` });
}

describe('sidebar: customer-support answers on a team server', () => {
  let server: MentatServer;
  let browser: Browser;
  let incident: Incident;
  let samContext: BrowserContext;
  let bobContext: BrowserContext;
  let sam: Page;
  let bob: Page;

  beforeAll(async () => {
    server = await startMentat({ tokens: ['bob', 'sam'], env: { MENTAT_SUPPORT_BATCH_SECONDS: '1' } });
    browser = await launchChromium();
    // Like the demo incident, but without the demo's seeded question, so the empty state shows first.
    // Bob's token opens it; the token names him, so the body carries no `from`.
    incident = (await server.api<HandleResult>('POST', '/api/incidents', { title: 'Checkout 5xx errors above SLO', service: 'checkout', severity: 'SEV2' }, server.tokens.bob)).incident;
    ({ context: samContext, page: sam } = await newSidebarPage(browser));
    ({ context: bobContext, page: bob } = await newSidebarPage(browser));
  });

  afterAll(async () => {
    await samContext?.close();
    await bobContext?.close();
    await browser?.close();
    await server?.close();
  });

  it('asks for a token, refuses a wrong one, and keeps a right one', async () => {
    const url = `${server.url}/#/incident/${incident.id}`;
    await sam.goto(url);
    await sam.getByText('npx mentat people token YOUR-NAME', { exact: false }).first().waitFor();
    await screenshot(sam, 'token-gate');
    await sam.getByRole('textbox', { name: 'Your Mentat token' }).fill('mnt_not-a-real-token');
    await sam.getByRole('button', { name: 'Sign in' }).click();
    await sam.getByRole('alert').filter({ hasText: 'did not accept that token' }).waitFor();

    await signIn(sam, url, server.tokens.sam ?? '');
    await sam.getByRole('heading', { level: 1, name: incident.title }).waitFor();
    await expect.poll(() => sam.getByRole('banner').textContent()).toContain('Signed in as sam · support');
    expect(await sam.evaluate(() => localStorage.getItem('mentat.token'))).toBe(server.tokens.sam);
    // The token went on the event stream too: the page is live, not stuck offline.
    await sam.getByRole('status', { name: 'Connection: Live' }).waitFor();
    await sam.reload();
    await expect.poll(() => sam.getByRole('banner').textContent()).toContain('Signed in as sam · support');

    await signIn(bob, url, server.tokens.bob ?? '');
    await expect.poll(() => bob.getByRole('banner').textContent()).toContain('Signed in as bob · responder');
    await bob.getByRole('tab', { name: 'Support' }).click();
    await bob.getByText('No questions from support yet.').waitFor();
    await bob.getByRole('status', { name: 'Connection: Live' }).waitFor();
  });

  it("shows support the AI's labelled draft at once, and the responder the question live", async () => {
    await sam.getByRole('tab', { name: 'Support' }).click();
    await sam.getByText('No questions from support yet.').waitFor();
    await sam.getByRole('textbox', { name: 'Question for the dev team' }).fill(QUESTION);
    await sam.getByRole('button', { name: 'Ask the dev team' }).click();

    const mine = questionCard(sam);
    const draft = mine.getByRole('region', { name: 'AI draft for support' });
    await draft.getByText("AI's guess — not for customers").waitFor();
    await draft.getByText("don't send this to customers", { exact: false }).waitFor();
    await mine.getByText(/^Not known yet: /).waitFor();
    await mine.getByText('For customers', { exact: true }).waitFor();
    await mine.getByText('For technical partners', { exact: true }).waitFor();
    // Support may withdraw their own question but never approve, edit or rewrite.
    expect(await sam.getByRole('button', { name: /Approve/ }).count()).toBe(0);
    expect(await sam.getByRole('button', { name: 'Answer in my own words' }).count()).toBe(0);
    await mine.getByRole('button', { name: 'Withdraw question' }).waitFor();
    await screenshot(sam, 'support-draft');

    // Bob did not reload: the question arrives over the event stream, then the batch asks him once.
    const theirs = questionCard(bob);
    await theirs.waitFor();
    await bob.getByRole('status', { name: 'Support notifications' }).filter({ hasText: 'Support has 1 question for you.' }).waitFor({ timeout: 20_000 });
    await theirs.getByText('Waiting for a developer', { exact: true }).waitFor();
    await theirs.getByRole('button', { name: 'Approve version 1' }).waitFor();
    expect(await theirs.getByRole('button', { name: 'Withdraw question' }).count()).toBe(0);
  });

  it("rewrites the responder's own words into a new version with its notice and questions back", async () => {
    const card = questionCard(bob);
    await card.getByRole('button', { name: 'Answer in my own words' }).click();
    await card.getByRole('textbox', { name: 'Your answer, in your own words' }).fill(REPLY);
    await card.getByRole('button', { name: 'Rewrite for customers' }).click();
    const v2 = card.getByRole('region', { name: /^Version 2 for review \(rewritten from a reply, by bob\)/ });
    await v2.waitFor();
    await card.getByRole('button', { name: 'Approve version 2' }).waitFor();
    await card.getByText('Rewritten', { exact: true }).waitFor();
    // The offline rewriter says it is a template; what the reply did not say comes back as questions to bob.
    await v2.getByText(/^Offline template: /).waitFor();
    const asks = v2.getByRole('list', { name: 'Missing facts to confirm' }).getByRole('listitem');
    expect(await asks.count()).toBeGreaterThan(0);
    expect(await asks.first().textContent()).toMatch(/\?/);
    await screenshot(bob, 'support-review');
    // Support sees the new version live.
    await questionCard(sam).getByRole('region', { name: /^Version 2 for review/ }).waitFor();
  });

  it('refuses approving a version that changed meanwhile, says why, and shows the current one', async () => {
    // A second tab of bob's that missed the live update (its stream is cut), still showing version 2.
    const stale = await bobContext.newPage();
    await stale.route('**/api/events**', (route) => route.abort());
    await stale.goto(`${server.url}/#/incident/${incident.id}`);
    await stale.getByRole('tab', { name: 'Support' }).click();
    const staleCard = questionCard(stale);
    await staleCard.getByRole('button', { name: 'Approve version 2' }).waitFor();

    // Meanwhile bob edits in the first tab: version 3.
    const card = questionCard(bob);
    await card.getByRole('button', { name: 'Edit' }).click();
    const customer = card.getByRole('textbox', { name: 'Text for customers' });
    expect(await customer.inputValue()).not.toBe('');
    await customer.fill(`${await customer.inputValue()} We will update you by 11:00.`);
    await card.getByRole('button', { name: 'Save as new version' }).click();
    await card.getByRole('button', { name: 'Approve version 3' }).waitFor();

    await staleCard.getByRole('button', { name: 'Approve version 2' }).click();
    await staleCard.getByRole('alert').filter({ hasText: /Version 2 is no longer current: bob edited it as version 3/ }).waitFor();
    // The question was reloaded: the stale tab now offers the version that is current.
    await staleCard.getByRole('button', { name: 'Approve version 3' }).waitFor();
    await stale.close();
  });

  it('publishes on approval; support sees it live, with the answer to copy and the full audit trail', async () => {
    const card = questionCard(bob);
    await card.getByRole('button', { name: 'Approve version 3' }).click();
    await card.getByText('Published', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /Approve/ }).count()).toBe(0);
    await expectNoRemediationButtons(bob);

    const mine = questionCard(sam);
    await mine.getByText('Published', { exact: true }).waitFor();
    await mine.getByRole('region', { name: 'Published answer, version 3, approved by bob' }).waitFor();
    await sam.getByRole('status', { name: 'Support notifications' }).filter({ hasText: `Answer published: "${QUESTION}"` }).waitFor();
    const answers = sam.getByRole('list', { name: 'Published answers' });
    await answers.getByText('We will update you by 11:00.', { exact: false }).waitFor();
    await answers.getByRole('button', { name: 'Copy for customers' }).waitFor();
    await answers.getByRole('button', { name: 'Copy for partners' }).waitFor();

    await mine.getByText(/^Audit trail/).click();
    const trail = mine.getByRole('list', { name: /^Audit trail of question/ });
    const text = (await trail.textContent()) ?? '';
    for (const s of ['sam', 'bob', QUESTION, REPLY, 'Published', 'Waiting for a developer']) expect(text).toContain(s);

    const [download] = await Promise.all([sam.waitForEvent('download'), mine.getByRole('button', { name: 'Export audit (JSON)' }).click()]);
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { question: { question: string; state: string }; audit: { by: string; action: string }[]; versions: unknown[] };
    expect(exported.question).toMatchObject({ question: QUESTION, state: 'published' });
    expect(exported.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['ask', 'rewrite', 'edit', 'approve']));
    expect(exported.versions.length).toBeGreaterThanOrEqual(3);
    await screenshot(sam, 'support-published');

    // Sign out forgets the token: the next person at this browser is asked for their own.
    await sam.getByRole('button', { name: 'Sign out' }).click();
    await sam.getByRole('textbox', { name: 'Your Mentat token' }).waitFor();
    expect(await sam.evaluate(() => localStorage.getItem('mentat.token'))).toBeNull();
  });
});
