// The offline translator's stages one at a time: reading (lemmas, words the shape reads), scoring with
// evidence, a label value named alone, one word naming one value, and confidence with abstention.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricFamily } from '../../coach/query/api.ts';
import { indexCatalog, memoryCatalog } from '../../coach/query/catalog.ts';
import { abstention, confidenceOf, FEATURES, features, SHOW_AT, type Evidence } from '../../coach/query/confidence.ts';
import { evidenceFor, translateOffline } from '../../coach/query/offline.ts';
import { readQuestion } from '../../coach/query/question.ts';
import { readFor, scoreFamilies } from '../../coach/query/score.ts';
import { lemma, norm } from '../../coach/query/text.ts';
import { createTranslator } from '../../coach/query/translator.ts';
import { workspaceCatalog } from '../../coach/query/workspace-catalog.ts';
import { parseMetrics } from '../../coach/workspace/metrics.ts';
import { systemClock } from '../../coach/types.ts';

const fam = (name: string, type: MetricFamily['type'], help: string, labels: string[]): MetricFamily => ({ name, type, help, unit: '', samples: [name], labels });
const catalog = memoryCatalog('t', new Date().toISOString(), [
  fam('node_disk_written_bytes_total', 'counter', 'The total number of bytes written successfully.', ['device', 'instance']),
  fam('node_disk_read_bytes_total', 'counter', 'The total number of bytes read successfully.', ['device', 'instance']),
  fam('node_network_receive_bytes_total', 'counter', 'Network device statistic receive_bytes.', ['device', 'instance']),
  fam('prometheus_http_requests_total', 'counter', 'Counter of HTTP requests.', ['handler', 'code', 'instance']),
], (f, l) => (l === 'device' ? ['vda', 'eth0'] : l === 'handler' ? ['/metrics', '/api/v1/query'] : l === 'code' ? ['200', '500'] : []));

const demo = workspaceCatalog(parseMetrics(readFileSync(resolve(import.meta.dirname, '../../workspace/demo/metrics.yml'), 'utf8')), new Date().toISOString());

describe('reading', () => {
  it('takes inflections from the lemmatizer, irregular ones too, and agrees between questions and names', () => {
    expect(lemma('took')).toBe('take');
    expect(lemma('written')).toBe('write');
    expect(lemma('retries')).toBe('retry');
    expect(lemma('indices')).toBe('index');
    // WordNet does not know it: the light suffix rule, the same for both forms.
    expect(lemma('goroutines')).toBe(lemma('goroutine'));
    expect(norm('written')).toBe(norm('writes'));
    expect(norm('received')).toBe(norm('receive'));
  });

  it('leaves out of the content the words the query shape reads: time since, thresholds, units', () => {
    for (const q of ['bytes written in MiB', 'bytes written above 300', 'how long since bytes written', 'received in megabits per second']) {
      const r = readFor(catalog, indexCatalog(catalog), readQuestion(q));
      expect(r.content.filter((t) => ['mib', 'above', 'sinc', 'since', 'megabit'].includes(t)), q).toEqual([]);
    }
  });
});

describe('scoring with evidence', () => {
  it('ranks families and says which words each explains and which nothing explains', () => {
    const ix = indexCatalog(catalog);
    const r = readFor(catalog, ix, readQuestion('bytes written to vda per second, by frobnication'));
    const top = scoreFamilies(catalog, ix, r);
    expect(top[0]?.family.name).toBe('node_disk_written_bytes_total');
    expect(top[0]?.matchers).toEqual([{ label: 'device', op: '=', value: 'vda' }]);
    const e = evidenceFor(catalog, ix, r, top);
    expect(e?.explained).toEqual(expect.arrayContaining([norm('bytes'), norm('written'), 'vda']));
    expect(e?.unknown).toContain(norm('frobnication'));
    expect(e?.runnerUp).not.toBeNull();
    expect(e?.margin).toBeGreaterThan(0);
  });

  it('finds a family by a label value named alone, the value the question says whole', () => {
    expect(demo).not.toBeNull();
    if (!demo) return;
    const a = translateOffline(demo, 'p99 checkout');
    expect(a.ok && a.query).toBe('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))');
    // The route /api/checkout says "checkout" only in part: it is not added beside service="checkout".
    const b = translateOffline(demo, 'request rate of checkout');
    expect(b.ok && b.query).not.toContain('route=');
  });
});

describe('confidence and abstention', () => {
  const base: Evidence = {
    family: 'node_disk_written_bytes_total', explained: ['byte', 'write'], unexplained: [], unknown: [], coverage: 1, nameWords: 2, helpWords: 0,
    labelWords: 0, missingGroups: 0, score: 5, runnerUp: 'node_disk_read_bytes_total', margin: 2, shapeFit: 0.6, intents: 1,
  };
  it('falls with words nothing explains, more with words the catalog never has, and with a close runner-up', () => {
    const unexplained = { ...base, explained: ['byte'], unexplained: ['write'], coverage: 0.5, nameWords: 1 };
    const unknown = { ...unexplained, unknown: ['write'], coverage: 1 / 3 };
    const close = { ...base, margin: 0.1 };
    expect(confidenceOf(base)).toBeGreaterThan(confidenceOf(unexplained));
    expect(confidenceOf(unexplained)).toBeGreaterThan(confidenceOf(unknown));
    expect(confidenceOf(base)).toBeGreaterThan(confidenceOf(close));
    expect(features(base)).toHaveLength(FEATURES.length);
    for (const e of [base, unexplained, unknown, close]) {
      expect(confidenceOf(e)).toBeGreaterThan(0);
      expect(confidenceOf(e)).toBeLessThan(1);
    }
    expect(confidenceOf(base)).toBeGreaterThanOrEqual(SHOW_AT);
    expect(confidenceOf(unknown)).toBeLessThan(SHOW_AT);
  });

  it('says why it abstains, from the evidence', () => {
    expect(abstention({ ...base, unexplained: ['retrans'], margin: 0.2 })).toMatch(/nothing in node_disk_written_bytes_total explains "retrans"; node_disk_read_bytes_total fits almost as well/);
  });

  it('abstains below the threshold with the answer first among the candidates, and shows it when asked to', async () => {
    const q = 'bytes written wibble';
    const t = createTranslator({ catalog, clock: systemClock });
    const shy = await t.translate(q, { now: new Date().toISOString() });
    expect(shy.query).toBeNull();
    expect(shy.reason).toMatch(/not sure enough/);
    expect(shy.candidates?.[0]?.query).toMatch(/node_disk_written_bytes_total/);
    const bold = await createTranslator({ catalog, clock: systemClock, minConfidence: 0 }).translate(q, { now: new Date().toISOString() });
    expect(bold.query).toBe(shy.candidates?.[0]?.query);
    expect(bold.confidence).toBeLessThan(SHOW_AT);
  });
});
