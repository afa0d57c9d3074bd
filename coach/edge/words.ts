// Typo-tolerant word handling for the classifier: people type fast and badly during incidents.

/** "stuckk" → "stuck", "heeelp" → "help": repeated letters carry no meaning here. */
export function collapse(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring), capped at max + 1. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return Math.min((d[a.length] as number[])[b.length] as number, max + 1);
}

/** Lowercase word tokens; apostrophes dropped so "what's" is "whats". */
export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, '').match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/**
 * Maps a token to a vocabulary word when it is one, or one edit away from one (for words of four letters or more),
 * so "stuk", "halp" and "shoud" are read as "stuck", "help" and "should". Returns the token unchanged otherwise.
 */
export function canonical(token: string, vocabulary: ReadonlySet<string>): string {
  if (vocabulary.has(token)) return token;
  const c = collapse(token);
  if (vocabulary.has(c)) return c;
  let best: string | null = null;
  for (const v of vocabulary) {
    if (Math.max(v.length, c.length) < 4 || v[0] !== c[0] && v.length < 5) continue;
    const dist = Math.min(editDistance(c, v, 1), editDistance(token, v, 1));
    if (dist <= 1 && (best === null || v.length > best.length)) best = v;
  }
  return best ?? token;
}
