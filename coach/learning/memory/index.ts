// Team memory: what people did in past incidents, found for the incident at hand and ranked by relevance,
// reuse and recency, each hit attributed ("maria ran this in INC-41"). See docs/learning.md "Team memory".
export { Memory, MEMORY_KINDS, type ItemSource, type MemoryHit, type MemoryItem, type MemoryKind, type MemoryQuery } from './search.ts';
export { attribution, rarity, recency, relevance, reuseFactor, score, WEIGHTS, type Reuse, type Similarity } from './score.ts';
export { stuckHints, type StuckHint } from './stuck-hint.ts';
export { terms } from './terms.ts';
