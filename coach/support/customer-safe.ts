// Customer-safe text: what a customer or partner must never read in an answer — internal hostnames, IP
// addresses, pod names, cloud resource ids, stack traces, raw error strings, secrets, people's emails and
// phone numbers. findUnsafe() names each span (approval is refused while any remains); scrub() removes
// them for the rewrite. Every pattern is a single pass without nested quantifiers over the same class.
import { PATTERNS } from '../llm/redact-patterns.ts';

export type UnsafeKind = 'hostname' | 'ip' | 'pod' | 'arn' | 'stack_trace' | 'error_string' | 'secret' | 'email' | 'phone';

export interface UnsafeSpan {
  kind: UnsafeKind;
  text: string;
  start: number;
  end: number;
}

const INTERNAL_TLDS = new Set(['internal', 'local', 'lan', 'corp', 'intra', 'intranet', 'private', 'localdomain', 'svc', 'consul', 'cluster', 'home', 'arpa', 'int', 'test', 'invalid']);
const INTERNAL_LABELS = new Set([
  'prod', 'production', 'staging', 'stg', 'stage', 'dev', 'int', 'internal', 'corp', 'priv', 'private', 'mgmt', 'infra',
  'svc', 'cluster', 'rds', 'cache', 'ec2', 'compute', 'lan', 'local', 'intra', 'elb', 'vpc', 'db', 'k8s', 'kube', 'node',
]);
/** Cloud providers' infrastructure domains: a name under one of these is a machine, not a page for people. */
const INFRA_DOMAINS = ['amazonaws.com', 'cloudapp.net', 'cloudapp.azure.com', 'azurewebsites.net', 'database.windows.net',
  'redis.cache.windows.net', 'googleusercontent.com', 'internal.cloudapp.net', 'cluster.local', 'svc.cluster.local'];
/** Software names spelled like domains. */
const PRODUCT_NAMES = /^(?:node|next|nuxt|vue|react|express|socket|three|d3|chart|moment|ember|backbone|angular|deno|bun)\.js$|^asp\.net$|^vb\.net$|^ado\.net$/i;
const AWS_REGION = /^(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-\d[a-z]?$/;
/** Words-with-a-number that are not machines. */
const NOT_HOSTS = /^(?:utf|sev|inc|iso|rfc|covid|mp|x|h|p|tls|ssl|http|ipv|sha|md|base|win|gpt|llama|phase|step|tier|level|v|version|top|web3|ec|t|m|c|r|g|i|f|e|u|a|b|k|n|s|y|z|q|o|w|l|j|d)-?\d/i;

const HOST_TOKEN = /(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9_-]{0,62})\.)+[a-z][a-z0-9-]{1,62}(?::\d{2,5})?(?![\w-]|\.[a-z0-9])/gi;
const URL_TOKEN = /\b(?:https?|wss?|ftp|postgres(?:ql)?|mysql|redis|amqp|mongodb(?:\+srv)?|jdbc:[a-z]+):\/\/[^\s<>"'`)\]]+/gi;
const MACHINE_LABEL = /^[a-z]+(?:-[a-z]+)*-?\d{1,4}[a-z]?$|^ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}$/;
const SINGLE_HOST = /(?<![\w.@/-])(?:[a-z][a-z0-9]*-)+\d{1,3}[a-z]?(?::\d{2,5})?(?![\w.-]|\.\w)|(?<![\w.@/-])ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?![\w-])/g;

const IPV4 = /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?:\/\d{1,2}|:\d{1,5})?(?!\w|\.\d)/g;
const IPV6 = /(?<![\w:.])\[?(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4}|:)?(?:%[\w.-]+)?\]?(?:\/\d{1,3}|:\d{1,5})?(?![\w:])/gi;
const POD = /(?<![\w.-])[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{8,10}-[a-z0-9]{4,5}(?![\w-])|(?<![\w.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?=[a-z0-9]{0,4}\d)[a-z0-9]{5}(?![\w-])/g;
const CLOUD_IDS = [
  /\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:[^\s,;)"'`\]]+/g,
  // GCP resource paths and Azure resource ids name a project's or subscription's own machines.
  /(?<![\w/])(?:\/\/[a-z.]+\.googleapis\.com\/)?projects\/[a-z][a-z0-9-]{4,29}\/[^\s,;)"'`\]]+/g,
  /(?<![\w])\/subscriptions\/[0-9a-f-]{36}(?:\/[^\s,;)"'`\]]+)?/gi,
];
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;
const PHONE = [
  /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,4}){2,5}(?![\w])/g,
  /(?<![\w(])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w])/g,
  /(?<![\w])0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}(?![\w:.])/g,
  /(?<![\w.])0\d(?:[ .]\d{2}){4}(?![\w])/g,
];

