// Words of a question and of metric names reduced to shared concepts, so "latency" finds "_duration_seconds"
// and "free" finds "avail". English inflection comes from wink-lemmatizer (WordNet's exception lists and
// rules: "took" → take, "written" → write, "indices" → index, "retries" → retry); the concept map below is
// the monitoring vocabulary no general library knows (p99, rx/tx, fd, 5xx live in question.ts), not tuned
// to any one catalog. Words WordNet does not know (goroutines, mallocs, pgfault) get a light suffix rule.
import { createRequire } from 'node:module';

interface Lemmatizer { noun(this: void, w: string): string; verb(this: void, w: string): string; adjective(this: void, w: string): string }
const require = createRequire(import.meta.url);
// Loaded on the first word (about 0.3 s), not when a command that never reads a question starts.
let wordnetData: { wink: Lemmatizer; words: Record<string, number> } | null = null;
const wordnet = (): { wink: Lemmatizer; words: Record<string, number> } =>
  (wordnetData ??= { wink: require('wink-lemmatizer') as Lemmatizer, words: require('wink-lexicon/src/wn-words.js') as Record<string, number> });

const CONCEPTS: Record<string, string> = {};
const concept = (to: string, words: string): void => {
  for (const w of words.split(' ')) CONCEPTS[w] = to;
};
concept('dur', 'latency latencies duration durations time times slow slower slowest fast faster fastest long longest took take taking elapsed second seconds secs sec');
concept('mem', 'memory mem ram');
concept('byte', 'bytes byte');
concept('request', 'request requests req reqs hits hit traffic calls call');
concept('error', 'error errors errs err erroring');
concept('fail', 'fail failed failing failure failures broken');
concept('success', 'success successful succeeded successfully succeed ok');
concept('avail', 'avail available availability free');
concept('gc', 'gc garbage');
concept('fd', 'fd fds descriptor descriptors filefd');
// An inode is a "file node" in node exporter's HELP; "files" and "fill" must not share the stem "fil".
concept('file', 'file files inode inodes');
concept('discover', 'discover discovers discovered discovery found');
concept('cpu', 'cpu cpus processor processors core cores');
concept('disk', 'disk disks drive drives diskstats');
concept('filesystem', 'filesystem filesystems fs mount mounts partition');
concept('network', 'network networking net nic nics');
concept('receive', 'receive received receiving rx inbound incoming recv');
concept('transmit', 'transmit transmitted transmitting sent send sending tx outbound outgoing');
concept('write', 'write writes written wrote writing');
concept('read', 'read reads reading');
concept('retrans', 'retrans retransmit retransmits retransmitted retransmission retransmissions');
concept('seg', 'seg segs segment segments');
concept('eval', 'eval evals evaluation evaluations evaluated evaluating');
concept('append', 'append appends appended appending ingest ingests ingested ingesting ingestion');
concept('alloc', 'alloc allocs allocated allocation allocations allocate');
concept('conn', 'conn conns connection connections');
concept('estab', 'estab established');
concept('start', 'start started starting startup');
concept('use', 'use used usage using utilization utilisation utilized inuse busy');
concept('max', 'max maximum limit limits');
concept('node', 'node nodes machine machines host hosts server servers box');
concept('fork', 'fork forks forked');
concept('goroutine', 'goroutine goroutines');
concept('thread', 'thread threads');
concept('process', 'process processes proc procs');
concept('tsdb', 'tsdb database db');
concept('respons', 'response responses reply replies');
concept('query', 'query queries');
concept('config', 'config configuration');
concept('reload', 'reload reloads reloaded');
concept('open', 'open opened');
concept('switch', 'switch switches switching');
concept('object', 'object objects');
concept('chunk', 'chunk chunks');
concept('compact', 'compaction compactions compact compacted');
concept('sample', 'sample samples');
concept('scrape', 'scrape scrapes scraped scraping');
concept('series', 'series');
concept('collector', 'collector collectors');
concept('handler', 'handler handlers');
concept('up', 'up down unreachable reachable');

/** Words that carry no entity: question scaffolding and intent words handled elsewhere. */
export const FILLER = new Set(
  ('the a an of to in on for is are was were be been being do does did has have had what whats which who how many much ' +
    'me show give list get got at by per each every with from into over across and or its it their this that there any ' +
    'right now currently please i we you my our can could would should tell find see value values number amount level ' +
    'doing serving spent spend happened happen all overall total sum average avg mean top bottom highest lowest largest ' +
    'smallest most least biggest busiest rate throughput percent percentage fraction ratio proportion share compared ' +
    'ago vs versus offset will run out predict next than last past hour hours minute minutes min mins day days week weeks ' +
    'p50 p75 p90 p95 p99 p999 percentile median quantile th uptime running itself whole just currently current ' +
    'there s t m h d isn aren don doesn why where when so been being some like about ' +
    'anything something everything anyone any thing things stuff ' +
    // Read by the query's shape (shapes.ts, question.ts), not names of anything: time since, thresholds,
    // and the units an answer is converted to.
    'since ago above below under exceeding exceeds exceed greater higher lower fewer less more ' +
    'kib kb mib mb gib gb tib tb kibibytes kilobytes mebibytes megabytes gibibytes gigabytes tebibytes terabytes ' +
    'bit bits kbit kbits mbit mbits gbit gbits kilobits megabits gigabits kbps mbps gbps ms msec millisecond milliseconds').split(' '),
);

