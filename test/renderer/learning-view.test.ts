// The pure parts of the learning-note review and the suggestion turns: the markdown reader (text stays
// text, folds become disclosure data), a note's newer copy, and what a suggestion turn offers.
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText, sectionTitles, withoutSection, type Block } from '../../renderer/src/learning/markdown.ts';
import { newerNote } from '../../renderer/src/learning/useLearningNote.ts';
import { noteFilename } from '../../renderer/src/learning/download.ts';
import { acceptedShortcuts, runAndOpenTool, suggestionOf } from '../../renderer/src/coach/suggestion.ts';
import { applySuggestion } from '../../renderer/src/incident/merge.ts';
import type { IncidentView, LearningNote, Turn } from '../../renderer/src/api/index.ts';
import { asChange } from '../../renderer/src/api/schemas.ts';

const NOTE_MD = [
  '# INC-1 Checkout 5xx errors above SLO',
  '',
  '## Timeline',
  '- 09:56 deploy of **checkout** v2.4.1 by alice',
  '- 10:02 alert `CheckoutHighErrorRate` fired',
  '',
  '## Queries that mattered',
  '```promql',
  'sum by (handler) (rate(http_requests_total{status=~"5.."}[5m]))',
  '```',
  '',
  '## Questions for the reader',
  '1. What would you run to see which endpoints failed?',
  '<details><summary>Answer</summary>',
  '',
  'The 5xx rate **by handler**.',
  '</details>',
  '',
  '<script>alert(1)</script> and <img src=x onerror=alert(2)>',
].join('\n');

describe('learning note markdown', () => {
  const blocks = parseMarkdown(NOTE_MD);

  it('reads headings, lists, fenced code and folds', () => {
    expect(sectionTitles(blocks)).toEqual(['Timeline', 'Queries that mattered', 'Questions for the reader']);
    const list = blocks.find((b): b is Extract<Block, { kind: 'list' }> => b.kind === 'list');
    expect(list?.items.map(plainText)).toEqual(['09:56 deploy of checkout v2.4.1 by alice', '10:02 alert CheckoutHighErrorRate fired']);
    expect(list?.items[0]).toContainEqual({ kind: 'strong', children: [{ kind: 'text', text: 'checkout' }] });
    expect(blocks).toContainEqual({ kind: 'code', lang: 'promql', text: 'sum by (handler) (rate(http_requests_total{status=~"5.."}[5m]))' });
    const fold = blocks.find((b): b is Extract<Block, { kind: 'details' }> => b.kind === 'details');
    expect(plainText(fold?.summary ?? [])).toBe('Answer');
    expect(fold?.blocks).toEqual([{ kind: 'paragraph', text: [{ kind: 'text', text: 'The 5xx rate ' }, { kind: 'strong', children: [{ kind: 'text', text: 'by handler' }] }, { kind: 'text', text: '.' }] }]);
  });

  it('keeps any other markup as plain text, never as elements', () => {
    const last = blocks[blocks.length - 1];
    expect(last).toEqual({ kind: 'paragraph', text: [{ kind: 'text', text: '<script>alert(1)</script> and <img src=x onerror=alert(2)>' }] });
  });

  it('links only http(s) targets; others keep their words', () => {
    expect(parseInline('[runbook](https://runbooks.example/checkout)')).toEqual([{ kind: 'link', href: 'https://runbooks.example/checkout', children: [{ kind: 'text', text: 'runbook' }] }]);
    const bad = parseInline('[click](javascript:alert(1))');
    expect(bad.some((x) => x.kind === 'link')).toBe(false);
    expect(plainText(bad)).toMatch(/^click/);
  });

  it('reads a one-line fold, nested folds and a summary on its own line', () => {
    const one = parseMarkdown('<details><summary>Show answer</summary>rate() over 5m</details>');
    expect(one).toEqual([{ kind: 'details', summary: [{ kind: 'text', text: 'Show answer' }], blocks: [{ kind: 'paragraph', text: [{ kind: 'text', text: 'rate() over 5m' }] }] }]);
    const own = parseMarkdown('<details>\n<summary>Why</summary>\n\n- a\n- b\n</details>\nafter');
    expect(own[0]).toMatchObject({ kind: 'details', blocks: [{ kind: 'list', items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] }] });
    expect(own[1]).toEqual({ kind: 'paragraph', text: [{ kind: 'text', text: 'after' }] });
  });

  it('leaves out the questions section when the questions show as cards', () => {
    expect(sectionTitles(parseMarkdown(withoutSection(NOTE_MD, 'Questions for the reader')))).toEqual(['Timeline', 'Queries that mattered']);
    expect(withoutSection('# a\n\nno sections\n', 'Questions for the reader')).toBe('# a\n\nno sections\n');
  });

  it('names the export file after the incident and version', () => {
    expect(noteFilename('INC-1', 3)).toBe('INC-1-learning-note-v3.md');
  });
});