const STACK_LINES = [
  /^[ \t]*at (?:async |new )?[\w$.<>[\]/@-]+(?: \[as \w+\])? ?\(?[^\n()]*:\d+(?::\d+)?\)?[ \t]*$/gm,
  /^[ \t]*at (?:async |new )?[\w$.<>[\]]+ \((?:index \d+|native|<anonymous>)\)[ \t]*$/gm,
  // .NET and JVM frames: `at Namespace.Type.Method(args)`, optionally ` in /path/File.cs:line 87`.
  /(?<![\w])at [\w$`]+(?:\.[\w$`<>]+)+\([^\n()]*\)(?: in [^\n]+?:line \d+)?/g,
  // Go frames: `module/path/pkg.(*Type).Method(0xc000…)`.
  /^[ \t]*(?:[\w.-]+\/)+[\w.-]+\.(?:\(\*?\w+\)\.)?\w+\([^\n]*\)[ \t]*$/gm,
  // Ruby frames: `app/models/x.rb:73:in `renew!'`.
  /(?:[\w./-]+\/)?[\w-]+\.rb:\d+:in [`'][^'\n]+'/g,
  // PHP: `PHP Fatal error:  Uncaught …` and `#0 /path/File.php(31): …` frames.
  /\bPHP (?:Fatal error|Warning|Notice|Parse error|Deprecated): [^\n]+/g,
  /^[ \t]*#\d+ (?:[^\n]*\.php\(\d+\): [^\n]*|\{main\})[ \t]*$/gm,
  // Rust panics.
  /thread '[^'\n]+' panicked at [^\n]+/g,
  /called `(?:Option|Result)::(?:unwrap|expect)\(\)` on an? `[^`\n]+` value(?:: [^\n]*)?/g,
  /note: run with `RUST_BACKTRACE=[^\n]+/g,
  // Elixir/Erlang.
  /^[ \t]*\*\* \([\w.]+\) [^\n]+/gm,
  /^[ \t]*\([\w_]+ [\d.]+\) [\w/.-]+\.exs?:\d+: [^\n]+/gm,
  /Traceback \(most recent call last\):?/g,
  /^[ \t]*File "[^"\n]+", line \d+(?:, in [\w<>]+)?/gm,
  /goroutine \d+ \[[\w ]+\]:?/g,
  /\[signal SIG[A-Z]+: [^\]\n]*\]/g,
  /^[ \t]*(?:[\w./-]+\/)?[\w-]+\.(?:go|py|rb|js|ts|java|cs|cpp|c|rs|php|kt|scala):\d+(?::\d+)?(?: \+0x[0-9a-f]+)?[ \t]*$/gm,
  /\b(?:panic|fatal error): [^\n]+/g,
  /Exception in thread "[^"\n]*" [\w.$]+(?:: [^\n]*)?/g,
  /^[ \t]*Caused by: [^\n]+/gm,
  /^[ \t]*\.\.\. \d+ more\b/gm,
  /\b[\w-]+\.(?:go|py|rb|js|mjs|ts|java|cs|cpp|rs|php|kt|scala):\d+(?::\d+)?\b/g,
];

