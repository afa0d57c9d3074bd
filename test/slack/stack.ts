// The real thing under test: a store on disk, the coach, the team server with the Slack assistant mounted
// at POST /slack/events, and the fake Slack Web API it talks to.
import { join } from 'node:path';
import { createSlackAssistant, type SlackAssistant, type SlackQueryService } from '../../bots/slack/index.ts';
import { createCoach, type Coach } from '../../coach/incident/index.ts';
import { startServer, type RunningServer } from '../../coach/server/index.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
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
  /** POSTs a signed body to /slack/events; `headers` may override or add headers. */
  post(body: string | Record<string, unknown> | URLSearchParams, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startStack(opts: { query?: SlackQueryService; retries?: number; announceChannel?: string } = {}): Promise<Stack> {
  const tmp = tempDir('mentat-slack-');
  const store = Store.open(join(tmp.dir, 'mentat.db'));
  const coach = createCoach({ store, clock: systemClock });
  const slack = await startFakeSlack();
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };
  const assistant = createSlackAssistant({
    coach, store, clock: systemClock, botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: slack.apiUrl,
    publicUrl: 'http://mentat.example', log, retries: opts.retries ?? 3, ...(opts.query ? { query: opts.query } : {}),
    ...(opts.announceChannel ? { announceChannel: opts.announceChannel } : {}),
  });
  await assistant.start();
  const handle = assistant.handleHttp;
  if (!handle) throw new Error('expected HTTP mode');
  const server = await startServer({
    host: '127.0.0.1', port: 0, deps: { store, coach, clock: systemClock, services: {} }, log, tickMs: 0,
    extraHandlers: [{ method: 'POST', path: '/slack/events', handle }],
  });
  return {
    store, coach, slack, assistant, server, logs,
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
