// Enhance and learn (DESIGN §2 H1–H6, §4): what people did in one incident improves the next.
export * from './notes/index.ts';
export * from './enhance/index.ts';