const note = (over: Partial<LearningNote>): LearningNote => ({
  id: 1, incidentId: 1, version: 1, state: 'draft', markdown: '', engine: 'offline', questions: [], sources: { queries: [], actions: [] }, ...over,
});

describe('a note kept current', () => {
  it('never goes back to an older version; a published copy of the same version wins', () => {
    expect(newerNote(note({ version: 2 }), note({ version: 1 })).version).toBe(2);
    expect(newerNote(note({ version: 1 }), note({ version: 2 })).version).toBe(2);
    expect(newerNote(note({ version: 2, state: 'published' }), note({ version: 2 })).state).toBe('published');
    expect(newerNote(note({ version: 2 }), note({ version: 2, state: 'published' })).state).toBe('published');
    expect(newerNote(null, note({ version: 1 })).version).toBe(1);
  });

  it('parses the live learning_note and suggestion events', () => {
    const n = { id: 4, incidentId: 2, version: 1, state: 'draft', markdown: '# x', engine: 'offline', questions: [{ question: 'q', answer: 'a' }], sources: { queries: [], actions: [] } };
    expect(asChange({ type: 'learning_note', incidentId: 2, note: n })).toMatchObject({ type: 'learning_note', note: { id: 4, questions: [{ question: 'q' }] } });
    expect(asChange({ type: 'suggestion', incidentId: 2, suggestion: { id: 9, kind: 'shortcut', key: 'run_and_open_grafana', state: 'accepted', person: 'alice' } }))
      .toMatchObject({ type: 'suggestion', suggestion: { id: 9, state: 'accepted' } });
  });
});

const turn = (type: string, fields: Record<string, unknown>, id = 1): Turn =>
  ({ id, incidentId: 1, at: '2026-01-01T10:00:00Z', phase: 'enhance', type, rule: 'H2', text: 'offer', engine: 'offline', fields }) as unknown as Turn;

describe('suggestion turns', () => {
  const shortcut = turn('shortcut', {
    steps: ['query_run', 'link_opened'],
    shortcut: { id: 'run_and_open_grafana', label: 'Run and open in Grafana', on: 'query_card' },
    suggestion: { id: 7, kind: 'shortcut', state: 'offered' },
  });
  const split = turn('split_view', { services: ['cart', 'checkout'], queries: ['up{job="cart"}', ''], suggestion: { id: 8, kind: 'split_view', state: 'offered' } }, 2);
  const rule = turn('recording_rule', { record: 'job:http_5xx:rate5m', yaml: 'groups:\n  - name: mentat\n', suggestion: { id: 9, kind: 'recording_rule', state: 'accepted' } }, 3);

  it('reads what each kind offers', () => {
    expect(suggestionOf(shortcut)).toMatchObject({ id: 7, state: 'offered', label: 'Run and open in Grafana button', shortcut: { id: 'run_and_open_grafana' } });
    expect(suggestionOf(split)).toMatchObject({ label: 'split view of cart and checkout', split: { services: ['cart', 'checkout'], queries: ['up{job="cart"}', ''] } });
    expect(suggestionOf(rule)).toMatchObject({ state: 'accepted', label: 'recording rule job:http_5xx:rate5m', yaml: 'groups:\n  - name: mentat\n' });
    // No id: the server did not record an offer, so there is nothing to answer.
    expect(suggestionOf(turn('shortcut', { suggestion: { kind: 'shortcut', key: 'x' } }))).toBeNull();
    expect(suggestionOf(turn('improve', {}))).toBeNull();
  });

  it('folds an answer into the turn that offered it', () => {
    const view = { turns: [shortcut, split] } as unknown as IncidentView;
    const next = applySuggestion(view, { id: 8, state: 'dismissed' });
    expect(next.turns.map((t) => suggestionOf(t)?.state)).toEqual(['offered', 'dismissed']);
    expect(applySuggestion(next, { id: 8, state: 'dismissed' })).toBe(next);
  });

  it('remembers the accepted shortcuts of this person only', () => {
    const list = [
      { id: 7, kind: 'shortcut', state: 'accepted' as const, person: 'alice' },
      { id: 10, kind: 'shortcut', key: 'run_and_open_prometheus', state: 'accepted' as const, person: 'bob' },
      { id: 11, kind: 'shortcut', key: 'open_trace_copy_id', state: 'dismissed' as const, person: 'alice' },
    ];
    expect([...acceptedShortcuts(list, 'alice', [shortcut])]).toEqual(['run_and_open_grafana']);
    expect(runAndOpenTool('run_and_open_grafana')).toBe('grafana');
    expect(runAndOpenTool('open_trace_copy_id')).toBeNull();
  });
});
