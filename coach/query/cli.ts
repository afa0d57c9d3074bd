// `mentat translate [--prometheus URL] [--json] QUESTION` (CONTRACTS §1).
import { defaultDbPath, Store } from '../store/index.ts';
import { CodedError, systemClock, type Clock } from '../types.ts';
import type { TranslateResult } from './api.ts';
import { linkTargetsFromEnv, obtainCatalog } from './catalog-source.ts';
import { CatalogStore } from './catalog-store.ts';
import { createPromClient } from './prom-client.ts';
import { createTranslator } from './translator.ts';

export interface TranslateIo {
  out(s: string): void;
  err(s: string): void;
  env: Record<string, string | undefined>;
}

const USAGE = 'Usage: mentat translate [--prometheus URL] [--json] [--min-confidence N] QUESTION\n' +
  '  --min-confidence N   show offline answers at least this sure (0–1; default the calibrated threshold, see docs/queries.md)';

interface Parsed { url: string | null; json: boolean; db: string | null; minConfidence: number | null; question: string }

function parseArgs(args: string[]): Parsed | string {
  let url: string | null = null;
  let minConfidence: number | null = null;
  let db: string | null = null;
  let json = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--prometheus' || a === '--db' || a === '--min-confidence') {
      const v = args[++i];
      if (!v || v.startsWith('--')) return `${a} needs a value.`;
      if (a === '--db') db = v;
      else if (a === '--min-confidence') {
        minConfidence = Number(v);
        if (!/^\d*\.?\d+$/.test(v) || minConfidence > 1) return `--min-confidence must be a number from 0 to 1, got "${v}".`;
      } else url = v;
    } else if (a.startsWith('--prometheus=')) url = a.slice('--prometheus='.length);
    else if (a === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    else if (a.startsWith('--')) return `unknown option ${a}.`;
    else words.push(a);
  }
  const question = words.join(' ').trim();
  if (!question) return 'a QUESTION is required.';
  if (url !== null && !/^https?:\/\/[^\s]+$/.test(url)) return `--prometheus must be an http(s) URL, got "${url}".`;
  return { url, json, db, minConfidence, question };
}

function human(r: TranslateResult): string {
  if (r.query === null) {
    const pick = r.candidates?.length ? ['Candidates (not an answer; check before you run one):', ...r.candidates.map((c, i) => `  ${i + 1}. ${c.query}`)] : [];
    return [`No query: ${r.reason ?? 'the question could not be translated.'}`, ...(pick.length ? pick : r.closest?.length ? [`Closest metrics: ${r.closest.join(', ')}`] : [])].join('\n');
  }
  return [
    r.query,
    '',
    ...r.explanation.map((e) => `  ${e.part}\n      ${e.says}`),
    ...Object.entries(r.links).map(([k, v]) => `${k}: ${v}`),
    `(${r.language}, answered by ${r.engine}${r.catalogAge ? `, catalog cached ${r.catalogAge} ago` : ''})`,
  ].join('\n');
}

export async function translateCommand(args: string[], io: TranslateIo, clock: Clock = systemClock): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`mentat translate: ${parsed}`);
    io.err(USAGE);
    return 2;
  }
  const url = parsed.url ?? io.env.PROMETHEUS_URL ?? null;
  const store = Store.open(parsed.db ?? io.env.MENTAT_DB ?? defaultDbPath(io.env));
  try {
    const client = url ? createPromClient(url, { timeoutMs: 5000 }) : null;
    const sourced = await obtainCatalog(new CatalogStore(store.db), clock, client);
    if (sourced.note && !parsed.json) io.err(sourced.note);
    const translator = createTranslator({
      catalog: sourced.catalog,
      clock,
      links: linkTargetsFromEnv(io.env, url ?? sourced.catalog.source),
      catalogAge: sourced.age,
      ...(parsed.minConfidence !== null ? { minConfidence: parsed.minConfidence } : {}),
      logs: { streamLabel: io.env.MENTAT_LOKI_SERVICE_LABEL ?? 'service_name' },
    });
    const result = await translator.translate(parsed.question, { now: clock.now().toISOString() });
    io.out(parsed.json ? JSON.stringify(result) : human(result));
    return 0;
  } catch (err) {
    if (err instanceof CodedError) {
      io.err(`mentat translate: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    store.close();
  }
}
