// Words as team memory compares them: lower case, no diacritics, metric names and label pairs kept whole.

const STOP = new Set(('a an the and or of on in at to for from by with is are was were be been it its this that these those ' +
  'what which who how why when where do does did i we you my our me us can could should would will not no yes ' +
  'again there here up down out than then so if as into about all any some more most very just').split(' '));

/** Distinct meaningful words of a text (stop words and one-letter tokens dropped). */
export function terms(text: string): Set<string> {
  // Most of the log is ASCII; only other text pays for taking diacritics off.
  const plain = !/[^\t\n\r -~]/.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  const raw = plain.toLowerCase().match(/[\p{L}\p{N}_=-]+/gu) ?? [];
  const out = new Set<string>();
  for (const t of raw) {
    const w = t.replace(/^-+|-+$/g, '');
    if (w.length > 1 && !STOP.has(w)) out.add(w);
  }
  return out;
}

/** Label pairs as stored in the incident profile ("key=value", spaces in values as "_"). */
export function labelPairs(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k.replace(/ /g, '_')}=${v.replace(/ /g, '_')}`.toLowerCase());
}

/** An FTS5 phrase, quoted so a person's words are never query syntax. */
export const phrase = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/** How many of `wanted` a text holds, counted once each. */
export function shared(wanted: Set<string>, have: Set<string>): number {
  let n = 0;
  for (const w of wanted) if (have.has(w)) n++;
  return n;
}

const WORDISH = /[\p{L}\p{N}_=-]/u;

/** Whether a lower-case text holds `w` as a whole word: indexOf and a look at both neighbours, no tokenizing. */
export function holdsWord(text: string, w: string): boolean {
  for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
    const before = i === 0 ? '' : text.charAt(i - 1);
    const after = text.charAt(i + w.length);
    if ((before === '' || !WORDISH.test(before)) && (after === '' || !WORDISH.test(after))) return true;
  }
  return false;
}