const ERROR_STRINGS = [
  /(?:\bError: )?(?:\b(?:connect|read|write|getaddrinfo|listen|spawn|open|socket|send|recv|bind) )?\bE(?:CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|NOTFOUND|HOSTUNREACH|NETUNREACH|PIPE|ADDRINUSE|ACCES|PERM|NOENT|MFILE|AGAIN|AI_AGAIN|PROTO|NOSPC|EXIST|BUSY|INVAL)\b(?:: [^\n;.]{0,100})?/g,
  /\b(?:[A-Za-z][\w]*\.)*[A-Z][A-Za-z0-9]*(?:Exception|Error)\b(?:: [^\n]{0,200})?/g,
  /\b[A-Z]\w*(?:::[A-Z]\w*)+\b(?:: [^\n]{0,200})?/g,
  /\b[a-z]+(?:_[a-z]+)*_(?:exception|error)\b(?:: [^\n]{0,200})?/g,
  /\b(?:NXDOMAIN|SERVFAIL|CROSSSLOT|WRONGTYPE|CLUSTERDOWN|NOAUTH|MISCONF|NOSCRIPT|BUSYKEY|READONLY You can't write[^\n.;]*|OOM command not allowed[^\n.;]*|(?:MOVED|ASK) \d+)\b/g,
  /\b(?:FailedScheduling|FailedMount|FailedAttachVolume|FailedCreatePodSandBox|FailedPreStopHook|DeadlineExceeded|BackoffLimitExceeded|ContainerCannotRun|RunContainerError|InvalidImageName)\b/g,
  /\b(?:OOMKilled|CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|Evicted|NodeNotReady)\b/g,
  /\bSIG(?:KILL|TERM|SEGV|ABRT|BUS|HUP|INT|QUIT|PIPE)\b/g,
  /\bexit(?:ed)? (?:with )?(?:code|status) \d+(?: \([^)\n]{0,40}\))?/gi,
  /\bERROR \d{3,5} \([\w]{5}\):[^\n]*/g,
  /\b(?:ERROR|FATAL|PANIC|CRITICAL|ERR)(?:\]|:)[^\n]{0,160}/g,
  /\b(?:ERR|E)_[A-Z][A-Z0-9_]{2,}\b/g,
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+_(?:ERROR|FAILED|FAILURE|EXCEPTION|TIMEOUT)\b/g,
  /\b[Ee]rrno[ =:]*-?\d+\b/g,
  /\b(?:(?:(?:read|write|dial|accept): )?(?:connection reset by peer|connection refused|broken pipe)|no such host|i\/o timeout|context deadline exceeded|deadlock found[^\n.;]*|segmentation fault(?: \(core dumped\))?|core dumped|too many (?:open files|connections)|no space left on device|permission denied|address already in use|upstream connect error[^\n]*|read: connection timed out|dial tcp[^\n,;]*|certificate has expired or is not yet valid|x509: [^\n.;]+|pq: [^\n.;]+|ORA-\d{5}[^\n.;]*|SQLSTATE\[?\w+\]?[^\n.;]*|HTTP\/\d(?:\.\d)? [45]\d\d[^\n.;]*|(?:HTTP|status(?: code)?) [45]\d\d\b)/gi,
];

function add(out: UnsafeSpan[], kind: UnsafeKind, text: string, start: number, end: number): void {
  if (end > start) out.push({ kind, text: text.slice(start, end), start, end });
}

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    fn(m);
  }
}

function isInternalHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').toLowerCase().replace(/\.$/, '');
  if (PRODUCT_NAMES.test(name)) return false;
  if (INFRA_DOMAINS.some((d) => name === d || name.endsWith(`.${d}`))) return true;
  const labels = name.split('.');
  const tld = labels.at(-1) ?? '';
  if (INTERNAL_TLDS.has(tld)) return true;
  if (labels.slice(0, -1).some((l) => INTERNAL_LABELS.has(l))) return true;
  const first = labels[0] ?? '';
  return MACHINE_LABEL.test(first) && !NOT_HOSTS.test(first) && !AWS_REGION.test(first);
}

