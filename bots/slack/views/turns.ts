// Coach turns as Block Kit: each labelled with its EDGE phase and rule; query turns become query cards.
// Buttons here only open things, run a query as the person, open the plan form, or answer an enhancement
// suggestion (H5: Accept / Dismiss records the person's answer, it changes nothing anywhere): never a
// remediation, never "continue" or "next hint" (G6).
import { z } from 'zod';
import type { Phase, Turn } from '../../../coach/types.ts';
import { codeBlock, context, escapeText, LIMITS, mrkdwn, truncate, type KnownBlock } from './limits.ts';

export const ACTIONS = {
  runQuery: 'mentat_run_query',
  openLink: 'mentat_open_link',
  openPlan: 'mentat_open_plan',
  acceptSuggestion: 'mentat_suggestion_accept',
  dismissSuggestion: 'mentat_suggestion_dismiss',
} as const;

/** The block holding a suggestion's buttons, found again when the answer replaces them. */
export const SUGGESTION_BLOCK_PREFIX = 'mentat_suggestion_';

const suggestionSchema = z.object({
  id: z.number().int().positive(),
  kind: z.string(),
  state: z.enum(['offered', 'accepted', 'dismissed']),
});
export type TurnSuggestion = z.infer<typeof suggestionSchema>;

/** The suggestion an enhancement turn offers (H2–H5), or null when it offers none. */
export function suggestionOf(turn: Pick<Turn, 'phase' | 'fields'>): TurnSuggestion | null {
  if (turn.phase !== 'enhance') return null;
  const parsed = suggestionSchema.safeParse(turn.fields?.suggestion);
  return parsed.success ? parsed.data : null;
}

/** A suggestion id from a button's value: digits only, so a forged value names at most another id. */
export function parseSuggestionId(value: string | undefined): number | null {
  if (!/^\d{1,12}$/.test(value ?? '')) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

export function suggestionButtons(id: number): KnownBlock {
  return { type: 'actions', block_id: `${SUGGESTION_BLOCK_PREFIX}${id}`, elements: [
    { type: 'button', action_id: ACTIONS.acceptSuggestion, value: String(id), text: { type: 'plain_text', text: 'Accept' } },
    { type: 'button', action_id: ACTIONS.dismissSuggestion, value: String(id), text: { type: 'plain_text', text: 'Dismiss' } },
  ] };
}

/** What replaces the buttons once the suggestion is answered. */
export function suggestionAnswered(id: number, state: 'accepted' | 'dismissed', by: string): KnownBlock {
  const text = state === 'accepted'
    ? `:white_check_mark: Accepted by ${by}: Mentat will remember it.`
    : `:heavy_multiplication_x: Dismissed by ${by}: suggestions of this kind rank lower for them.`;
  return { type: 'context', block_id: `${SUGGESTION_BLOCK_PREFIX}${id}`, elements: [{ type: 'mrkdwn', text }] };
}

const PHASE_LABEL: Record<Phase, string> = {
  explain: ':books: Explain',
  demonstrate: ':mag: Demonstrate',
  guide: ':compass: Guide',
  enhance: ':sparkles: Enhance',
};

const LINK_LABEL: Record<string, string> = { prometheus: 'Open in Prometheus', grafana: 'Open in Grafana Explore' };

export const queryCardSchema = z.object({
  language: z.enum(['promql', 'logql', 'traceql']),
  text: z.string().min(1),
  explanation: z.array(z.object({ part: z.string(), says: z.string() })).default([]),
  links: z.record(z.string(), z.string()).default({}),
  range: z.object({ from: z.string(), to: z.string() }).optional(),
});
export type QueryCardData = z.infer<typeof queryCardSchema>;

/** The card a query turn carries, or null when the turn has none (or it is malformed). */
export function cardOf(turn: Pick<Turn, 'type' | 'fields'>): QueryCardData | null {
  if (turn.type !== 'query' && turn.type !== 'memory') return null;
  const parsed = queryCardSchema.safeParse(turn.fields?.query);
  return parsed.success ? parsed.data : null;
}

function isHttpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function queryCardBlocks(card: QueryCardData, turnId: number, fullTextUrl: string | null): KnownBlock[] {
  const lang = { promql: 'PromQL', logql: 'LogQL', traceql: 'TraceQL' }[card.language];
  const blocks: KnownBlock[] = [mrkdwn(`*${lang}*\n${codeBlock(truncate(card.text, LIMITS.sectionText - 200, null))}`)];
  if (card.explanation.length > 0) {
    const lines = card.explanation.map((e) => `• \`${escapeText(e.part).replace(/`/g, "'")}\`: ${escapeText(e.says)}`);
    blocks.push(mrkdwn(lines.join('\n'), LIMITS.sectionText, fullTextUrl));
  }
  const buttons: NonNullable<Extract<KnownBlock, { type: 'actions' }>['elements']> = [
    { type: 'button', action_id: ACTIONS.runQuery, value: String(turnId), text: { type: 'plain_text', text: 'Run' } },
  ];
  Object.entries(card.links)
    .filter(([, url]) => isHttpUrl(url) && url.length <= 3000)
    .slice(0, 4)
    .forEach(([name, url], i) => {
      const text = truncate(LINK_LABEL[name] ?? `Open in ${name}`, LIMITS.buttonText);
      buttons.push({ type: 'button', action_id: `${ACTIONS.openLink}_${i}`, url, value: `${turnId}:${name}`, text: { type: 'plain_text', text } });
    });
  blocks.push({ type: 'actions', elements: buttons });
  return blocks;
}

/** Who a suggestion was for, as Slack shows a person: a mention for a Slack user. */
function answerer(to: string | null): string {
  const id = to?.startsWith('slack:') ? to.slice(6) : null;
  if (id && /^[UW][A-Z0-9]{2,30}$/.test(id)) return `<@${id}>`;
  return to ? escapeText(to) : 'its person';
}

export function turnBlocks(turn: Turn, fullTextUrl: string | null): KnownBlock[] {
  const label = `${PHASE_LABEL[turn.phase]} · ${escapeText(turn.rule)}${turn.engine !== 'offline' ? ` · ${escapeText(turn.engine)}` : ''}`;
  const blocks: KnownBlock[] = [context(label), mrkdwn(escapeText(turn.text), LIMITS.sectionText, fullTextUrl)];
  const card = cardOf(turn);
  if (card) blocks.push(...queryCardBlocks(card, turn.id, fullTextUrl));
  if (turn.type === 'ask_plan') {
    blocks.push({ type: 'actions', elements: [{
      type: 'button', action_id: ACTIONS.openPlan, value: String(turn.incidentId), text: { type: 'plain_text', text: 'Write my plan' },
    }] });
  }
  const suggestion = suggestionOf(turn);
  if (suggestion) {
    blocks.push(suggestion.state === 'offered'
      ? suggestionButtons(suggestion.id)
      : suggestionAnswered(suggestion.id, suggestion.state, answerer(turn.to)));
  }
  return blocks;
}

export function turnsBlocks(turns: Turn[], fullTextUrl: string | null): KnownBlock[] {
  return turns.flatMap((t, i) => (i === 0 ? turnBlocks(t, fullTextUrl) : [{ type: 'divider' }, ...turnBlocks(t, fullTextUrl)]));
}

/** One-line plain text for notifications and screen readers. */
export function turnsFallback(turns: Turn[]): string {
  return truncate(turns.map((t) => t.text).join(' / ') || 'Mentat', LIMITS.fallbackText);
}
