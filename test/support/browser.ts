// Real Chromium for end-to-end tests and the UI benchmark: Debian's chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface PageOptions {
  /** The person's name, stored before the page loads so the first-run name prompt is skipped. */
  name?: string;
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
}

/** A fresh context (own storage) with a sidebar-sized viewport. */
export async function newSidebarPage(browser: Browser, opts: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 420, height: opts.height ?? 800 },
    colorScheme: opts.colorScheme ?? 'light',
    deviceScaleFactor: 1,
  });
  if (opts.name) {
    await context.addInitScript((n: string) => window.localStorage.setItem('mentat.name', n), opts.name);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-artifacts', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Collects errors the page logs or throws, so a test can assert the UI ran clean. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}
