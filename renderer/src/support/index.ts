// Customer-support answers in the sidebar: ask the dev team, review and approve, reuse what was published.
export { SupportPane } from './SupportPane.tsx';
export { upsertQuestion, useSupport, type SupportList } from './useSupport.ts';
