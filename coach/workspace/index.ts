// Workspace: the folder a team owns (process guide, link catalog, owners) loaded and validated.
export { loadWorkspace, defaultWorkspace } from './load.ts';
export { parseGuide, combineGuides, slug } from './process-guide.ts';
export { DEFAULT_GUIDE_MARKDOWN, defaultGuideItems } from './default-guide.ts';
export { parseLinks, linksFor } from './links.ts';
export { parseOwners, ownerOf } from './owners.ts';
export { parseConditions, evaluate, globMatch, CONDITION_VOCABULARY } from './conditions.ts';
export type { Condition, ConditionFacts } from './conditions.ts';
export type { Workspace, ProcessGuide, ProcessItem, OwnerRule } from './types.ts';
export { parseGlossary } from './glossary.ts';
