// The coach conversation: plan capture, turns labelled by phase and engine, and the ask box.
export { CoachPane } from './CoachPane.tsx';
export { conversation, engineLabel, PHASE_LABELS } from './conversation.ts';
