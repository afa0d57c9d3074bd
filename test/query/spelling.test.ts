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

describe('the answer in the unit asked for, and time since a timestamp', () => {
  const units = memoryCatalog('units', new Date().toISOString(), [
    family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', ['instance', 'job']),
    family('config_last_reload_success_timestamp_seconds', 'gauge', 'Timestamp of the last successful configuration reload.', ['instance', 'job']),
    family('node_network_receive_bytes_total', 'counter', 'Network device statistic receive_bytes.', ['device', 'instance']),
  ], () => []);
  const ask = async (q: string): Promise<string | null> => (await createTranslator({ catalog: units, clock: systemClock }).translate(q, { now: new Date().toISOString() })).query;
  it('converts bytes to the binary or decimal unit named, and bytes per second to megabits', async () => {
    expect(await ask('resident memory in MiB')).toBe('process_resident_memory_bytes / 1024 / 1024');
    expect(await ask('resident memory in GB')).toBe('process_resident_memory_bytes / 1000000000');
    expect(await ask('network receive throughput in megabits per second')).toMatch(/^\(?.*rate\(node_network_receive_bytes_total\[5m\]\).*\* 8 \/ 1000000$/);
  });
  it('reads "how long since" a timestamp as time() minus it, in the unit asked for', async () => {
    expect(await ask('how long since the last successful config reload')).toBe('time() - config_last_reload_success_timestamp_seconds');
    expect(await ask('how long since the last successful config reload, in minutes')).toBe('(time() - config_last_reload_success_timestamp_seconds) / 60');
  });
});

describe('existence and thresholds are filters', () => {
  const c = memoryCatalog('filters', new Date().toISOString(), [
    family('node_disk_written_bytes_total', 'counter', 'The total number of bytes written successfully.', ['device', 'instance']),
    family('scrape_samples_scraped', 'gauge', 'Number of samples the target exposed in its last scrape.', ['instance', 'job']),
    family('node_network_up', 'gauge', 'Value is 1 if operstate is up, 0 otherwise.', ['device', 'instance']),
  ], (f, l) => (l === 'device' ? ['vda', 'eth0'] : []));
  const ask = async (q: string): Promise<string | null> => (await createTranslator({ catalog: c, clock: systemClock }).translate(q, { now: new Date().toISOString() })).query;
  it('"is any …" keeps the series that answer yes', async () => {
    expect(await ask('is any disk being written to right now')).toMatch(/rate\(node_disk_written_bytes_total\[5m\]\)\)? > 0$/);
    expect(await ask('did any disk write bytes in the last hour')).toMatch(/increase\(node_disk_written_bytes_total\[1h\]\)\)? > 0$/);
  });
  it('a threshold the question names is the filter, and a filter already there stays alone', async () => {
    expect(await ask('samples scraped above 300')).toBe('scrape_samples_scraped > 300');
    expect(await ask('samples scraped in the last scrape, at most 50')).toBe('scrape_samples_scraped <= 50');
    expect(await ask('is any network interface down')).toBe('node_network_up == 0');
  });
});
