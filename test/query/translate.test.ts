// The offline translator against the real lab: held-out questions scored by execution, declines with the
// closest metrics, injection attempts, and the property that every shown query parses and names only
// catalog metrics and labels.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import { createTranslator } from '../../coach/query/translator.ts';
import { quote } from '../../coach/query/promql-text.ts';
import { unquote } from '../../coach/query/validate.ts';
import type { Catalog } from '../../coach/query/api.ts';
import { systemClock } from '../../coach/types.ts';
import { evaluate, formatted, labStore, sameAnswer, type LabStore } from './helpers.ts';

let lab: LabStore;
beforeAll(async () => { lab = await labStore(); });
afterAll(() => lab.cleanup());

const now = (): string => new Date().toISOString();
const translator = (): ReturnType<typeof createTranslator> => createTranslator({ catalog: lab.catalog, clock: systemClock, links: { prometheusUrl: lab.url } });

/** Independent of the translator's own validator: walks the parse tree and checks names against the catalog. */
function namesOnlyCatalog(query: string, catalog: Catalog): string[] {
  const problems: string[] = [];
  const tree = parser.parse(query);
  tree.iterate({
    enter(n) {
      if (n.type.isError) problems.push(`error node at ${n.from}`);
      if (n.name !== 'VectorSelector') return;
      const id = n.node.getChild('Identifier');
      const name = id ? query.slice(id.from, id.to) : '';
      const fam = catalog.familyOfSample(name);
      if (!fam) { problems.push(`unknown metric ${name}`); return; }
      for (const m of n.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
        const ln = m.getChild('LabelName');
        const label = ln ? query.slice(ln.from, ln.to) : '';
        if (!fam.labels.includes(label) && label !== 'quantile' && label !== 'le') problems.push(`${name} has no label ${label}`);
      }
    },
  });
  return problems;
}

describe('held-out questions, scored by execution on the lab', () => {
  // heldout2.jsonl: other phrasings about other metrics of the lab (goroutines, inodes, conntrack, WAL, sd …).
  for (const file of ['heldout.jsonl', 'heldout2.jsonl']) {
    it(`${file}: answers at least 90% right with at most 2 wrong`, async () => {
      const lines = readFileSync(resolve(import.meta.dirname, file), 'utf8').split('\n').filter(Boolean);
      const t = translator();
      let right = 0;
      const wrong: string[] = [];
      for (const line of lines) {
        const q = JSON.parse(line) as { id: string; question: string; expected: string[] };
        const r = await t.translate(q.question, { now: now() });
        if (r.query === null) continue;
        let ok = false;
        for (const e of q.expected) {
          if (await sameAnswer(lab.url, e, r.query)) { ok = true; break; }
        }
        if (ok) right++;
        else wrong.push(`${q.id}: ${r.query}`);
      }
      expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(2);
      expect(right / lines.length).toBeGreaterThanOrEqual(0.9);
    });
  }
  // The blind sets, once reported, are regression floors at what was measured (docs/queries.md, "Measured"):
  // nothing here was tuned to their items, and a change that loses right answers or adds wrong ones shows.
  // Measured at 407084d on the test lab: blind-3 63 right / 29 wrong, blind-4 67 / 28; a margin for the lab's age.
  const BLIND: Record<string, { right: number; wrong: number }> = { 'blind-3.jsonl': { right: 58, wrong: 33 }, 'blind-4.jsonl': { right: 62, wrong: 32 } };
  for (const [file, limit] of Object.entries(BLIND)) {
    it(`${file}: at least ${limit.right} right and at most ${limit.wrong} wrong, as first reported`, async () => {
      const lines = readFileSync(resolve(import.meta.dirname, file), 'utf8').split('\n').filter(Boolean);
      const t = translator();
      let right = 0;
      let wrong = 0;
      for (const line of lines) {
        const q = JSON.parse(line) as { id: string; question: string; expected: string[] };
        const r = await t.translate(q.question, { now: now() });
        if (r.query === null) continue;
        let ok = false;
        for (const e of q.expected) if (!ok && (await sameAnswer(lab.url, e, r.query))) ok = true;
        if (ok) right++;
        else wrong++;
      }
      console.log(`${file}: ${right} right, ${wrong} wrong, ${lines.length - right - wrong} declined of ${lines.length}`);
      expect(right).toBeGreaterThanOrEqual(limit.right);
      expect(wrong).toBeLessThanOrEqual(limit.wrong);
    }, 240_000);
  }
});

