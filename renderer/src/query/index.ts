// Query cards: highlighted query, per-part explanation, copy, open-in links and the person's Run.
export { QueryCard } from './QueryCard.tsx';
export { candidatesFromTurn, cardFromTurn, openLinks, LANGUAGE_NAMES } from './card.ts';
export { tokenize, type Token, type TokenKind } from './tokens.ts';
