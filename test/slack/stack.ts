// The real thing under test: a store on disk, the coach, the team server with the Slack assistant mounted
// at POST /slack/events, and the fake Slack Web API it talks to.
import { join } from 'node:path';
import { createSlackAssistant, type SlackAssistant, type SlackQueryService } from '../../bots/slack/index.ts';
import { createCoach, type Coach } from '../../coach/incident/index.ts';
import { createDirectory, parseRoster } from '../../coach/people/index.ts';
import { PEOPLE_KEY } from '../../coach/server/identity.ts';
import { startServer, type RunningServer } from '../../coach/server/index.ts';
import { SUPPORT_KEY } from '../../coach/server/routes/support.ts';
import { LEARNING_NOTES_KEY } from '../../coach/server/routes/learning.ts';
import { SUGGESTIONS_KEY } from '../../coach/server/routes/suggestions.ts';
import { createLearningNotes, type LearningNotesService } from '../../coach/learning/index.ts';
import { createSuggestionService, type SuggestionService } from '../../coach/learning/enhance/index.ts';
import { suggestionsThrough } from '../../bots/slack/learning/services.ts';
import { Store } from '../../coach/store/index.ts';
import { createSupport, type SupportService } from '../../coach/support/index.ts';
import { systemClock, type Clock } from '../../coach/types.ts';
import { defaultWorkspace } from '../../coach/workspace/index.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { tempDir } from '../support/tmp.ts';
import { sign } from './payloads.ts';

export const SECRET = 'test-signing-secret';

export interface Stack {
  store: Store;
  coach: Coach;
  slack: FakeSlack;
  assistant: SlackAssistant;
  server: RunningServer;
  logs: string[];
  /** The real support workflow, on a clock the test moves (`clock.advance`) to close batch windows. */
  support: SupportService;
  /** The real learning-note workflow, shared by the server's routes and the Slack assistant. */
  learning: LearningNotesService;
  /** The real suggestion-answering workflow (H5). */
  suggestions: SuggestionService;
  clock: Clock & { advance(ms: number): void };
  /** POSTs a signed body to /slack/events; `headers` may override or add headers. */
  post(body: string | Record<string, unknown> | URLSearchParams, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface StackOptions {
  query?: SlackQueryService;
  retries?: number;
  announceChannel?: string;
  /** people.yml for the workspace (Slack ids and slack_groups). */
  people?: string;
  /** Support batch window on the test's clock (default 60 s: only `clock.advance` closes it). */
  batchWindowMs?: number;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const tmp = tempDir('mentat-slack-');
  const store = Store.open(join(tmp.dir, 'mentat.db'));
  const coach = createCoach({ store, clock: systemClock });
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => { offset += ms; } };
  const workspace = { ...defaultWorkspace(), people: parseRoster(opts.people ?? '') };
  const directory = createDirectory(workspace.people);
  const slack = await startFakeSlack();
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };
  const support = createSupport({ store, clock, workspace, batchWindowMs: opts.batchWindowMs ?? 60_000, log });
  const learning = createLearningNotes({ store, clock, workspace, log });
  const suggestions = createSuggestionService({ store, clock });
  const assistant = createSlackAssistant({
    coach, store, clock: systemClock, botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: slack.apiUrl,
    publicUrl: 'http://mentat.example', log, retries: opts.retries ?? 3, ...(opts.query ? { query: opts.query } : {}),
    ...(opts.announceChannel ? { announceChannel: opts.announceChannel } : {}),
    support, directory, groupsTtlMs: 60_000, learning, suggestions: suggestionsThrough(suggestions),
  });
  await assistant.start();
  const handle = assistant.handleHttp;
  if (!handle) throw new Error('expected HTTP mode');
  const server = await startServer({
    host: '127.0.0.1', port: 0, deps: { store, coach, clock: systemClock, services: { [SUPPORT_KEY]: support, [PEOPLE_KEY]: directory, [LEARNING_NOTES_KEY]: learning, [SUGGESTIONS_KEY]: suggestions, workspace } }, log, tickMs: 0,
    extraHandlers: [{ method: 'POST', path: '/slack/events', handle }],
  });
  return {
    store, coach, slack, assistant, server, logs, support, learning, suggestions, clock,
    async post(body, headers = {}) {
      const isForm = body instanceof URLSearchParams;
      const text = typeof body === 'string' ? body : isForm ? body.toString() : JSON.stringify(body);
      return fetch(`${server.url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
          ...sign(SECRET, text),
          ...headers,
        },
        body: text,
      });
    },
    async close() {
      await server.close();
      await assistant.stop();
      await slack.close();
      coach.close();
      store.close();
      tmp.cleanup();
    },
  };
}
