// Typos are corrected towards the catalog's words, real English words and catalog names are left alone, and
// a correction that is a guess between two words is not made.
import { describe, expect, it } from 'vitest';
import { memoryCatalog } from '../../coach/query/catalog.ts';
import { correctSpelling } from '../../coach/query/spelling.ts';
import { createTranslator } from '../../coach/query/translator.ts';
import type { MetricFamily } from '../../coach/query/api.ts';
import { systemClock } from '../../coach/types.ts';

const family = (name: string, type: MetricFamily['type'], help: string, labels: string[]): MetricFamily =>
  ({ name, type, help, unit: '', samples: [name], labels });
const catalog = memoryCatalog('test', new Date().toISOString(), [
  family('node_memory_MemAvailable_bytes', 'gauge', 'Memory information field MemAvailable_bytes.', ['instance', 'job']),
  family('http_requests_total', 'counter', 'Total HTTP requests by handler and status code.', ['handler', 'code', 'job']),
  family('node_disk_written_bytes_total', 'counter', 'The total number of bytes written successfully.', ['device', 'instance']),
  family('node_nf_conntrack_entries', 'gauge', 'Number of currently allocated flow entries for connection tracking.', ['instance']),
], (f, l) => (f === 'http_requests_total' && l === 'handler' ? ['/api/checkout', '/api/cart'] : f === 'node_disk_written_bytes_total' && l === 'device' ? ['vda'] : []));

describe('spelling', () => {
  it('corrects a typo to the one catalog word an edit away', () => {
    expect(correctSpelling('avialable memroy', catalog)).toEqual({
      text: 'available memory', corrections: [{ from: 'avialable', to: 'available' }, { from: 'memroy', to: 'memory' }],
    });
    expect(correctSpelling('requests per hanlder', catalog).text).toBe('requests per handler');
  });
  it('leaves English words, catalog names and label values as typed', () => {
    for (const q of ['how many bytes were written to vda', 'conntrack entries', 'requests for checkout', 'forking processes'])
      expect(correctSpelling(q, catalog).corrections, q).toEqual([]);
  });
  it('the translator says what it read differently', async () => {
    const t = createTranslator({ catalog, clock: systemClock });
    const r = await t.translate('bytes writen to each device per second', { now: new Date().toISOString() });
    expect(r.query).toBe('sum by (device) (rate(node_disk_written_bytes_total[5m]))');
    expect(r.explanation[0]).toEqual({ part: '(your question)', says: 'Read "writen" as "written".' });
  });
});
