// Candidates with a decline: when the translator will not answer, it offers up to three valid queries over the
// best-ranked metrics, each a card that knows the question (running one is a taught answer). Measured on the
// blind sets test/query/blind-3.jsonl and blind-4.jsonl: how often the right query is among a decline's candidates.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryCard } from '../../coach/query/api.ts';
import { createDemonstrator } from '../../coach/query/demonstrator.ts';
import { createTranslator } from '../../coach/query/translator.ts';
import { validatePromQL } from '../../coach/query/validate.ts';
import { systemClock } from '../../coach/types.ts';
import { labStore, sameAnswer, type LabStore } from './helpers.ts';

let lab: LabStore;
beforeAll(async () => { lab = await labStore(); });
afterAll(() => lab.cleanup());

const translator = (): ReturnType<typeof createTranslator> => createTranslator({ catalog: lab.catalog, clock: systemClock, links: { prometheusUrl: lab.url } });

describe('candidates with a decline', () => {
  it('are valid, different, at most three, and cards that carry the question', async () => {
    const demo = createDemonstrator({ translator: translator(), store: lab.store, links: [], prometheusUrl: lab.url, catalog: () => lab.catalog });
    const inc = lab.store.incidents.create({ title: 'x', severity: 'SEV3', openedAt: new Date().toISOString(), openedBy: 'bob' });
    let offered = 0;
    for (const question of ['vda write iops', 'page faults/s', 'disk time queued', 'how much swap is in use']) {
      const turns = await demo.demonstrate(question, { incidentId: inc.id, incidentKey: inc.key, service: null, alertStart: null, now: new Date().toISOString(), asker: 'bob' });
      const decline = turns.find((t) => t.type === 'decline');
      if (!decline) continue;
      const cards = (decline.fields?.candidates ?? []) as QueryCard[];
      expect(cards.length).toBeLessThanOrEqual(3);
      expect(new Set(cards.map((c) => c.text)).size).toBe(cards.length);
      for (const c of cards) {
        expect(validatePromQL(c.text, lab.catalog).ok).toBe(true);
        expect(c.question).toBe(question);
        expect(decline.text).toContain(c.text);
      }
      offered += cards.length > 0 ? 1 : 0;
    }
    expect(offered).toBeGreaterThan(0);
  });

  // Measured from 407084d on the young test lab: blind-3 21 of 49 declines, blind-4 (scored once) 22–26 of 37 (the
  // lab's age moves a few). Floors with room for that, not targets.
  const FLOORS: Record<string, { among: number }> = { 'blind-3.jsonl': { among: 17 }, 'blind-4.jsonl': { among: 18 } };
  for (const [file, floor] of Object.entries(FLOORS)) {
    it(`hold the right query for many of ${file}'s declines`, async () => {
      const lines = readFileSync(resolve(import.meta.dirname, file), 'utf8').split('\n').filter(Boolean);
      const t = translator();
      let declined = 0;
      let among = 0;
      let withCandidates = 0;
      for (const line of lines) {
        const q = JSON.parse(line) as { id: string; question: string; expected: string[] };
        const r = await t.translate(q.question, { now: new Date().toISOString() });
        if (r.query !== null) continue;
        declined++;
        const cands = r.candidates ?? [];
        if (cands.length > 0) withCandidates++;
        let hit = false;
        for (const c of cands) for (const e of q.expected) if (!hit && (await sameAnswer(lab.url, e, c.query))) hit = true;
        if (hit) among++;
      }
      console.log(`${file} declines: ${declined}; with candidates ${withCandidates}; right query among them ${among} (${declined ? Math.round((100 * among) / declined) : 0}%)`);
      expect(declined).toBeGreaterThan(0);
      expect(among).toBeGreaterThanOrEqual(floor.among);
    }, 240_000);
  }
});
