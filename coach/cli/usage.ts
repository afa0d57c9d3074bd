// Usage lines and help text, one entry per command.
export const COMMANDS: Record<string, { usage: string; help: string }> = {
  serve: {
    usage: 'mentat serve [--host 127.0.0.1] [--port 4319] [--db FILE] [--workspace DIR] [--prometheus URL] [--ui DIR] [--demo]',
    help: 'Runs the team server: HTTP API, live events, webhooks and the store. Env: MENTAT_HOST, MENTAT_PORT, MENTAT_DB,\n' +
      'MENTAT_WORKSPACE, PROMETHEUS_URL, MENTAT_TOKEN (or personal tokens: required off loopback), MENTAT_UI_DIR,\n' +
      'GITHUB_WEBHOOK_SECRET, MENTAT_TICK_SECONDS, MENTAT_SUPPORT_BATCH_SECONDS, MENTAT_SUPPORT_WEBHOOK_URL,\n' +
      'MENTAT_SUPPORT_WEBHOOK_SECRET. Flags win over the environment.',
  },
  incident: {
    usage: 'mentat incident open --title T [--service S] [--severity SEV2] | list [--all] | show ID',
    help: 'Opens, lists and shows incidents on a running server.',
  },
  ask: { usage: 'mentat ask ID QUESTION…', help: 'Asks the coach about incident ID (the ask box): a question, "I\'m stuck", a statement.' },
  plan: { usage: 'mentat plan ID TEXT… | mentat plan ID -', help: 'States your plan for incident ID; "-" reads it from standard input.' },
  note: { usage: 'mentat note ID TEXT… [--pin]', help: 'Adds a note to incident ID\'s scratchpad.' },
  notes: {
    usage: 'mentat notes export|show|generate|publish ID [--version N] [--server URL] [--as NAME] [--json]',
    help: 'Learning notes (docs/learning.md). "export ID" prints the incident\'s latest note as markdown; "show ID" says its\n' +
      'version, state and engine, then the note; "generate ID" writes a new draft from the record (once the incident is\n' +
      'mitigated or resolved); "publish ID" publishes the current version (or --version N, refused if it is no longer\n' +
      'current) and needs a responder. An unknown incident or a missing note exits 1 with one line saying why.',
  },
  people: {
    usage: 'mentat people token NAME | list | revoke NAME [--db FILE] [--workspace DIR] [--json]',
    help: 'Personal API tokens (docs/support.md). "token NAME" creates NAME\'s token, replacing an older one, and prints it once;\n' +
      'the store keeps only its hash. Once anyone has a token, the server is a team server: every /api request needs a\n' +
      'person\'s token. Roles come from the workspace\'s people.yml. Works on the store file directly (--db, env MENTAT_DB).',
  },
  translate: { usage: 'mentat translate [--prometheus URL] [--json] QUESTION', help: 'Turns a question into a validated query.' },
  replay: { usage: 'mentat replay [--workspace DIR] [--prometheus URL] FILE.jsonl', help: 'Plays a recorded scenario against a fresh incident.' },
  help: { usage: 'mentat help [COMMAND]', help: 'Shows help for a command.' },
};

export const CLIENT_OPTIONS =
  'Client options (incident, ask, plan, note, notes): --server URL (env MENTAT_URL, default http://127.0.0.1:4319),\n' +
  '  --as NAME (env MENTAT_USER, else your login name), --json; MENTAT_TOKEN is sent when set.';

export function overview(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return ['Mentat: an incident copilot that coaches on-call engineers.', '', 'Usage:', ...lines, '', CLIENT_OPTIONS, '',
    'Run "mentat help COMMAND" for more about one command.'].join('\n');
}

export function commandHelp(name: string): string | null {
  const c = COMMANDS[name];
  return c ? `Usage: ${c.usage}\n\n${c.help}${['incident', 'ask', 'plan', 'note', 'notes'].includes(name) ? `\n\n${CLIENT_OPTIONS}` : ''}` : null;
}
