// What the end-to-end tests share about the sidebar: how to reach an incident, the deny list, parsing
// deep links back into queries.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { HandleResult } from '../../coach/incident/api.ts';
import type { Incident } from '../../coach/types.ts';
import type { MentatServer } from './mentat-server.ts';

/** Names a remediation or a "let the tool carry on" control would have (DESIGN G6). None may exist. */
export const DENY = /\b(continue|next hint|do it|auto-?fix|fix (it|this)|remediat\w*|roll ?back|revert|restart|reboot|scale|re-?deploy|deploy|delete|kill|drain|fail ?over|silence|mute|apply|execute|run (it|this) for me|resolve it)\b/i;

export async function openIncident(server: MentatServer, title: string, service = 'prometheus'): Promise<Incident> {
  const r = await server.api<HandleResult>('POST', '/api/incidents', { title, service, severity: 'SEV2', from: 'pagerduty' });
  return r.incident;
}

/** Every button on the page, hidden panes included, by accessible name; fails on a denied one. */
export async function expectNoRemediationButtons(page: Page): Promise<string[]> {
  const buttons = page.getByRole('button', { includeHidden: true });
  const names: string[] = [];
  for (const b of await buttons.all()) {
    names.push(((await b.getAttribute('aria-label')) ?? (await b.textContent()) ?? '').trim());
  }
  expect(names.filter((n) => DENY.test(n)), `buttons with remediation names: ${names.join(' | ')}`).toEqual([]);
  // Playwright's own accessible-name computation must agree.
  expect(await page.getByRole('button', { name: DENY, includeHidden: true }).count()).toBe(0);
  return names;
}

/** True when some query parameter of the URL (directly, or inside a JSON value) is exactly `query`. */
export function urlCarriesQuery(href: string, query: string): boolean {
  const url = new URL(href);
  const hasString = (v: unknown): boolean =>
    v === query || (Array.isArray(v) ? v.some(hasString) : v !== null && typeof v === 'object' ? Object.values(v).some(hasString) : false);
  for (const [, value] of url.searchParams) {
    if (value === query) return true;
    try {
      if (hasString(JSON.parse(value))) return true;
    } catch {
      // Not JSON: only a direct match counts.
    }
  }
  const hash = url.hash.replace(/^#/, '');
  if (hash) for (const [, value] of new URLSearchParams(hash)) if (value === query) return true;
  return false;
}