/** Vendor-prefixed keys and credentials said in words ("password is …", "login admin / …"). */
const MORE_SECRETS: { re: RegExp; group: number }[] = [
  { re: /(?<![\w-])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}/g, group: 0 },
  { re: /(?<![\w-])(?:whsec|glpat|shpat|shpss|sq0atp|sq0csp|dop_v1|npm|pypi|xoxe|SG)[_.-][A-Za-z0-9_.-]{16,}/g, group: 0 },
  { re: /(?<![\w-])AIza[0-9A-Za-z_-]{30,40}(?![\w-])/g, group: 0 },
  { re: /\b(?:password|passwd|passphrase|pwd|pw|pass)\b(?:\s+(?:is|was|=|:|to|now|set to|reset to|changed to))+\s+["'`]?([^\s"'`,;]+)/gi, group: 1 },
  { re: /\b(?:login|logon|creds?|credentials|user ?\/ ?pass(?:word)?)\b(?:\s+(?:is|was|are|were|=|:))?\s+[\w.@-]+ ?\/ ?([^\s,;]+)/gi, group: 1 },
  // Key material by context: a long hex or high-entropy string right after a word that names a secret.
  { re: /\b(?:key|token|secret|signature|credential|apikey|api_key)s?\b[^\n]{0,12}?\b([0-9a-f]{32,}|[A-Za-z0-9/+]{30,}={0,2})(?![\w/+])/gi, group: 1 },
  // AWS secret access keys: 40 characters of base64 with a slash or plus.
  { re: /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[/+])(?=[A-Za-z0-9/+]{0,39}\d)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, group: 0 },
];

/** A value said after "password is" is a secret only if it looks like one: long enough, not a plain word. */
const looksSecret = (v: string): boolean => v.length >= 6 && /[\d\W_]/.test(v) && !/^(?:reset|rotated|changed|expired|redacted|\[redacted\])$/i.test(v);