describe('declines rather than guesses', () => {
  it('declines gibberish with a reason', async () => {
    const r = await translator().translate('blorf zzyzx quux frobnicate', { now: now() });
    expect(r.query).toBeNull();
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/\w+/);
  });

  it('declines a metric the catalog does not have, naming the closest', async () => {
    const r = await translator().translate('what is the checkout error rate?', { now: now() });
    expect(r.query).toBeNull();
    expect(r.reason).toContain('checkout');
    expect(r.closest?.length).toBeGreaterThan(0);
    for (const c of r.closest ?? []) expect(lab.catalog.family(c)).toBeDefined();
  });

  it('declines rather than drop a named thing the catalog does not have', async () => {
    const r = await translator().translate('p99 latency of the /api/v1/nonexistent handler', { now: now() });
    expect(r.query).toBeNull();
    expect(r.reason).toContain('"/api/v1/nonexistent"');
    const known = await translator().translate('p99 latency of the /api/v1/query handler', { now: now() });
    expect(known.query).toContain('handler="/api/v1/query"');
  });

  it('declines a histogram question that names no percentile', async () => {
    const r = await translator().translate('http request latency', { now: now() });
    expect(r.query).toBeNull();
    expect(r.reason).toMatch(/percentile/);
  });
});

describe('a question can never inject PromQL', () => {
  const attempts = [
    'requests to handler "/x\\"}) or vector(1) #"',
    'p99 latency of the "/api/v1/query\\"} or up{" handler',
    'is the "node\\\\" or on() vector(1)" exporter up?',
    'error rate for handler `"} or vector(42) or {a="`',
  ];
  for (const q of attempts) {
    it(`stays a catalog query, or declines saying why: ${q}`, async () => {
      const r = await translator().translate(q, { now: now() });
      if (r.query === null) {
        // A decline is right here only as a real decline: not valid, with a reason, and nothing of the attempt run.
        expect(r.valid).toBe(false);
        expect(r.reason).toMatch(/\w{3,}/);
        return;
      }
      expect(r.valid).toBe(true);
      expect(r.query).not.toMatch(/vector\(|or on|or up/);
      expect(namesOnlyCatalog(r.query, lab.catalog)).toEqual([]);
      // Whatever the attempt smuggled in stays inside one string literal, which Prometheus formats back the same.
      expect(await formatted(lab.url, r.query)).not.toBeNull();
    });
  }

  it('escapes quotes and backslashes so the value round-trips through the grammar and Prometheus', async () => {
    for (const v of ['a"b', 'c\\d', '"}) or vector(1) #', 'x\ny']) {
      const q = `up{job=${quote(v)}}`;
      const tree = parser.parse(q);
      let errors = 0;
      let literal = '';
      tree.iterate({ enter: (n) => { if (n.type.isError) errors++; if (n.name === 'StringLiteral') literal = q.slice(n.from, n.to); } });
      expect(errors).toBe(0);
      expect(unquote(literal)).toBe(v);
      expect((await evaluate(lab.url, q)).size).toBe(0);
    }
  });
});

describe('property: every shown query parses and names only catalog metrics and labels', () => {
  it('holds for random questions', async () => {
    const t = translator();
    const words = ['rate', 'p99', 'p50', 'average', 'top 5', 'bottom 2', 'by handler', 'per job', 'for each device', 'percent', 'fraction',
      'in the last hour', 'compared to 1 hour ago', 'will it run out in 4 hours', 'uptime', 'is it up', 'which are down', 'errors', '5xx',
      'memory', 'cpu', 'disk', 'network', 'requests', 'latency', 'goroutines', 'node', 'prometheus', 'filesystem', 'root', 'idle',
      'tsdb', 'head', 'series', 'scrape', 'collector', 'handler', '/api/v1/query', 'query endpoint', 'bytes', 'per second', 'gc', 'heap'];
    const junk = fc.string({ maxLength: 12 });
    let asked = 0;
    let answered = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...words), junk), { minLength: 1, maxLength: 7 }), async (parts) => {
      const r = await t.translate(parts.join(' '), { now: now() });
      asked++;
      if (r.query === null) return true;
      answered++;
      expect(r.language === 'promql' ? namesOnlyCatalog(r.query, lab.catalog) : []).toEqual([]);
      return true;
    }), { numRuns: 300 });
    // Declining everything would pass the property: enough questions must be answered for it to say something.
    // (About 18% of these random bags of words are answered; a floor of 10% keeps seeds from flaking.)
    expect(answered / asked).toBeGreaterThanOrEqual(0.1);
  });
});
