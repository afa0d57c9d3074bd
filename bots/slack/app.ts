// The composition of the Slack assistant: bolt's App, one of two transports, the listeners, and the Web
// API client's rate-limit policy. Called by the server's composition root, which alone reads the environment.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel, SocketModeReceiver, type Receiver, type webApi } from '@slack/bolt';
import type { CoachApi } from '../../coach/incident/api.ts';
import { createDirectory, emptyRoster, type Directory } from '../../coach/people/index.ts';
import type { Store } from '../../coach/store/index.ts';
import type { SupportService } from '../../coach/support/index.ts';
import { CodedError, type Clock } from '../../coach/types.ts';
import { announceOpened } from './announce.ts';
import { createDedupe, dedupeMiddleware } from './dedupe.ts';
import type { Log, SlackDeps, SlackLearningNotes, SlackQueryService, SlackSuggestions } from './deps.ts';
import { relayLearning, type LearningRelay } from './learning/relay.ts';
import { registerListeners } from './listeners/index.ts';
import { boltLogger } from './logger.ts';
import { pacedCoach } from './paced-coach.ts';
import { createPeople } from './people.ts';
import { SlackHttpReceiver } from './receivers/http-receiver.ts';
import { createGroupCache } from './support/groups.ts';
import { relaySupport, type SupportRelay } from './support/relay.ts';

export interface SlackAssistantOptions {
  coach: CoachApi;
  store: Store;
  query?: SlackQueryService | null;
  clock: Clock;
  botToken: string;
  /** HTTP mode: requests at POST /slack/events, verified with this secret. */
  signingSecret?: string | null;
  /** Socket Mode (wins when set): no public URL needed. */
  appToken?: string | null;
  /** Web API base URL; Slack's own when unset. */
  apiUrl?: string | null;
  /** The team server's public URL, for links to an incident's full page. */
  publicUrl?: string | null;
  /** Where incidents opened outside Slack are announced. */
  announceChannel?: string | null;
  /** The customer-support workflow: `/mentat ask-devs`, batch messages and approval buttons. */
  support?: SupportService | null;
  /** Learning notes: `/mentat notes`, the post when one is published. */
  learning?: SlackLearningNotes | null;
  /** Accept / Dismiss on enhancement suggestions. */
  suggestions?: SlackSuggestions | null;
  /** Who Slack users are (people.yml); without it nobody has a role. */
  directory?: Directory | null;
  /** How long Slack user-group membership is cached (default 5 minutes). */
  groupsTtlMs?: number;
  /** Web API retries (429 waits for Retry-After; other failures back off), bounded. */
  retries?: number;
  log?: Log;
}

export interface SlackAssistant {
  mode: 'http' | 'socket';
  /** HTTP mode only: the server routes POST /slack/events here with the body it read. */
  handleHttp?: (req: IncomingMessage, res: ServerResponse, rawBody: Buffer) => Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The Web API client the listeners use, for announcements from elsewhere in the server. */
  readonly client: webApi.WebClient;
  /** The support relay while started (tests wait on it); null without a support service. */
  readonly supportRelay: SupportRelay | null;
  /** The learning-note relay while started; null without a learning-note service. */
  readonly learningRelay: LearningRelay | null;
}

export function webClientOptions(apiUrl: string | null | undefined, retries: number, logger: ReturnType<typeof boltLogger>): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    logger,
    // Wait out a 429's Retry-After and try again, at most `retries` times and never past a minute in all.
    rejectRateLimitedCalls: false,
    retryConfig: { retries, factor: 2, minTimeout: 200, maxTimeout: 5_000, maxRetryTime: 60_000 },
    timeout: 10_000,
  };
}

export function createSlackAssistant(opts: SlackAssistantOptions): SlackAssistant {
  const log: Log = opts.log ?? ((line) => console.error(line));
  const logger = boltLogger(log, LogLevel.WARN);
  const clientOptions = webClientOptions(opts.apiUrl, opts.retries ?? 3, logger);
  let receiver: Receiver;
  let http: SlackHttpReceiver | null = null;
  if (opts.appToken) {
    receiver = new SocketModeReceiver({ appToken: opts.appToken, logger, installerOptions: { clientOptions } });
  } else if (opts.signingSecret) {
    http = new SlackHttpReceiver({ signingSecret: opts.signingSecret, logger, now: () => Date.now() });
    receiver = http;
  } else {
    throw new CodedError('slack_config',
      'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) next to SLACK_BOT_TOKEN.', 400);
  }
  const app = new App({ token: opts.botToken, receiver, logger, clientOptions, deferInitialization: true });
  const publicUrl = opts.publicUrl ? opts.publicUrl.replace(/\/+$/, '') : null;
  const deps: SlackDeps = {
    coach: pacedCoach(opts.coach),
    store: opts.store,
    query: opts.query ?? null,
    clock: opts.clock,
    people: createPeople({ log }),
    seen: createDedupe(),
    support: opts.support ?? null,
    learning: opts.learning ?? null,
    suggestions: opts.suggestions ?? null,
    directory: opts.directory ?? createDirectory(emptyRoster()),
    groups: createGroupCache({ log, ...(opts.groupsTtlMs !== undefined ? { ttlMs: opts.groupsTtlMs } : {}) }),
    log,
    // The sidebar keeps the open incident in the hash (#/incident/42), which the server's UI route serves.
    incidentUrl: (id) => (publicUrl ? `${publicUrl.replace(/\/+$/, '')}/#/incident/${id}` : null),
  };
  const now = (): string => opts.clock.now().toISOString();
  app.use(dedupeMiddleware(deps.seen, log, {
    seen: (key) => opts.store.handled.seen(`slack:${key}`, now()),
    claim: (key) => opts.store.handled.claim(`slack:${key}`, now()),
  }));
  registerListeners(app, deps);
  app.error(async (e) => log(`slack: ${e.code ?? 'error'}: ${e.message}`));

  let started = false;
  let unsubscribe: (() => void) | null = null;
  let relay: SupportRelay | null = null;
  let learningRelay: LearningRelay | null = null;
  return {
    mode: http ? 'http' : 'socket',
    client: app.client,
    get supportRelay() {
      return relay;
    },
    get learningRelay() {
      return learningRelay;
    },
    ...(http ? { handleHttp: (req: IncomingMessage, res: ServerResponse, raw: Buffer) => (http).handle(req, res, raw) } : {}),
    async start() {
      if (started) return;
      await app.init();
      await app.start();
      started = true;
      if (opts.announceChannel) {
        unsubscribe = announceOpened({ coach: opts.coach, client: app.client, channel: opts.announceChannel, incidentUrl: deps.incidentUrl, log });
      }
      if (deps.support) relay = relaySupport({ support: deps.support, client: app.client, store: opts.store, directory: deps.directory, log, fallbackChannel: opts.announceChannel ?? null });
      if (deps.learning) {
        learningRelay = relayLearning({ learning: deps.learning, client: app.client, store: opts.store, directory: deps.directory,
          incidentUrl: deps.incidentUrl, log, fallbackChannel: opts.announceChannel ?? null });
      }
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = null;
      relay?.stop();
      relay = null;
      learningRelay?.stop();
      learningRelay = null;
      if (started) await app.stop();
      started = false;
    },
  };
}
