// manifest.yml asks for exactly what the code registers: every command, event and shortcut both ways,
// and the scopes those need.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LISTENERS, registerListeners } from '../../bots/slack/index.ts';
import type { SlackDeps } from '../../bots/slack/deps.ts';

interface Manifest {
  features: { slash_commands?: { command: string; usage_hint?: string }[]; shortcuts?: { callback_id: string; type: string }[]; app_home?: { home_tab_enabled: boolean; messages_tab_enabled?: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
}

const manifest = parse(readFileSync(join(import.meta.dirname, '..', '..', 'manifest.yml'), 'utf8')) as Manifest;

/** What registerListeners really registers, recorded through bolt's registration methods. */
function recorded(): Record<'command' | 'event' | 'shortcut' | 'action' | 'view', string[]> {
  const seen = { command: [] as string[], event: [] as string[], shortcut: [] as string[], action: [] as string[], view: [] as string[] };
  const rec = (kind: keyof typeof seen) => (id: unknown): void => {
    seen[kind].push(id instanceof RegExp ? id.source : String(id));
  };
  const app = { command: rec('command'), event: rec('event'), shortcut: rec('shortcut'), action: rec('action'), view: rec('view') };
  registerListeners(app, {} as SlackDeps);
  return seen;
}

/** Message events arrive per conversation type; the manifest subscribes to them by type. */
const EVENT_SUBSCRIPTIONS: Record<string, string[]> = { message: ['message.channels', 'message.groups'] };

/** Scopes each registered event or feature needs. */
const NEEDS: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  message: ['channels:history', 'groups:history'],
  reaction_added: ['reactions:read', 'channels:history', 'groups:history'],
  app_home_opened: ['users:read'],
  command: ['commands'],
  post: ['chat:write'],
  /** Support answers: user-group roles (usergroups.list) and the DM to the asker (conversations.open). */
  support: ['usergroups:read', 'im:write'],
};

describe('manifest.yml', () => {
  const reg = recorded();

  it('registration goes through the listener tables, nothing on the side', () => {
    expect(reg.command.sort()).toEqual(Object.keys(LISTENERS.commands).sort());
    expect(reg.event.sort()).toEqual(Object.keys(LISTENERS.events).sort());
    expect(reg.shortcut.sort()).toEqual(Object.keys(LISTENERS.shortcuts).sort());
    expect(reg.view.sort()).toEqual(Object.keys(LISTENERS.views).sort());
  });

  it('lists every slash command the code registers, and no other', () => {
    expect((manifest.features.slash_commands ?? []).map((c) => c.command).sort()).toEqual(reg.command.sort());
  });

  it('subscribes to every event the code registers, and no other', () => {
    const expected = reg.event.flatMap((e) => EVENT_SUBSCRIPTIONS[e] ?? [e]).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(expected);
  });

  it('lists every shortcut the code registers, and no other', () => {
    expect((manifest.features.shortcuts ?? []).map((s) => s.callback_id).sort()).toEqual(reg.shortcut.sort());
  });

  it('hints every subcommand a person can type, ask-devs included', () => {
    const hint = manifest.features.slash_commands?.[0]?.usage_hint ?? '';
    for (const sub of ['plan', 'ask', 'ask-devs', 'stuck', 'note', 'notes', 'status', 'incident open', 'help']) expect(hint).toContain(sub);
  });

  it('turns on the Messages tab, where the asker is told an answer was approved', () => {
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
  });

  it('turns on interactivity for buttons and forms, and the Home tab for app_home_opened', () => {
    expect(reg.action.length).toBeGreaterThan(0);
    expect(reg.view.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home?.home_tab_enabled).toBe(reg.event.includes('app_home_opened'));
  });

  it('asks for exactly the scopes the registered features need', () => {
    const support = reg.action.some((a) => a.startsWith('mentat_support_')) ? NEEDS.support ?? [] : [];
    const needed = new Set([...reg.event.flatMap((e) => NEEDS[e] ?? []), ...NEEDS.command ?? [], ...NEEDS.post ?? [], ...support]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
