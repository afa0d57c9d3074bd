// The causes of wrong-but-confident translations on fresh phrasings, each pinned on a small catalog of
// real metric names and HELP texts: no lab needed, every case fails without its fix.
import { describe, expect, it } from 'vitest';
import type { MetricFamily, MetricType } from '../../coach/query/api.ts';
import { memoryCatalog } from '../../coach/query/catalog.ts';
import { translateOffline } from '../../coach/query/offline.ts';
import { readQuestion } from '../../coach/query/question.ts';
import { valueScore } from '../../coach/query/resolve.ts';
import { nameTokens, norm } from '../../coach/query/text.ts';

type Spec = [name: string, type: MetricType, help: string, labels: Record<string, string[]>];

const SPECS: Spec[] = [
  ['up', 'gauge', '1 if the scrape target is up.', { job: ['prometheus', 'node'], instance: ['a', 'b'] }],
  ['go_goroutines', 'gauge', 'Number of goroutines that currently exist.', { job: ['prometheus', 'node'], instance: ['a', 'b'] }],
  ['prometheus_treecache_watcher_goroutines', 'gauge', 'The current number of watcher goroutines.', { job: ['prometheus'], instance: ['a'] }],
  ['node_filesystem_avail_bytes', 'gauge', 'Filesystem space available to non-root users in bytes.', { mountpoint: ['/'], device: ['/dev/vda'], job: ['node'] }],
  ['node_filesystem_free_bytes', 'gauge', 'Filesystem free space in bytes.', { mountpoint: ['/'], device: ['/dev/vda'], job: ['node'] }],
  ['node_filesystem_size_bytes', 'gauge', 'Filesystem size in bytes.', { mountpoint: ['/'], device: ['/dev/vda'], job: ['node'] }],
  ['node_filesystem_files', 'gauge', 'Filesystem total file nodes.', { mountpoint: ['/'], device: ['/dev/vda'], job: ['node'] }],
  ['node_filesystem_files_free', 'gauge', 'Filesystem total free file nodes.', { mountpoint: ['/'], device: ['/dev/vda'], job: ['node'] }],
  ['node_network_transmit_bytes_total', 'counter', 'Network device statistic transmit_bytes.', { device: ['eth0', 'lo'], job: ['node'] }],
  ['node_network_transmit_packets_total', 'counter', 'Network device statistic transmit_packets.', { device: ['eth0', 'lo'], job: ['node'] }],
  ['promhttp_metric_handler_errors_total', 'counter', 'Total number of internal errors encountered by the promhttp metric handler.', { cause: ['encoding', 'gathering'], job: ['node'] }],
  ['promhttp_metric_handler_requests_total', 'counter', 'Total number of scrapes by HTTP status code.', { code: ['200', '500', '503'], job: ['node'] }],
  ['prometheus_tsdb_head_samples_appended_total', 'counter', 'Total number of appended samples.', { type: ['float'], job: ['prometheus'] }],
  ['prometheus_tsdb_too_old_samples_total', 'counter', 'Total number of out of bound samples ingestion failed attempts.', { job: ['prometheus'] }],
  ['node_netstat_Tcp_InSegs', 'unknown', 'Statistic TcpInSegs.', { job: ['node'] }],
  ['node_netstat_Tcp_OutSegs', 'unknown', 'Statistic TcpOutSegs.', { job: ['node'] }],
  ['node_vmstat_pgfault', 'unknown', '/proc/vmstat information field pgfault.', { job: ['node'] }],
  ['node_memory_HugePages_Total', 'gauge', 'Memory information field HugePages_Total.', { job: ['node'] }],
  ['node_sockstat_TCP_tw', 'gauge', 'Number of TCP sockets in state tw.', { job: ['node'] }],
  ['node_pressure_memory_waiting_seconds_total', 'counter', 'Total time in seconds that processes have waited for memory.', { job: ['node'] }],
  ['node_boot_time_seconds', 'gauge', 'Node boot time, in unixtime.', { job: ['node'] }],
  ['process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.', { job: ['prometheus', 'node'] }],
  ['prometheus_engine_query_duration_seconds', 'summary', 'Query timings', { slice: ['inner_eval', 'prepare_time', 'queue_time'], quantile: ['0.5', '0.9'], job: ['prometheus'] }],
  ['prometheus_target_scrape_pool_sync_total', 'counter', 'Total number of syncs that were executed on a scrape pool.', { scrape_job: ['node'], job: ['prometheus'] }],
  ['prometheus_target_sync_length_seconds', 'summary', 'Actual interval to sync the scrape pool.', { scrape_job: ['node'], quantile: ['0.5'], job: ['prometheus'] }],
  ['go_memstats_heap_alloc_bytes', 'gauge', 'Number of heap bytes allocated and still in use.', { job: ['prometheus', 'node'], instance: ['a', 'b'] }],
];

const SAMPLES: Partial<Record<MetricType, string[]>> = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] };
const families: MetricFamily[] = SPECS.map(([name, type, help, labels]) => ({
  name, type, help, unit: '', labels: Object.keys(labels), samples: (SAMPLES[type] ?? ['']).map((s) => `${name}${s}`),
}));
const values = new Map(SPECS.map(([name, , , labels]) => [name, labels]));
const catalog = memoryCatalog('test', '2025-01-01T00:00:00Z', families, (f, l) => values.get(f)?.[l] ?? []);

