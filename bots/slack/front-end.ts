// How `mentat serve` runs the assistant: the environment it is handed decides the transport (CONTRACTS §4),
// and the Run button goes through the same route the sidebar's Run uses, so a run is logged the same way.
// Learning notes and suggestions are the server's own workflows, so the sidebar hears what Slack did.
import { createSuggestionService, type SuggestionService } from '../../coach/learning/enhance/index.ts';
import type { LearningNotesService } from '../../coach/learning/index.ts';
import type { Directory } from '../../coach/people/index.ts';
import { LEARNING_NOTES_KEY } from '../../coach/server/routes/learning.ts';
import { SUGGESTIONS_KEY } from '../../coach/server/routes/suggestions.ts';
import { allRoutes } from '../../coach/server/index.ts';
import { PEOPLE_KEY } from '../../coach/server/identity.ts';
import { SUPPORT_KEY } from '../../coach/server/routes/support.ts';
import type { SupportService } from '../../coach/support/index.ts';
import type { FrontEndContext, MountedFrontEnd } from '../../coach/server/front-ends.ts';
import type { ServerDeps } from '../../coach/server/route.ts';
import { CodedError } from '../../coach/types.ts';
import { createSlackAssistant } from './app.ts';
import type { SlackQueryService } from './deps.ts';
import { suggestionsThrough } from './learning/services.ts';

const RUN_PATH = '/api/incidents/:id/query/run';

/** The server's query-run route as a function: validation, the Prometheus call and the action log included. */
export function runThroughRoute(deps: ServerDeps): SlackQueryService | null {
  const route = allRoutes().find((r) => r.method === 'POST' && r.path === RUN_PATH);
  if (!route) return null;
  return {
    async runAsPerson(input) {
      const body = { from: input.by, query: input.query, language: input.language, ...(input.range ? { range: input.range } : {}) };
      const parsed = route.body ? route.body.safeParse(body) : { success: true as const, data: body };
      if (!parsed.success) throw new CodedError('slack_run_invalid', 'That query card cannot be run as it is; ask again with `/mentat ask`.');
      return route.handler({ params: { id: String(input.incidentId) }, query: new URLSearchParams(), headers: {}, raw: Buffer.alloc(0), body: parsed.data }, deps);
    },
  };
}

/**
 * The server's suggestion workflow. The server makes one when it starts if none was composed; making it
 * here, in the services it will start with, means Slack and the sidebar share one (and its live changes).
 */
export function sharedSuggestions(deps: ServerDeps): SuggestionService {
  const known = deps.services[SUGGESTIONS_KEY] as SuggestionService | undefined;
  if (known) return known;
  const made = createSuggestionService({ store: deps.store, clock: deps.clock });
  deps.services[SUGGESTIONS_KEY] = made;
  return made;
}

const value = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);

export async function slackFrontEnd(ctx: FrontEndContext): Promise<MountedFrontEnd | null> {
  const botToken = value(ctx.env.SLACK_BOT_TOKEN);
  if (!botToken) return null;
  const assistant = createSlackAssistant({
    coach: ctx.deps.coach, store: ctx.deps.store, clock: ctx.deps.clock, query: runThroughRoute(ctx.deps), botToken,
    appToken: value(ctx.env.SLACK_APP_TOKEN), signingSecret: value(ctx.env.SLACK_SIGNING_SECRET), apiUrl: value(ctx.env.SLACK_API_URL),
    // The server's own support workflow and people directory: one workflow, whichever front end asks.
    support: (ctx.deps.services[SUPPORT_KEY] as SupportService | undefined) ?? null,
    directory: (ctx.deps.services[PEOPLE_KEY] as Directory | undefined) ?? null,
    learning: (ctx.deps.services[LEARNING_NOTES_KEY] as LearningNotesService | undefined) ?? null,
    suggestions: suggestionsThrough(sharedSuggestions(ctx.deps)),
    announceChannel: value(ctx.env.MENTAT_SLACK_CHANNEL), publicUrl: value(ctx.env.MENTAT_PUBLIC_URL), log: ctx.log,
  });
  const handle = assistant.handleHttp;
  return {
    name: `slack (${assistant.mode === 'socket' ? 'Socket Mode' : 'HTTP at POST /slack/events'})`,
    extraHandlers: handle ? [{ method: 'POST', path: '/slack/events', handle }] : [],
    start: () => assistant.start(),
    stop: () => assistant.stop(),
  };
}
