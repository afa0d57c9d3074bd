// Typos in questions, corrected towards the words this catalog and the translator know ("memroy" → "memory",
// "hanlder" → "handler", "seires" → "series"). A word is only changed when Hunspell's English dictionary
// (nspell with dictionary-en) does not know it either, so real words are never "corrected", and only to a
// known word one edit away (two for long words), found through a symmetric-delete index of the vocabulary. Names the catalog holds (vda, iops, conntrack) stay as typed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nspell from 'nspell';
import { editDistance } from '../edge/words.ts';
import type { Catalog } from './api.ts';
import { lexicon, nameWords } from './text.ts';

let speller: ReturnType<typeof nspell> | null | undefined;

/** The English dictionary, loaded once (about 0.3 s); null when it cannot be read, and then nothing is corrected. */
function english(): ReturnType<typeof nspell> | null {
  if (speller !== undefined) return speller;
  try {
    const dir = dirname(fileURLToPath(import.meta.resolve('dictionary-en')));
    speller = nspell(readFileSync(join(dir, 'index.aff')), readFileSync(join(dir, 'index.dic')));
  } catch {
    speller = null;
  }
  return speller;
}

/** Loads the dictionary now (a server at start-up), so the first question does not wait for it. */
export function warmSpelling(): boolean {
  return english() !== null;
}

/** Words of the question language the translator reads outside the concept map. */
const QUESTION_WORDS = 'percent percentage fraction ratio average median percentile quantile rate rates throughput traffic increase ' +
  'total overall uptime running started since received receive transmitted transmit sent written write read reads writes ' +
  'errors failures failed failing healthy unhealthy status handler handlers endpoint endpoints device devices interface interfaces ' +
  'series samples sample scrape scraped scrapes target targets collector collectors memory available filesystem inodes ' +
  'connections connection requests request duration latency seconds minutes hours bytes megabytes gigabytes highest lowest ' +
  'slowest fastest largest smallest biggest compared yesterday predict';

interface Vocabulary {
  words: Set<string>;
  /** Symmetric-delete index: each word under itself and under each one-letter deletion of it. */
  near: Map<string, string[]>;
}

const vocabularies = new WeakMap<Catalog, Vocabulary>();

const deletions = (w: string): string[] => Array.from({ length: w.length }, (_, i) => w.slice(0, i) + w.slice(i + 1));

function vocabularyOf(catalog: Catalog): Vocabulary {
  let v = vocabularies.get(catalog);
  if (v) return v;
  const words = new Set<string>([...lexicon(), ...QUESTION_WORDS.split(' ')]);
  for (const f of catalog.families()) {
    for (const w of nameWords(f.name)) words.add(w);
    for (const w of f.help.toLowerCase().match(/[a-z]{3,}/g) ?? []) words.add(w);
    for (const l of f.labels) {
      words.add(l.toLowerCase());
      for (const value of catalog.labelValues(f.name, l).slice(0, 50)) for (const w of value.toLowerCase().match(/[a-z]{3,}/g) ?? []) words.add(w);
    }
  }
  const near = new Map<string, string[]>();
  const add = (key: string, w: string): void => {
    const list = near.get(key);
    if (!list) near.set(key, [w]);
    else if (!list.includes(w)) list.push(w);
  };
  for (const w of words) {
    if (w.length < 3) continue;
    add(w, w);
    for (const d of deletions(w)) add(d, w);
  }
  v = { words, near };
  vocabularies.set(catalog, v);
  return v;
}

export interface Spelling { text: string; corrections: { from: string; to: string }[] }

/** The question with its typos corrected, and what was changed (shown to the person with the answer). */
export function correctSpelling(question: string, catalog: Catalog): Spelling {
  const corrections: { from: string; to: string }[] = [];
  const { words, near } = vocabularyOf(catalog);
  const text = question.replace(/[A-Za-z]{4,}/g, (raw) => {
    const w = raw.toLowerCase();
    if (words.has(w)) return raw;
    const dict = english();
    if (!dict || dict.correct(w) || dict.correct(raw)) return raw;
    const max = w.length >= 8 ? 2 : 1;
    // Candidates share the word or a one-letter deletion of it with the typo (insertions, deletions,
    // substitutions and swaps; two edits only as one on each side), then the edit distance decides.
    const candidates = new Set<string>([...(near.get(w) ?? []), ...deletions(w).flatMap((d) => near.get(d) ?? [])]);
    let nearest: string[] = [];
    let least = max + 1;
    for (const candidate of candidates) {
      const d = editDistance(w, candidate, max);
      if (d < least) { least = d; nearest = [candidate]; } else if (d === least && d <= max) nearest.push(candidate);
    }
    // Equally near words ("writen": write or written) are told apart by keeping the typed first and last
    // letters; when that leaves none or several ("tabel": table or label), guessing would be wrong half the time.
    const ends = nearest.filter((c) => c[0] === w[0] && c.at(-1) === w.at(-1));
    const to = nearest.length === 1 ? nearest[0] : ends.length === 1 ? ends[0] : undefined;
    if (!to) return raw;
    corrections.push({ from: raw, to });
    return to;
  });
  return { text, corrections };
}
