// `/mentat help`: what the assistant does in a channel, in the words a responder would use.
export const HELP_TEXT = [
  '*Mentat in this channel*',
  '`/mentat incident open <title>`: open an incident and link this channel to it',
  '`/mentat incident link INC-42`: link this channel to an existing incident',
  '`/mentat plan 1. … 2. …`: state your plan (or `/mentat plan` alone for a form)',
  '`/mentat ask <question>`: turn a question into a query you can run',
  "`/mentat stuck`: tell the coach you are stuck; it will ask what on",
  '`/mentat note <text>`: add a note to the incident',
  '`/mentat ask-devs <question>`: (support) ask the dev team; you get an AI draft at once, the responders approve the answer',
  '`/mentat notes`: the pinned notes and the learning note (`/mentat notes draft` drafts one once the incident is mitigated or resolved)',
  '`/mentat status`: the incident, the plan and the process checklist',
  'Mention @Mentat with a question, or react with :pushpin: to add a message to the notes; ⋯ → *Ask the dev team* on any message asks about it.',
].join('\n');
