// The secret and PII patterns redaction knows. Each one must stay linear in the length of its input:
// every pattern starts with a negative lookbehind for the class of its first run, so a match is only
// tried at the start of a run (never at every character inside one), and every later run is ended by a
// character outside its class, so a failed attempt costs one pass over that run and no more.

export type RedactionKind =
  | 'private_key'
  | 'authorization_header'
  | 'bearer_token'
  | 'url_password'
  | 'openai_key'
  | 'slack_token'
  | 'github_token'
  | 'aws_access_key'
  | 'aws_secret_key'
  | 'google_api_key'
  | 'jwt'
  | 'secret_assignment'
  | 'email';

export const REDACTED = '[REDACTED]';
export const EMAIL = '[EMAIL]';

export interface Pattern {
  kind: RedactionKind;
  re: RegExp;
  /** Builds the replacement from the match; returning the match unchanged leaves it be. */
  replace: (match: string, groups: (string | undefined)[]) => string;
}

const keep = (prefix: string | undefined): string => `${prefix ?? ''}${REDACTED}`;

/** Tokens that look like words ("Bearer of bad news") are not secrets: a token has a digit or a symbol. */
const looksLikeToken = (value: string): boolean => /[0-9._~+/=-]/.test(value);

const isPlaceholder = (value: string): boolean => value.includes(REDACTED) || value.includes(EMAIL);

const SECRET_KEYS = [
  'password', 'passwd', 'passphrase', 'pwd', 'secret', 'client_secret', 'token', 'access_token', 'refresh_token',
  'auth_token', 'api_key', 'apikey', 'api-key', 'private_key', 'secret_key',
].join('|');

/** Applied in this order: earlier patterns may swallow what later ones would find. */
export const PATTERNS: Pattern[] = [
  {
    kind: 'authorization_header',
    re: /(?<![A-Za-z0-9_-])((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|digest|apikey|negotiate)[ \t]+)?)([^\s"',;]+)/gi,
    replace: (m, [prefix, value]) => (value && !isPlaceholder(value) ? keep(prefix) : m),
  },
  {
    kind: 'bearer_token',
    re: /(?<![A-Za-z0-9_-])(bearer[ \t]+)([A-Za-z0-9._~+/=-]{8,})/gi,
    replace: (m, [prefix, value]) => (value && looksLikeToken(value) ? keep(prefix) : m),
  },
  {
    kind: 'url_password',
    re: /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:]*:)([^\s/?#@]+)(?=@)/g,
    replace: (m, [prefix, value]) => (value && !isPlaceholder(value) ? keep(prefix) : m),
  },
  { kind: 'openai_key', re: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}/g, replace: () => REDACTED },
  { kind: 'slack_token', re: /(?<![A-Za-z0-9_-])(?:xox[abprs]|xapp)-[A-Za-z0-9-]{10,}/g, replace: () => REDACTED },
  { kind: 'github_token', re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g, replace: () => REDACTED },
  { kind: 'aws_access_key', re: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, replace: () => REDACTED },
  {
    kind: 'aws_secret_key',
    re: /(?<![A-Za-z0-9_])((?:aws_)?secret_access_key["']?[ \t]*[:=][ \t]*["']?)([A-Za-z0-9/+=]{20,})/gi,
    replace: (_m, [prefix]) => keep(prefix),
  },
  { kind: 'google_api_key', re: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}/g, replace: () => REDACTED },
  { kind: 'jwt', re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => REDACTED },
  {
    kind: 'secret_assignment',
    re: new RegExp(
      `(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*(?:${SECRET_KEYS})["']?[ \\t]*[:=][ \\t]*)("[^"\\r\\n]*"|'[^'\\r\\n]*'|["']?[^\\s,;&"'<>(){}]+)`,
      'gi',
    ),
    replace: (m, [prefix, value]) => {
      if (!value || isPlaceholder(value) || value === '""' || value === "''") return m;
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      return `${prefix ?? ''}${quote}${REDACTED}${quote}`;
    },
  },
  {
    kind: 'email',
    re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g,
    replace: () => EMAIL,
  },
];