/** For words WordNet does not know: plural and -ing/-ed endings off, doubled consonant and final e folded. */
function stem(w: string): string {
  let s = w;
  if (s.length > 4 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.length > 3 && s.endsWith('s') && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  if (s.length > 3 && /([^aeiou])\1$/.test(s)) s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

/**
 * The dictionary form of an English word: as a verb, else a noun, else an adjective, whichever inflection it
 * is; a word WordNet has in no inflected form is its own lemma, and an unknown one gets the light stem.
 * Questions and metric names go through the same function, so what matters is that inflections agree.
 */
export function lemma(w: string): string {
  if (w.length <= 2 || /\d/.test(w)) return w;
  const { wink, words } = wordnet();
  for (const f of [wink.verb, wink.noun, wink.adjective]) {
    const l = f(w);
    if (l !== w && l.length > 1) return l;
  }
  return Object.hasOwn(words, w) ? w : stem(w);
}

const normCache = new Map<string, string>();

/** One word → its concept, or its light stem. */
export function norm(word: string): string {
  let n = normCache.get(word);
  if (n !== undefined) return n;
  const w = word.toLowerCase();
  // The plural's concept before the lemma's: "takes" is "take".
  const l = lemma(w);
  n = CONCEPTS[w] ?? CONCEPTS[w.replace(/s$/, '')] ?? CONCEPTS[l] ?? l;
  if (normCache.size > 100_000) normCache.clear();
  normCache.set(word, n);
  return n;
}

/** Splits a metric name into words: snake_case, CamelCase and letter/digit boundaries ("node_load15" → node, load, 15). */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-zA-Z])(\d)/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Normalized words of a metric name, without the type suffixes that every counter/histogram shares. */
export function nameTokens(name: string): string[] {
  const words = nameWords(name);
  // In/Out in names are directions (InSegs, OutOctets), unless "out of" (out_of_order).
  const out = words.map((w, i) => (w === 'in' ? 'receive' : w === 'out' && words[i + 1] !== 'of' ? 'transmit' : w))
    .filter((w) => w !== 'total' && w !== 'info');
  return [...new Set(out.map(norm))];
}

/** Normalized words of free text (HELP strings, questions after phrase handling). */
export function textTokens(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z0-9]*|\d+(?:\.\d+)?/g) ?? [];
  return words.map(norm);
}

/** Multi-word phrases folded to one concept before splitting into words. */
const PHRASES: [RegExp, string][] = [
  [/\bgarbage[- ]collect(?:ion|ions|or)?\b/g, ' gc '],
  [/\bfile[- ]descriptors?\b/g, ' fd '],
  [/\bin[- ]use\b/g, ' use '],
  [/\bcontext[- ]switch(?:es)?\b/g, ' context switch '],
  [/\bfile ?systems?\b/g, ' filesystem '],
  [/\bdisk space\b/g, ' filesystem avail '],
  [/\btime[- ]series database\b/g, ' tsdb '],
  [/\bservice[- ]discovery\b/g, ' sd '],
  // "fill up" asks for a prediction (question.ts reads it); neither word names a metric.
  [/\bfill(?:s|ing|ed)?\s+up\b/g, ' '],
  [/\b(\d+)[- ]?(?:minutes?|mins?|m)\b(?= load)/g, ' $1 '],
  [/\bload average\b/g, ' load '],
  [/\blast time\b/g, ' '],
  [/\bhow long\b/g, ' dur '],
];

export function foldPhrases(text: string): string {
  let t = ` ${text.toLowerCase()} `;
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  return t;
}

/** Label-name synonyms people use for common Prometheus label names. */
export const LABEL_SYNONYMS: Record<string, string[]> = {
  device: ['interface', 'interfaces', 'nic', 'nics', 'disk', 'disks', 'drive', 'drives', 'device', 'devices'],
  cpu: ['cpu', 'cpus', 'core', 'cores', 'processor', 'processors'],
  handler: ['endpoint', 'endpoints', 'path', 'paths', 'route', 'routes', 'url', 'urls', 'handler', 'handlers', 'api'],
  code: ['status', 'code', 'codes', 'statuses', 'response', 'responses'],
  instance: ['instance', 'instances', 'target', 'targets', 'host', 'hosts', 'node', 'nodes', 'server', 'servers', 'machine', 'machines'],
  mountpoint: ['mount', 'mounts', 'mountpoint', 'mountpoints', 'filesystem', 'filesystems', 'partition', 'partitions'],
  job: ['job', 'jobs', 'service', 'services', 'exporter', 'exporters'],
};

/** Every word the concept map and the filler list know: part of what a typo is corrected towards. */
export function lexicon(): string[] {
  return [...Object.keys(CONCEPTS), ...FILLER];
}
