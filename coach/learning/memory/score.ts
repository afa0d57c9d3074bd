// The memory score: relevance to the incident at hand, times how often the team reused the item, times a
// gentle recency decay. Pure functions, so the ranking is tested without a store (docs/learning.md "Team memory").

/**
 * What the item's incident shares with the incident at hand, and what the item's own text shares with the
 * question. Each shared thing counts by its rarity w(t) = min(1, ln(N / df) / ln(1000)): a label every
 * incident carries (severity=critical) counts little, one held by a few in a thousand counts fully.
 */
export interface Similarity {
  /** w(service) when the services are the same, else 0. */
  service: number;
  /** Sum of w(alert name) over shared alert names. */
  alerts: number;
  /** Sum of w(label pair) over shared label pairs. */
  labels: number;
  /** Sum of w(word) over shared title and annotation words. */
  incidentWords: number;
  /** Sum of w(word) over the question's words (the incident's title when none is asked) the item's text holds. */
  itemWords: number;
}

export const WEIGHTS = {
  service: 2,
  alert: 2,
  label: 2, maxLabels: 6,
  incidentWord: 1, maxIncidentWords: 4,
  itemWord: 2, maxItemWords: 8,
  /** Two years of age halve the score: a strong match from last year still beats weak recent ones. */
  recencyDays: 730,
  reuse: 0.15,
  /** Reuse counts past this many incidents (or people) lift no further. */
  reuseCap: 300,
} as const;

/** How much a shared term counts, from how many of n rows hold it. */
export function rarity(df: number, n: number): number {
  if (df <= 0) return 1;
  return Math.max(0, Math.min(1, Math.log(Math.max(n, df) / df) / Math.log(1000)));
}

export function relevance(s: Similarity): number {
  return WEIGHTS.service * s.service
    + WEIGHTS.alert * Math.min(1, s.alerts)
    + Math.min(WEIGHTS.maxLabels, WEIGHTS.label * s.labels)
    + Math.min(WEIGHTS.maxIncidentWords, WEIGHTS.incidentWord * s.incidentWords)
    + itemRelevance(s.itemWords);
}

/** The item's own part of relevance (the rest is its incident's, the same for all of that incident's items). */
export function itemRelevance(itemWords: number): number {
  return Math.min(WEIGHTS.maxItemWords, WEIGHTS.itemWord * itemWords);
}

/** 1 / (1 + age / 730 days): never zero, so age alone never hides a strong match. */
export function recency(at: string, now: Date): number {
  return recencyAt(Date.parse(at), now.getTime());
}

export function recencyAt(atMs: number, nowMs: number): number {
  const days = Math.max(0, (nowMs - atMs) / 86_400_000);
  return 1 / (1 + days / WEIGHTS.recencyDays);
}

export interface Reuse {
  /** Other incidents in which the same query was run (or the same link opened). */
  incidents: number;
  /** Other people who ran or opened it. */
  people: number;
}

/** 1 + 0.15 · ln(1 + other incidents + other people), each counted up to 300: reuse lifts, with diminishing returns. */
export function reuseFactor(r: Reuse): number {
  return 1 + WEIGHTS.reuse * Math.log(1 + Math.min(r.incidents, WEIGHTS.reuseCap) + Math.min(r.people, WEIGHTS.reuseCap));
}

export function score(s: Similarity, r: Reuse, at: string, now: Date): number {
  return relevance(s) * reuseFactor(r) * recency(at, now);
}

const VERBS: Record<string, string> = {
  query_run: 'ran this', link_opened: 'opened this', note: 'noted this', plan: 'planned this',
  demo_stop: 'recorded this', support_answer: 'approved this answer', learning_note: 'published this note',
};

/** "maria ran this in INC-41 (2025-03-02)"; "and 3 others reused it" when the team did. */
export function attribution(item: { kind: string; actor: string; incidentKey: string | null; at: string }, reuse?: Reuse): string {
  const verb = VERBS[item.kind] ?? 'did this';
  const where = item.incidentKey ? ` in ${item.incidentKey}` : '';
  const again = reuse && reuse.incidents > 0 ? `; run again in ${reuse.incidents} other incident${reuse.incidents === 1 ? '' : 's'}` : '';
  return `${item.actor} ${verb}${where} (${item.at.slice(0, 10)})${again}`;
}
