// Block Kit as built: within Slack's limits, text from people escaped, and no button anywhere that
// remediates or asks for the next hint (G6).
import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../../coach/incident/api.ts';
import type { Incident, Phase, Turn, TurnType } from '../../coach/types.ts';
import { homeView } from '../../bots/slack/views/home.ts';
import { chunkBlocks, codeBlock, escapeText, LIMITS, textSections, truncate } from '../../bots/slack/views/limits.ts';
import { planModal } from '../../bots/slack/views/plan-modal.ts';
import { runResultBlocks } from '../../bots/slack/views/run-result.ts';
import { statusBlocks } from '../../bots/slack/views/status.ts';
import { turnsBlocks } from '../../bots/slack/views/turns.ts';
import { HELP_TEXT } from '../../bots/slack/views/help.ts';
import { homeNotesBlocks, noteSummary, notesBlocks, parseAnswerRef, parseNoteRef, publishedNoteBlocks } from '../../bots/slack/views/learning.ts';
import { parseSuggestionId, suggestionOf } from '../../bots/slack/views/turns.ts';
import type { SlackLearningNote } from '../../bots/slack/deps.ts';

const incident: Incident = {
  id: 7, key: 'INC-7', title: 'Checkout <!channel> errors', service: 'checkout', severity: 'SEV2', status: 'open',
  fingerprint: null, openedAt: '2026-01-01T00:00:00Z', openedBy: 'slack:U1', resolvedAt: null, channel: 'C1',
};
const card = {
  language: 'promql', text: 'sum by (code) (rate(http_requests_total{service="checkout"}[5m]))',
  explanation: [{ part: 'rate(…[5m])', says: 'per-second rate over 5 minutes' }],
  links: { prometheus: 'http://prom:9090/graph?g0.expr=x', grafana: 'https://grafana/explore?x', evil: 'javascript:alert(1)' },
};
const TYPES: [Phase, TurnType][] = [
  ['guide', 'ask_plan'], ['guide', 'clarify'], ['guide', 'stuck_nudge'], ['guide', 'colleague'], ['guide', 'cross_check'],
  ['explain', 'missing_step'], ['explain', 'process'], ['demonstrate', 'query'], ['demonstrate', 'link'], ['demonstrate', 'steps'],
  ['demonstrate', 'memory'], ['enhance', 'improve'], ['enhance', 'shortcut'], ['enhance', 'split_view'],
  ['enhance', 'recording_rule'], ['enhance', 'alert_refinement'], ['enhance', 'instrumentation'],
];
const SUGGESTING = new Set<TurnType>(['shortcut', 'split_view', 'recording_rule', 'alert_refinement', 'instrumentation']);
const turns: Turn[] = TYPES.map(([phase, type], i) => ({
  id: i + 1, incidentId: 7, at: '2026-01-01T00:00:00Z', phase, type, rule: 'X1', text: `turn ${type} <@U999> & <!here>`,
  engine: 'offline', fallback: null, to: 'slack:U1',
  fields: type === 'query' || type === 'memory' ? { query: card } : SUGGESTING.has(type) ? { suggestion: { id: 100 + i, kind: type, state: 'offered' } } : {},
}));
const note: SlackLearningNote = {
  id: 3, incidentId: 7, version: 2, state: 'draft', engine: 'offline',
  markdown: '# INC-7 Checkout errors\n\n## Summary\nCheckout <!channel> 5xx after the 12:00 deploy; rolled back at 12:20.\n\n## Questions\n1. What would you run?\n<details>SECRET-ANSWER-1</details>',
  questions: [{ question: 'What would you run to see <!here> slow endpoints?', answer: 'SECRET-ANSWER-1' }, { question: 'Who rolled back?', answer: 'SECRET-ANSWER-2' }],
};
const published: SlackLearningNote = { ...note, state: 'published', publishedBy: 'alice', publishedAt: '2026-01-02T00:00:00Z' };
const label = (p: string): string => p;
const view: IncidentView = {
  incident, timeline: [], notes: [{ id: 1, incidentId: 7, author: 'a', at: 'x', updatedAt: 'x', text: 'pinned <!channel>', pinned: true }],
  actions: [], turns, checklist: [{ id: 'ack', text: 'Acknowledge the page', done: false, applies: true }],
  plan: { id: 1, incidentId: 7, author: 'slack:U1', createdAt: 'x', text: '1. a', steps: [{ n: 1, text: 'a', state: 'open', updatedAt: 'x' }] },
};

