// An Enhance turn's suggestion (H1–H5) as the page shows it: what it offers, its state, and the parts
// some kinds carry (a recording rule's YAML, a split view's services and queries, a shortcut's button).
// Accepting means "yes, show me that"; nothing here runs anything (G6, D4).
import { z } from 'zod';
import type { Suggestion, Turn } from '../api/index.ts';

export type SuggestionState = 'offered' | 'accepted' | 'dismissed';

export interface ShortcutDef {
  id: string;
  label: string;
  on: string;
}

export interface SplitDef {
  services: [string, string];
  /** The queries each service was looked at with, in the order of `services` ('' when none). */
  queries: [string, string];
}

export interface SuggestionView {
  id: number;
  kind: string;
  state: SuggestionState;
  /** Who it was offered to, when the turn says so. */
  person: string | null;
  /** A short name for the offer, for buttons' accessible names. */
  label: string;
  yaml: string | null;
  record: string | null;
  split: SplitDef | null;
  shortcut: ShortcutDef | null;
}

const refSchema = z.looseObject({ id: z.number(), kind: z.string(), state: z.enum(['offered', 'accepted', 'dismissed']).default('offered'), person: z.string().optional() });
const shortcutSchema = z.looseObject({ id: z.string(), label: z.string(), on: z.string().default('query_card') });
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function splitOf(f: Record<string, unknown>): SplitDef | null {
  const services = z.tuple([z.string(), z.string()]).safeParse(f.services);
  if (!services.success) return null;
  const qs = Array.isArray(f.queries) ? f.queries : [];
  return { services: services.data, queries: [str(qs[0]), str(qs[1])] };
}

function labelOf(kind: string, f: Record<string, unknown>, shortcut: ShortcutDef | null, split: SplitDef | null): string {
  switch (kind) {
    case 'shortcut':
      return shortcut ? `${shortcut.label} button` : 'shortcut';
    case 'split_view':
      return split ? `split view of ${split.services[0]} and ${split.services[1]}` : 'split view';
    case 'recording_rule':
      return str(f.record) ? `recording rule ${str(f.record)}` : 'recording rule';
    case 'alert_refinement':
      return str(f.alert) ? `refine alert ${str(f.alert)}` : 'alert refinement';
    case 'instrumentation': {
      const m = z.array(z.string()).safeParse(f.metrics);
      return m.success && m.data.length ? `instrumentation for ${m.data.join(' and ')}` : 'instrumentation';
    }
    case 'improve':
      return 'improve the query';
    default:
      return kind.replace(/_/g, ' ');
  }
}

/** The suggestion a turn offers, or null when it offers none (or the server did not record the offer). */
export function suggestionOf(turn: Turn): SuggestionView | null {
  const f = turn.fields ?? {};
  const ref = refSchema.safeParse(f.suggestion);
  if (!ref.success) return null;
  const sc = shortcutSchema.safeParse(f.shortcut);
  const shortcut = sc.success ? sc.data : null;
  const split = splitOf(f);
  const kind = ref.data.kind;
  return {
    id: ref.data.id,
    kind,
    state: ref.data.state,
    // The turn names whom it speaks to (`to`); only that person may answer its suggestion.
    person: ref.data.person ?? (typeof (turn as { to?: unknown }).to === 'string' ? (turn as { to: string }).to : null),
    label: labelOf(kind, f, shortcut, split),
    yaml: str(f.yaml) || null,
    record: str(f.record) || null,
    split: kind === 'split_view' ? split : null,
    shortcut: kind === 'shortcut' ? shortcut : null,
  };
}

export const STATE_LABELS: Record<SuggestionState, string> = { offered: 'Offered', accepted: 'Accepted', dismissed: 'Dismissed' };

/** A shortcut a query card can show: `run_and_open_<tool>` adds "Run and open in <Tool>". */
export function runAndOpenTool(shortcutId: string): string | null {
  const m = /^run_and_open_(\w+)$/.exec(shortcutId);
  return m?.[1] ?? null;
}

/**
 * The shortcuts a person accepted, by id: from the server's list of their accepted suggestions, their
 * own answers this session, and the live `suggestion` events about them.
 */
export function acceptedShortcuts(list: Suggestion[], person: string, turns: Turn[]): Set<string> {
  const out = new Set<string>();
  const byId = new Map<number, SuggestionView>();
  for (const t of turns) {
    const s = suggestionOf(t);
    if (s) byId.set(s.id, s);
  }
  for (const s of list) {
    if (s.kind !== 'shortcut' || s.state !== 'accepted') continue;
    if (s.person && s.person.toLowerCase() !== person.toLowerCase()) continue;
    const key = typeof s.key === 'string' ? s.key : byId.get(s.id)?.shortcut?.id;
    if (key) out.add(key);
  }
  return out;
}
