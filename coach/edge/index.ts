// EDGE policy: the rules of DESIGN §2 as pure functions deciding what the coach may say next.
export { decide } from './decide.ts';
export { classify, normalize, type Intent } from './classify.ts';
export { checklist, isDone, type ChecklistItem } from './checklist.ts';
export { alertStart, suspectDeploy } from './facts.ts';
export { statedTimes } from './times.ts';
export { lastProgress } from './rules/stuck.ts';
export { filtersOn } from './rules/improve.ts';
export {
  defaultPolicyConfig,
  type Decision, type EnhanceFacts, type IncidentState, type PastTurn, type PolicyConfig, type PolicyContext, type PolicyEvent,
} from './types.ts';