/** Every button in a tree of blocks, wherever it sits. */
function buttons(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => buttons(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'button') out.push(o);
    Object.values(o).forEach((v) => buttons(v, out));
  }
  return out;
}

const FORBIDDEN = /next|hint|continue|do it|fix|remediat|roll ?back|restart|apply|execute|resolve|scale|deploy|page|approve/i;

describe('Block Kit views', () => {
  const everything = [
    turnsBlocks(turns, 'http://m/#/incident/7'), statusBlocks(view, null), homeView({ name: 'A', mine: [incident], others: [], incidentUrl: () => null }),
    planModal({ incidentId: 7, channel: 'C1', threadTs: null }, 'INC-7'), runResultBlocks('U1', card as never, { summary: 'ok' }, null),
    notesBlocks({ incident, pinned: view.notes, note, url: null, label }), publishedNoteBlocks(published, incident, '<@U1>', null),
    homeView({ name: 'A', mine: [], others: [], incidentUrl: () => null, notes: [{ incident, publishedAt: 'x', publishedBy: 'a' }] }),
  ];

  it('has no button that remediates or asks for more (G6): only Run, Open in…, Write my plan, Accept, Dismiss, Publish, Show answer', () => {
    const all = buttons(everything);
    expect(all.length).toBeGreaterThan(3);
    for (const b of all) {
      const label = (b.text as { text: string }).text;
      expect(label).not.toMatch(FORBIDDEN);
      expect(String(b.action_id)).not.toMatch(FORBIDDEN);
      expect(label).toMatch(/^(Run|Open in .+|Write my plan|Accept|Dismiss|Publish version \d+|Show answer)$/);
    }
  });

  it('never puts a non-http link on a button', () => {
    const urls = buttons(everything).map((b) => b.url).filter(Boolean);
    expect(urls).toEqual(['http://prom:9090/graph?g0.expr=x', 'https://grafana/explore?x', 'http://prom:9090/graph?g0.expr=x', 'https://grafana/explore?x']);
  });

  it('escapes people\'s text so it cannot mention everyone or forge links', () => {
    const shown = JSON.stringify(everything);
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<!here>');
    expect(shown).not.toContain('<@U999>');
    expect(escapeText('<a|b> & c')).toBe('&lt;a|b&gt; &amp; c');
    expect(codeBlock('a```b')).not.toMatch(/a```b/);
  });

  it('labels each turn with its phase and rule', () => {
    const shown = JSON.stringify(turnsBlocks(turns, null));
    for (const label of ['Explain', 'Demonstrate', 'Guide', 'Enhance']) expect(shown).toContain(label);
  });

  it('keeps sections under 3,000 characters and links to the full text when it cuts', () => {
    const long = { ...turns[0], text: 'x '.repeat(5_000) } as Turn;
    const blocks = turnsBlocks([long], 'http://m/#/incident/7');
    const texts = blocks.flatMap((b) => {
      const t = (b as { text?: { text?: unknown } }).text?.text;
      return typeof t === 'string' ? [t] : [];
    });
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(texts.some((t) => t.includes('http://m/#/incident/7'))).toBe(true);
    expect(truncate('short', 10)).toBe('short');
    expect(textSections('y'.repeat(7_000)).length).toBe(3);
  });

  it('splits past 50 blocks into messages in order', () => {
    const chunks = chunkBlocks(Array.from({ length: 120 }, (_, i) => i));
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunks.flat()).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });

  it('caps the Home tab at 100 blocks', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ ...incident, id: i + 1, key: `INC-${i + 1}` }));
    expect(homeView({ name: 'A', mine: many, others: [], incidentUrl: () => null }).blocks.length).toBeLessThanOrEqual(100);
  });

  it('help names every command', () => {
    for (const c of ['plan', 'ask', 'stuck', 'note', 'notes', 'notes draft', 'status', 'incident open']) expect(HELP_TEXT).toContain(`/mentat ${c}`);
  });

  it('gives every enhancement suggestion Accept and Dismiss carrying only its id, and nothing else those buttons', () => {
    const blocks = turnsBlocks(turns, null);
    const answers = buttons(blocks).filter((b) => /^mentat_suggestion_/.test(String(b.action_id)));
    expect(answers.map((b) => (b.text as { text: string }).text)).toEqual(Array.from({ length: SUGGESTING.size }, () => ['Accept', 'Dismiss']).flat());
    for (const b of answers) expect(String(b.value)).toMatch(/^\d+$/);
    expect(turns.filter((t) => suggestionOf(t)).map((t) => t.type).sort()).toEqual([...SUGGESTING].sort());
    // A non-enhance turn with a suggestion field, or a malformed one, gets no buttons.
    expect(suggestionOf({ phase: 'guide', fields: { suggestion: { id: 1, kind: 'x', state: 'offered' } } })).toBeNull();
    expect(suggestionOf({ phase: 'enhance', fields: { suggestion: { id: 'DROP TABLE', kind: 'x', state: 'offered' } } })).toBeNull();
    expect([parseSuggestionId('12'), parseSuggestionId('1;2'), parseSuggestionId('0'), parseSuggestionId(undefined)]).toEqual([12, null, null, null]);
  });

  it('posts a published note with its questions and none of its answers', () => {
    const shown = JSON.stringify(publishedNoteBlocks(published, incident, '<@U1>', 'http://m/#/incident/7'));
    expect(shown).toContain('Learning note for INC-7');
    expect(shown).toContain('published by <@U1>');
    expect(shown).toContain('rolled back at 12:20');
    expect(shown).toContain('Who rolled back?');
    expect(shown).not.toContain('SECRET-ANSWER');
    expect(shown).not.toContain('<!here>');
    expect(noteSummary('# T\n\n## Practice questions\n1. Q? A: SECRET\n\n## Timeline\n12:00 deploy')).toBe('12:00 deploy');
  });

  it('/mentat notes shows pinned notes and a draft with Publish of exactly its version; a published note without it', () => {
    const draft = notesBlocks({ incident, pinned: view.notes, note, url: 'http://m/#/incident/7', label });
    const shown = JSON.stringify(draft);
    expect(shown).toContain('pinned &lt;!channel&gt;');
    expect(shown).toContain('2 retrieval-practice questions');
    expect(buttons(draft).map((b) => [b.text, b.value])).toEqual([[{ type: 'plain_text', text: 'Publish version 2' }, '3:2']]);
    expect(buttons(notesBlocks({ incident, pinned: [], note: published, url: null, label }))).toEqual([]);
    expect(JSON.stringify(notesBlocks({ incident, pinned: [], note: null, url: null, label }))).toContain('/mentat notes draft');
    expect([parseNoteRef('3:2'), parseNoteRef('3'), parseAnswerRef('3:2:1'), parseAnswerRef('x')]).toEqual([{ noteId: 3, version: 2 }, null, { noteId: 3, version: 2, index: 1 }, null]);
  });

  it('keeps room for learning notes on a full Home tab', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ ...incident, id: i + 1, key: `INC-${i + 1}` }));
    const rows = Array.from({ length: 10 }, (_, i) => ({ incident: { ...incident, key: `INC-${i + 1}` }, publishedAt: 'x', publishedBy: null }));
    const home = homeView({ name: 'A', mine: many, others: [], incidentUrl: () => null, notes: rows });
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(home.blocks.slice(-10))).toContain('INC-10');
    expect(homeNotesBlocks([], () => null, label).length).toBe(2);
  });
});
