// The learning note end to end in real Chromium (H6, DESIGN §4, CONTRACTS §7): the demo incident is
// resolved, a responder drafts its note, reads its sections, answers a question card before revealing
// it, edits the note into version 2, publishes exactly that version and exports the markdown.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newSidebarPage, screenshot } from '../support/browser.ts';
import { demoIncident } from './demo.ts';
import { startMentat, type MentatServer } from './mentat-server.ts';
import { expectNoRemediationButtons, openIncident } from './ui.ts';

/**
 * Errors the page logs or throws, except the browser's own line for the 404 that says "no note drafted
 * yet" (CONTRACTS §7), which the page asks for once the incident is resolved.
 */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/status of 404/.test(m.text()) && /\/learning-note$/.test(m.location().url)) return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  return errors;
}

interface NoteBody { note: { id: number; version: number; state: string; markdown: string; questions: { question: string; answer: string }[]; publishedBy?: string } }

describe('sidebar: the learning note', () => {
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

  it('refuses a note while the incident is still active, and the Notes pane offers none', async () => {
    const active = await openIncident(server, 'Search latency', 'search');
    const res = await fetch(`${server.url}/api/incidents/${active.id}/learning-note`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'alice' }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('incident_active');
    const { context, page } = await newSidebarPage(browser, { name: 'alice' });
    await page.goto(`${server.url}/#/incident/${active.id}`);
    await page.getByRole('tab', { name: /^Notes/ }).click();
    await page.getByRole('textbox', { name: 'New note' }).waitFor();
    expect(await page.getByRole('button', { name: 'Draft the learning note' }).count()).toBe(0);
    await context.close();
  });

  it('generates, reviews, publishes and exports the demo incident\'s note in real Chromium', async () => {
    const demo = await demoIncident(server);
    const { context, page } = await newSidebarPage(browser, { name: 'alice' });
    const errors = pageErrors(page);
    await page.goto(`${server.url}/#/incident/${demo.id}`);
    await page.getByRole('tab', { name: /^Notes/ }).click();
    const pane = page.getByRole('tabpanel', { name: /^Notes/ });

    // Resolving happens elsewhere (a teammate, the API); the pane follows live.
    await server.api('POST', `/api/incidents/${demo.id}/status`, { status: 'resolved', from: 'bob' });
    await pane.getByRole('button', { name: 'Draft the learning note' }).click();
    const v1 = pane.getByRole('article', { name: 'Learning note, version 1' });
    await v1.waitFor();
    const served = await server.api<NoteBody>('GET', `/api/incidents/${demo.id}/learning-note`);
    expect(served.note).toMatchObject({ version: 1, state: 'draft' });

    // The note's sections show as headings, rendered from its markdown (no raw HTML).
    const sections = [...served.note.markdown.matchAll(/^## (.+)$/gm)].map((m) => (m[1] ?? '').trim()).filter((t) => t !== 'Questions for the reader');
    expect(sections.length).toBeGreaterThanOrEqual(3);
    const text = v1.getByRole('document', { name: 'Learning note text' });
    for (const s of sections) await text.getByRole('heading', { name: s, exact: true }).waitFor();
    expect(await v1.locator('details summary, script, iframe').count()).toBe(0);
    expect(await v1.textContent()).toContain('offline engine');

    // Question cards: the reader answers first; only then can they reveal the note's answer.
    const qs = served.note.questions;
    expect(qs.length).toBeGreaterThanOrEqual(3);
    expect(qs.length).toBeLessThanOrEqual(7);
    const cards = v1.getByRole('region', { name: 'Questions for the reader' }).getByRole('listitem');
    expect(await cards.count()).toBe(qs.length);
    const first = cards.first();
    await first.getByText(qs[0]?.question ?? '', { exact: false }).waitFor();
    const reveal = first.getByRole('button', { name: 'Reveal answer to question 1' });
    expect(await reveal.isDisabled()).toBe(true);
    expect(await first.getByRole('region', { name: /The note's answer/ }).count()).toBe(0);
    await first.getByRole('textbox', { name: 'Your answer to question 1' }).fill('the 5xx rate per handler over the last 15 minutes');
    await reveal.click();
    const answer = first.getByRole('region', { name: "The note's answer to question 1" });
    await answer.waitFor();
    const firstWords = (qs[0]?.answer ?? '').split('\n').find((l) => l.trim() && !l.startsWith('```'))?.replace(/[`*]/g, '').slice(0, 30).trim() ?? '';
    expect(firstWords).not.toBe('');
    expect(await answer.textContent()).toContain(firstWords);
    expect(await first.textContent()).toContain('the 5xx rate per handler over the last 15 minutes');
    await screenshot(page, 'learning-note');

    // Edit as a responder: a new version.
    await v1.getByRole('button', { name: 'Edit' }).click();
    const box = pane.getByRole('textbox', { name: 'Learning note (markdown)' });
    const edited = `${(await box.inputValue()).trimEnd()}\n\n## Reviewer's note\n\nChecked against the timeline by alice.\n`;
    await box.fill(edited);
    await pane.getByRole('button', { name: 'Save as new version' }).click();
    const v2 = pane.getByRole('article', { name: 'Learning note, version 2' });
    await v2.getByRole('heading', { name: "Reviewer's note" }).waitFor();
    await screenshot(page, 'learning-note-edit');

    // Publish exactly version 2.
    await v2.getByRole('button', { name: 'Publish version 2' }).click();
    await v2.getByText('published by alice').waitFor();
    expect(await v2.getByRole('button', { name: /^Publish version/ }).count()).toBe(0);
    const published = await server.api<NoteBody>('GET', `/api/incidents/${demo.id}/learning-note`);
    expect(published.note).toMatchObject({ version: 2, state: 'published', publishedBy: 'alice' });
    expect(published.note.markdown).toContain('Checked against the timeline by alice.');

    // Export markdown: the downloaded file is the published note's markdown.
    const [download] = await Promise.all([page.waitForEvent('download'), pane.getByRole('button', { name: 'Export markdown' }).click()]);
    expect(download.suggestedFilename()).toBe(`${demo.key}-learning-note-v2.md`);
    const file = readFileSync(await download.path(), 'utf8');
    expect(file).toBe(published.note.markdown);
    expect(file).toContain('## Questions for the reader');
    await screenshot(page, 'learning-note-published');
    await expectNoRemediationButtons(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows support the note to read, without Edit or Publish, and live', async () => {
    const inc = await openIncident(server, 'Cart timeouts', 'cart');
    await server.api('POST', `/api/incidents/${inc.id}/notes`, { text: 'cart pool exhausted at 10:04', from: 'alice' });
    await server.api('POST', `/api/incidents/${inc.id}/status`, { status: 'mitigated', from: 'alice' });
    const { context, page } = await newSidebarPage(browser, { name: 'sam' });
    await page.goto(`${server.url}/#/incident/${inc.id}`);
    await page.getByRole('tab', { name: /^Notes/ }).click();
    const pane = page.getByRole('tabpanel', { name: /^Notes/ });
    await pane.getByRole('heading', { name: 'Learning note' }).waitFor();
    await server.api('POST', `/api/incidents/${inc.id}/learning-note`, { from: 'alice' });
    const v1 = pane.getByRole('article', { name: 'Learning note, version 1' });
    await v1.waitFor();
    expect(await v1.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await v1.getByRole('button', { name: /^Publish/ }).count()).toBe(0);
    await v1.getByText('A responder reviews and publishes this note.').waitFor();
    await context.close();
  });
});
