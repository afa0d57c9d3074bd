// Typos in questions, corrected towards the words this catalog and the translator know ("memroy" → "memory",
// "hanlder" → "handler", "seires" → "series"). A word is only changed when Hunspell's English dictionary
// (nspell with dictionary-en) does not know it either, so real words are never "corrected", and only to a
// known word one edit away (two for long words). Names the catalog holds (vda, iops, conntrack) stay as typed.
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

/** Words of the question language the translator reads outside the concept map. */
const QUESTION_WORDS = 'percent percentage fraction ratio average median percentile quantile rate rates throughput traffic increase ' +
  'total overall uptime running started since received receive transmitted transmit sent written write read reads writes ' +
  'errors failures failed failing healthy unhealthy status handler handlers endpoint endpoints device devices interface interfaces ' +
  'series samples sample scrape scraped scrapes target targets collector collectors memory available filesystem inodes ' +
  'connections connection requests request duration latency seconds minutes hours bytes megabytes gigabytes highest lowest ' +
  'slowest fastest largest smallest biggest compared yesterday predict';

const vocabularies = new WeakMap<Catalog, { words: Set<string>; byLength: Map<number, string[]> }>();

function vocabularyOf(catalog: Catalog): { words: Set<string>; byLength: Map<number, string[]> } {
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
  const byLength = new Map<number, string[]>();
  for (const w of words) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  v = { words, byLength };
  vocabularies.set(catalog, v);
  return v;
}

export interface Spelling { text: string; corrections: { from: string; to: string }[] }

/** The question with its typos corrected, and what was changed (shown to the person with the answer). */
export function correctSpelling(question: string, catalog: Catalog): Spelling {
  const corrections: { from: string; to: string }[] = [];
  const { words, byLength } = vocabularyOf(catalog);
  const text = question.replace(/[A-Za-z]{4,}/g, (raw) => {
    const w = raw.toLowerCase();
    if (words.has(w)) return raw;
    const dict = english();
    if (!dict || dict.correct(w) || dict.correct(raw)) return raw;
    const max = w.length >= 8 ? 2 : 1;
    let nearest: string[] = [];
    let least = max + 1;
    for (let len = w.length - max; len <= w.length + max; len++) {
      for (const candidate of byLength.get(len) ?? []) {
        const d = editDistance(w, candidate, max);
        if (d < least) { least = d; nearest = [candidate]; } else if (d === least && d <= max) nearest.push(candidate);
      }
    }
    // Equally near words ("writen": write or written) are told apart by Hunspell's suggestions, in its order;
    // when it suggests none of them ("tabel": table or label), guessing would be wrong half the time.
    const to = nearest.length === 1 ? nearest[0] : dict.suggest(w).map((x) => x.toLowerCase()).find((x) => nearest.includes(x));
    if (!to) return raw;
    corrections.push({ from: raw, to });
    return to;
  });
  return { text, corrections };
}