function secrets(text: string, out: UnsafeSpan[]): void {
  for (const { re, group } of MORE_SECRETS) {
    const r = new RegExp(re.source, re.flags.includes('d') ? re.flags : `${re.flags}d`);
    each(r, text, (m) => {
      const span = m.indices?.[group];
      const value = m[group] ?? '';
      if (!span || (group > 0 && !looksSecret(value.replace(/[.!?]+$/, '') || value))) return;
      add(out, 'secret', text, span[0], span[1]);
    });
  }
  for (const p of PATTERNS) {
    if (p.kind === 'email') continue;
    const re = new RegExp(p.re.source, p.re.flags.includes('d') ? p.re.flags : `${p.re.flags}d`);
    each(re, text, (m) => {
      const groups = m.slice(1);
      if (p.replace(m[0], groups) === m[0]) return;
      const idx = m.indices;
      // Patterns that keep a prefix (`password=`) put the secret in their second group.
      const inner = idx && idx.length > 2 ? idx[2] : undefined;
      const [start, end] = inner ?? [m.index, m.index + m[0].length];
      // "customer token: curl …" names a token without giving one.
      if ((p.kind === 'secret_assignment' || p.kind === 'authorization_header') && !looksSecret(text.slice(start, end).replace(/^["']|["']$/g, ''))) return;
      add(out, 'secret', text, start, end);
    });
  }
  const pem = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g;
  each(pem, text, (m) => {
    const endRe = /-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g;
    endRe.lastIndex = m.index;
    const e = endRe.exec(text);
    add(out, 'secret', text, m.index, e ? e.index + e[0].length : text.length);
  });
}

function ipv6Like(s: string): boolean {
  const core = s.replace(/^\[|\](?::\d+)?$/g, '').replace(/\/\d+$/, '').replace(/%[\w.-]+$/, '');
  const colons = (core.match(/:/g) ?? []).length;
  if (!/[0-9a-f]/i.test(core)) return false;
  // A clock time (14:05:33) has digits only and no "::"; an address has "::" or seven colons.
  if (core.includes('::')) return /^(?:[0-9a-f]{0,4}:){1,7}[0-9a-f.:]*$/i.test(core) && (colons >= 2);
  return colons === 7 || (colons === 6 && /\d+\.\d+\.\d+\.\d+$/.test(core));
}

/**
 * A Python traceback runs from its header to the exception line: every line in between is source or a
 * frame, whatever it looks like, and the first unindented line after the frames is the exception.
 */
function tracebacks(text: string, out: UnsafeSpan[]): void {
  const header = /Traceback \(most recent call last\):?[ \t]*\n/g;
  each(header, text, (m) => {
    let at = m.index + m[0].length;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const end = nl === -1 ? text.length : nl;
      const line = text.slice(at, end);
      if (!line.trim()) break;
      const lead = line.length - line.trimStart().length;
      add(out, 'stack_trace', text, at + lead, end - (line.length - line.trimEnd().length));
      at = end + 1;
      if (lead === 0 && /^[\w.]+(?::|$)/.test(line.trim())) break;
    }
  });
}

/** Every span in `text` a customer must not read, in order, overlaps merged into the first found. */
export function findUnsafe(text: string): UnsafeSpan[] {
  const found: UnsafeSpan[] = [];
  secrets(text, found);
  each(EMAIL, text, (m) => add(found, 'email', text, m.index, m.index + m[0].length));
  for (const re of CLOUD_IDS) each(re, text, (m) => add(found, 'arn', text, m.index, m.index + m[0].replace(/[.]+$/, '').length));
  for (const re of STACK_LINES) {
    each(re, text, (m) => {
      const lead = m[0].length - m[0].trimStart().length;
      add(found, 'stack_trace', text, m.index + lead, m.index + m[0].trimEnd().length);
    });
  }
  tracebacks(text, found);
  each(URL_TOKEN, text, (m) => {
    const host = /^[a-z:+]+:\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^/:?#\s]+)/i.exec(m[0])?.[1] ?? '';
    const v4 = /^(?:\d{1,3}\.){3}\d{1,3}$/.test(host);
    if (v4 || host.startsWith('[') || isInternalHost(host) || /^localhost$/i.test(host)) {
      add(found, v4 || host.startsWith('[') ? 'ip' : 'hostname', text, m.index, m.index + m[0].replace(/[.,;:!?]+$/, '').length);
    }
  });
  each(IPV4, text, (m) => {
    if (/\bv$/i.test(text.slice(Math.max(0, m.index - 1), m.index))) return;
    add(found, 'ip', text, m.index, m.index + m[0].length);
  });
  each(IPV6, text, (m) => { if (ipv6Like(m[0])) add(found, 'ip', text, m.index, m.index + m[0].length); });
  each(POD, text, (m) => {
    if (AWS_REGION.test(m[0])) return;
    add(found, 'pod', text, m.index, m.index + m[0].length);
  });
  each(HOST_TOKEN, text, (m) => { if (isInternalHost(m[0])) add(found, 'hostname', text, m.index, m.index + m[0].length); });
  each(SINGLE_HOST, text, (m) => {
    const name = m[0].replace(/:\d+$/, '');
    if (NOT_HOSTS.test(name) || AWS_REGION.test(name) || /^[a-z]+-\d{4,}$/.test(name)) return;
    add(found, 'hostname', text, m.index, m.index + m[0].length);
  });
  for (const re of ERROR_STRINGS) each(re, text, (m) => add(found, 'error_string', text, m.index, m.index + m[0].replace(/[\s.,;:]+$/, '').length));
  for (const re of PHONE) {
    each(re, text, (m) => {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 9 || digits.length > 15) return;
      add(found, 'phone', text, m.index, m.index + m[0].length);
    });
  }
  return mergeSpans(found);
}

function mergeSpans(spans: UnsafeSpan[]): UnsafeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: UnsafeSpan[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start < last.end) {
      if (s.end > last.end) {
        last.end = s.end;
        last.text = last.text + s.text.slice(s.text.length - (s.end - (last.end - (s.end - last.end))));
      }
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

const PLAIN: Record<UnsafeKind, string> = {
  hostname: 'one of our servers',
  ip: 'one of our servers',
  pod: 'one of our servers',
  arn: 'one of our cloud resources',
  stack_trace: '',
  error_string: 'an internal error',
  secret: '',
  email: 'our team',
  phone: 'our team',
};

/** The text with every unsafe span replaced by plain words (or removed), and what was removed. */
export function scrub(text: string): { text: string; removed: UnsafeSpan[] } {
  const spans = findUnsafe(text);
  if (spans.length === 0) return { text, removed: [] };
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + PLAIN[s.kind];
    at = s.end;
  }
  out += text.slice(at);
  const tidy = out
    .split('\n').map((l) => l.replace(/[ \t]{2,}/g, ' ').replace(/\s+([,.;:!?])/g, '$1').replace(/\(\s*\)/g, '').trimEnd()).filter((l, i, all) => l.trim() || (i > 0 && all[i - 1]?.trim()))
    .join('\n').replace(/(one of our servers)(?:[ ,/]+(?:and )?one of our servers)+/g, 'some of our servers').trim();
  return { text: tidy, removed: spans };
}
