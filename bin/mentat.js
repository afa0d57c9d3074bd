#!/usr/bin/env node
// Entry for `npx mentat`: registers tsx so the TypeScript sources run as they are, registers the front ends
// that live outside the core (the core may not import them), then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { registerFrontEnd } = await import('../coach/server/front-ends.ts');
// Slack's SDK loads only when Slack is configured, so other commands and a Slack-less serve start fast.
registerFrontEnd(async (ctx) => {
  if (!ctx.env.SLACK_BOT_TOKEN?.trim()) return null;
  const { slackFrontEnd } = await import('../bots/slack/front-end.ts');
  return slackFrontEnd(ctx);
});
const { run } = await import('../coach/cli/main.ts');
await run();