function query(question: string): string | null {
  const a = translateOffline(catalog, question);
  return a.ok ? a.query : null;
}

describe('words: stems and concepts that must not collide', () => {
  it('keeps "fill" apart from "files", and reads inodes as files', () => {
    expect(norm('fill')).not.toBe(norm('files'));
    expect(norm('inodes')).toBe(norm('files'));
  });
  it('finds the concept of a plural before stemming it away ("takes" is a duration word)', () => {
    expect(norm('takes')).toBe(norm('took'));
    expect(norm('ingesting')).toBe(norm('appended'));
  });
  it('reads In/Out in names as directions, but not "out of"', () => {
    expect(nameTokens('node_netstat_Tcp_OutSegs')).toContain(norm('transmit'));
    expect(nameTokens('node_netstat_Udp_InErrors')).toContain(norm('receive'));
    expect(nameTokens('prometheus_tsdb_out_of_order_samples_total')).not.toContain(norm('transmit'));
  });
});

describe('question shape', () => {
  it('ranks the head noun of the phrase, several of them when it is plural', () => {
    expect(readQuestion('which network interfaces have the most transmitted bytes per second?').top).toEqual({ k: 5, fn: 'topk', subject: 'interfaces' });
    expect(readQuestion('which handler has the highest 5xx rate?').top).toEqual({ k: 1, fn: 'topk', subject: 'handler' });
    expect(readQuestion('top 3 CPU modes by time spent').top).toEqual({ k: 3, fn: 'topk', subject: 'modes' });
    expect(readQuestion('top 5 slowest node exporter collectors').top?.subject).toBe('collectors');
  });
  it('reads "by the X" as who did it, not as a breakdown', () => {
    expect(readQuestion('heap memory allocated by the node exporter').group).toEqual([]);
    expect(readQuestion('requests by handler').group).toEqual(['handler']);
  });
  it('a value part the metric name accounts for may be said once for both', () => {
    const q = readQuestion('median time prometheus takes to prepare a query');
    expect(valueScore(q, 'slice', 'prepare_time', new Set([norm('time')]))).toBeGreaterThan(0);
    expect(valueScore(q, 'slice', 'queue_time', new Set([norm('time')]))).toBe(0);
  });
});

describe('metric resolution', () => {
  it('prefers bytes to inodes unless the question says inodes or files', () => {
    expect(query('will the root filesystem fill up in the next 4 hours?')).toBe('predict_linear(node_filesystem_avail_bytes{mountpoint="/"}[1h], 4 * 3600) < 0');
    expect(query('how many free inodes are left on the root filesystem?')).toBe('node_filesystem_files_free{mountpoint="/"}');
  });
  it('a job the question names counts like a name word: the exact noun beats a longer name containing it', () => {
    expect(query('how many goroutines does prometheus have?')).toBe('go_goroutines{job="prometheus"}');
  });
  it('a plural "which … the most" is a ranking by the label the noun means', () => {
    expect(query('which network interfaces have the most transmitted bytes per second?')).toBe('topk(5, sum by (device) (rate(node_network_transmit_bytes_total[5m])))');
  });
  it('finds a counter through a synonym of its HELP ("ingesting" → appended)', () => {
    expect(query('how many samples per second is prometheus ingesting?')).toBe('rate(prometheus_tsdb_head_samples_appended_total[5m])');
  });
  it('an explicit status class needs a status-code label', () => {
    expect(query('how many 5xx errors per second is the promhttp metrics handler returning?')).toBe('sum(rate(promhttp_metric_handler_requests_total{code=~"5.."}[5m]))');
  });
  it('direction words find In/Out names; a word inside a compound name word counts', () => {
    expect(query('how many TCP segments is the node sending per second?')).toBe('rate(node_netstat_Tcp_OutSegs[5m])');
    expect(query('page faults per second on the box')).toBe('rate(node_vmstat_pgfault[5m])');
  });
  it('initials of a snake_case word find an abbreviated name (TIME_WAIT → tw)', () => {
    expect(query('number of TCP sockets in TIME_WAIT on the host')).toBe('node_sockstat_TCP_tw');
  });
  it('uptime since boot is from the boot time, not a process start', () => {
    expect(query('how long has the machine been up since boot?')).toBe('time() - node_boot_time_seconds');
  });
  it('an average or percentile of a duration is of a metric measured in time', () => {
    expect(query('average duration of a scrape pool sync')).toBe('sum(rate(prometheus_target_sync_length_seconds_sum[5m])) / sum(rate(prometheus_target_sync_length_seconds_count[5m]))');
    expect(query('median time prometheus takes to prepare a query')).toBe('prometheus_engine_query_duration_seconds{slice="prepare_time", quantile="0.5"}');
  });
  it('"by the node exporter" filters by job rather than grouping by instance', () => {
    expect(query('go heap memory allocated by the node exporter')).toBe('go_memstats_heap_alloc_bytes{job="node"}');
  });
});

describe('questions about "anything"', () => {
  it('reads "anything"/"something" as no entity, so "is anything down?" is the targets-down filter', () => {
    expect(query('is anything down?')).toBe('up == 0');
    expect(query('is something down right now?')).toBe('up == 0');
  });
});
