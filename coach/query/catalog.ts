// The in-memory view of a metric catalog and the word index the translator searches it with.
import type { Catalog, MetricFamily, MetricType } from './api.ts';
import { nameTokens, textTokens, FILLER } from './text.ts';

const SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/** Series Prometheus makes itself have no metadata; people still ask about them. */
export const SYNTHETIC_HELP: Record<string, string> = {
  up: '1 if the scrape target is up and its last scrape succeeded, 0 if the target is down or unreachable.',
  scrape_duration_seconds: 'How long the last scrape of the target took, in seconds.',
  scrape_samples_scraped: 'Number of samples the target exposed in its last scrape.',
  scrape_samples_post_metric_relabeling: 'Number of samples left after metric relabeling in the last scrape.',
  scrape_series_added: 'Approximate number of new series in the last scrape.',
};

/** Groups sample names into families using metadata types (`x_bucket` belongs to histogram `x`). */
export function familiesFrom(
  sampleNames: readonly string[],
  metadata: Record<string, { type: string; help: string; unit: string }>,
): Map<string, Omit<MetricFamily, 'labels'>> {
  const out = new Map<string, Omit<MetricFamily, 'labels'>>();
  for (const sample of sampleNames) {
    let family = sample;
    for (const suffix of SUFFIXES) {
      const base = sample.slice(0, -suffix.length);
      const meta = sample.endsWith(suffix) ? metadata[base] : undefined;
      if (meta && (meta.type === 'histogram' || meta.type === 'summary')) family = base;
    }
    const meta = metadata[family];
    const prev = out.get(family);
    if (prev) {
      prev.samples.push(sample);
      continue;
    }
    const type = (meta?.type ?? guessType(sample)) as MetricType;
    out.set(family, {
      name: family,
      type: ['counter', 'gauge', 'histogram', 'summary'].includes(type) ? type : 'unknown',
      help: meta?.help ?? SYNTHETIC_HELP[family] ?? '',
      unit: meta?.unit ?? '',
      samples: [sample],
    });
  }
  return out;
}

function guessType(sample: string): string {
  if (sample.endsWith('_total')) return 'counter';
  if (SYNTHETIC_HELP[sample] !== undefined) return 'gauge';
  return 'unknown';
}

/** A catalog held in memory; label values come from a function so a store-backed one can load them lazily. */
export function memoryCatalog(
  source: string,
  fetchedAt: string,
  families: MetricFamily[],
  values: (family: string, label: string) => readonly string[],
): Catalog {
  const byName = new Map(families.map((f) => [f.name, f]));
  const bySample = new Map<string, MetricFamily>();
  for (const f of families) for (const s of f.samples) bySample.set(s, f);
  const cache = new Map<string, readonly string[]>();
  return {
    source,
    fetchedAt,
    families: () => families,
    family: (name) => byName.get(name),
    familyOfSample: (sample) => bySample.get(sample) ?? byName.get(sample),
    labelValues(family, label) {
      const key = `${family}\u0000${label}`;
      let v = cache.get(key);
      if (!v) {
        v = values(family, label);
        cache.set(key, v);
      }
      return v;
    },
  };
}

export interface IndexedFamily {
  family: MetricFamily;
  name: Set<string>;
  help: Set<string>;
}

/** Word → families index with inverse document frequencies, built once per catalog. */
export interface CatalogIndex {
  catalog: Catalog;
  entries: IndexedFamily[];
  byWord: Map<string, number[]>;
  /** Label name → families that carry it. */
  byLabel: Map<string, number[]>;
  idf(word: string): number;
  /** Words that appear anywhere in names or HELP. */
  knows(word: string): boolean;
  /**
   * Families with a label value that is this word, or made of it ("checkout", "/api/cart" for "cart"):
   * a question may name a service or route alone. Built on first use, for words names and HELP lack.
   */
  valueFamilies(word: string): readonly number[];
}

const VALUE_SKIP = new Set(['le', 'quantile', '__name__', 'instance']);

const indexes = new WeakMap<Catalog, CatalogIndex>();

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const cached = indexes.get(catalog);
  if (cached) return cached;
  const entries: IndexedFamily[] = [];
  const byWord = new Map<string, number[]>();
  const df = new Map<string, number>();
  const byLabel = new Map<string, number[]>();
  catalog.families().forEach((family, i) => {
    const name = new Set(nameTokens(family.name));
    const help = new Set(textTokens(family.help).filter((w) => !FILLER.has(w)));
    entries.push({ family, name, help });
    for (const w of new Set([...name, ...help])) {
      let list = byWord.get(w);
      if (!list) byWord.set(w, (list = []));
      list.push(i);
    }
    for (const w of name) df.set(w, (df.get(w) ?? 0) + 1);
    for (const l of family.labels) {
      let list = byLabel.get(l);
      if (!list) byLabel.set(l, (list = []));
      list.push(i);
    }
  });
  const n = Math.max(entries.length, 1);
  let byValue: Map<string, number[]> | null = null;
  const valueIndex = (): Map<string, number[]> => {
    if (byValue) return byValue;
    const map = new Map<string, number[]>();
    byValue = map;
    entries.forEach((e, i) => {
      for (const l of e.family.labels) {
        if (VALUE_SKIP.has(l)) continue;
        for (const v of catalog.labelValues(e.family.name, l)) {
          for (const w of new Set(v.toLowerCase().split(/[^a-z0-9]+/))) {
            if (w.length < 3 || /^\d+$/.test(w)) continue;
            let list = map.get(w);
            if (!list) map.set(w, (list = []));
            if (list[list.length - 1] !== i) list.push(i);
          }
        }
      }
    });
    return byValue;
  };
  const index: CatalogIndex = {
    catalog,
    entries,
    byWord,
    byLabel,
    // Damped: a rare word should win ties, not outvote two common ones.
    idf: (w) => 1 + 0.5 * Math.log(1 + n / (1 + (df.get(w) ?? 0))),
    knows: (w) => byWord.has(w),
    valueFamilies: (w) => valueIndex().get(w) ?? [],
  };
  indexes.set(catalog, index);
  return index;
}
