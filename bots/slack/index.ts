// The Slack channel assistant: the coach in an incident's channel, over Socket Mode or HTTP.
export { createSlackAssistant, webClientOptions, type SlackAssistant, type SlackAssistantOptions } from './app.ts';
export type { RunQueryInput, SlackDeps, SlackQueryService } from './deps.ts';
export { LISTENERS, registerListeners } from './listeners/index.ts';
export { createDedupe, requestKey, type Dedupe } from './dedupe.ts';
export { createPeople, type People } from './people.ts';
export { createGroupCache, type GroupCache } from './support/groups.ts';
export { relaySupport, type SupportRelay } from './support/relay.ts';
