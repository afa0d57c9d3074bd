// Replay: plays a recorded scenario (JSONL) through the coach on a simulated clock (CONTRACTS §2).
export { runReplay, replayTurn, type ReplayOptions } from './run.ts';
export { replayCommand, parseReplayArgs, REPLAY_USAGE, type ReplayIo, type ReplayArgs } from './command.ts';
export { parseLine, parseScenarioLine, type ReplayLine, type ScenarioLine, type SuggestionPick, type PastIncident } from './events.ts';
