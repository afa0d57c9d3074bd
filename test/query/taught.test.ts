// Team-taught answers (D5): a query a person ran for a question answers the next similar question first, in any
// incident, saying whose it is. Measured on test/query/taught-paraphrases.jsonl, written by someone who had not
// read the code: how often a paraphrase of a corrected question gets the corrected query, before and after the
// correction was taught, and how often a different question that shares words is wrongly offered it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrateContext, QueryCard } from '../../coach/query/api.ts';
import { createDemonstrator } from '../../coach/query/demonstrator.ts';
import { taughtAnswer } from '../../coach/query/taught.ts';
import { createTranslator } from '../../coach/query/translator.ts';
import type { TurnDraft } from '../../coach/types.ts';
import { systemClock } from '../../coach/types.ts';
import { labStore, sameAnswer, type LabStore } from './helpers.ts';

let lab: LabStore;
beforeAll(async () => { lab = await labStore(); });
afterAll(() => lab.cleanup());

interface Item { id: string; taught: string; query: string; paraphrases: string[]; others: string[] }
const items = (): Item[] => readFileSync(resolve(import.meta.dirname, 'taught-paraphrases.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);

function demonstrator(): { demo: ReturnType<typeof createDemonstrator>; ctx: (incidentId: number) => DemonstrateContext } {
  const translator = createTranslator({ catalog: lab.catalog, clock: systemClock, links: { prometheusUrl: lab.url } });
  const demo = createDemonstrator({ translator, store: lab.store, links: [], prometheusUrl: lab.url, catalog: () => lab.catalog });
  return { demo, ctx: (incidentId) => ({ incidentId, incidentKey: `INC-${incidentId}`, service: null, alertStart: null, now: new Date().toISOString(), asker: 'bob' }) };
}

/** The first query the coach offers for a question (team memory's or a fresh one), or null. */
const firstQuery = (turns: TurnDraft[]): string | null => (turns.find((t) => t.fields?.query)?.fields?.query as QueryCard | undefined)?.text ?? null;

function teach(actor: string, question: string, query: string, suggested?: string): number {
  const inc = lab.store.incidents.create({ title: `taught ${question}`, severity: 'SEV3', openedAt: '2026-03-02T10:00:00Z', openedBy: actor });
  lab.store.actions.add({
    incidentId: inc.id, actor, at: '2026-03-02T10:05:00Z', kind: 'query_run', text: query,
    payload: { query, language: 'promql', question, ...(suggested ? { suggested } : {}) },
  });
  return inc.id;
}

describe('team-taught answers', () => {
  it('offer a corrected query for a reworded question in another incident, saying who taught it, and keep the fresh translation beside it', async () => {
    const { demo, ctx } = demonstrator();
    const asked = lab.store.incidents.create({ title: 'now', severity: 'SEV2', openedAt: new Date().toISOString(), openedBy: 'bob' });
    const fresh = firstQuery(await demo.demonstrate('how many goroutines does prometheus run', ctx(asked.id)));
    expect(fresh).not.toBeNull();
    const corrected = 'max(go_goroutines{job="prometheus"})';
    const where = teach('maria', 'how many goroutines does prometheus run', corrected, fresh ?? undefined);
    const turns = await demo.demonstrate('number of goroutines prometheus is running', ctx(asked.id));
    expect(turns[0]).toMatchObject({ type: 'memory', rule: 'D5', fields: { by: 'maria', incident: `INC-${where}`, taught: { question: 'how many goroutines does prometheus run', edited: true } } });
    expect(turns[0]?.text).toBe(`Maria corrected and ran this for a similar question in INC-${where} (“how many goroutines does prometheus run”): ${corrected}`);
    // Whose answer is whose: the fresh translation is still there when it differs, and each card knows its question.
    expect(fresh).not.toBe(corrected);
    expect(turns.map((t) => [t.type, t.rule])).toEqual([['memory', 'D5'], ['query', 'D1']]);
    expect(turns[1]?.text).toMatch(/^My own reading of the question gives a different query/);
    for (const t of turns) expect((t.fields?.query as QueryCard).question).toBe('number of goroutines prometheus is running');
  });

  it('never offers a taught query across opposite words, another percentile or another ranking', () => {
    teach('sam', 'disk read bytes per second on vda', 'rate(node_disk_read_bytes_total{device="vda"}[5m])');
    teach('sam', 'p90 of http request duration for prometheus', 'histogram_quantile(0.9, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[5m])))');
    const offered = (q: string): string => taughtAnswer(lab.store, q, { catalog: lab.catalog })?.query ?? '(none)';
    expect(offered('vda disk read bytes per second')).toBe('rate(node_disk_read_bytes_total{device="vda"}[5m])');
    expect(offered('disk write bytes per second on vda')).not.toBe('rate(node_disk_read_bytes_total{device="vda"}[5m])');
    expect(offered('p99 of http request duration for prometheus')).not.toContain('0.9,');
    expect(offered('top 3 http request durations for prometheus')).not.toContain('0.9,');
  });

  it('raise accuracy on blind paraphrases of corrected questions, and rarely offer them to different questions', async () => {
    const set = items();
    expect(set.length).toBeGreaterThanOrEqual(30);
    const { demo, ctx } = demonstrator();
    const asked = lab.store.incidents.create({ title: 'paraphrases', severity: 'SEV2', openedAt: new Date().toISOString(), openedBy: 'bob' });
    const score = async (): Promise<{ right: number; of: number }> => {
      let right = 0;
      let of = 0;
      for (const it of set) {
        for (const p of it.paraphrases) {
          of++;
          const q = firstQuery(await demo.demonstrate(p, ctx(asked.id)));
          if (q !== null && (await sameAnswer(lab.url, it.query, q))) right++;
        }
      }
      return { right, of };
    };
    const before = await score();
    for (const [k, it] of set.entries()) teach(`user-${k}`, it.taught, it.query);
    const after = await score();
    let wronglyOffered = 0;
    for (const it of set) {
      for (const o of it.others) {
        const turns = await demo.demonstrate(o, ctx(asked.id));
        const taught = turns.find((t) => t.fields?.taught);
        if (taught && (taught.fields?.query as QueryCard).text === it.query) wronglyOffered++;
      }
    }
    const others = set.reduce((n, it) => n + it.others.length, 0);
    console.log(`taught paraphrases: right ${before.right}/${before.of} before teaching, ${after.right}/${after.of} after; different questions offered the taught query: ${wronglyOffered}/${others}`);
    // First scored (design fixed before the set was read): 8/60 before, 39/60 after, 7/30 wrongly offered (since: 8–9, 38–39, 7). These
    // bounds keep that from getting worse; they are not a target the code was fitted to.
    expect(after.right).toBeGreaterThanOrEqual(before.right + 25);
    expect(wronglyOffered).toBeLessThanOrEqual(8);
  }, 240_000);
});
