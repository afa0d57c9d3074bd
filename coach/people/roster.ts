// The workspace's people.yml: who is on the team, their roles, their Slack ids, and Slack user groups
// whose members hold a role. docs/support.md documents the format.
import { readYaml } from '../workspace/yaml-file.ts';
import { z } from 'zod';
import { CodedError } from '../types.ts';

export const ROLES = ['responder', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const PERSON_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
const SLACK_USER = /^[UW][A-Z0-9]{2,30}$/;
const SLACK_GROUP = /^S[A-Z0-9]{2,30}$/;

export interface RosterPerson {
  name: string;
  roles: Role[];
  /** Slack user ids that are this person. */
  slack: string[];
  /** How to show them, when not their name. */
  display: string | null;
}

export interface Roster {
  people: RosterPerson[];
  /** Slack user group id → the role its members hold. */
  slackGroups: { id: string; role: Role }[];
}

export const emptyRoster = (): Roster => ({ people: [], slackGroups: [] });

const role = z.enum(ROLES);
const personSchema = z.object({
  roles: z.array(role).min(1, 'give at least one role (responder, support)'),
  slack: z.union([z.string().regex(SLACK_USER, 'a Slack user id such as U024BE7LH'), z.array(z.string().regex(SLACK_USER, 'a Slack user id such as U024BE7LH'))]).optional(),
  display: z.string().trim().min(1).max(100).optional(),
}).strict();
const fileSchema = z.object({
  people: z.record(z.string().regex(PERSON_NAME, 'a name of letters, digits, dot, dash or underscore'), personSchema).default({}),
  slack_groups: z.record(z.string().regex(SLACK_GROUP, 'a Slack user group id such as S0614TZR7'), role).default({}),
}).strict();

export function parseRoster(text: string, source = 'people.yml'): Roster {
  const raw = readYaml(text, source);
  const r = fileSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    if (issue?.code === 'invalid_key') {
      const what = path.startsWith('slack_groups') ? 'is not a Slack user group id such as S0614TZR7' : 'is not a name of letters, digits, dot, dash or underscore';
      throw new CodedError('workspace_invalid', `${source}: ${path} ${what}.`, 400, { file: source, path });
    }
    throw new CodedError('workspace_invalid', `${source}: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}.`, 400, { file: source, path });
  }
  const seenSlack = new Map<string, string>();
  const people = Object.entries(r.data.people).map(([name, p]): RosterPerson => {
    const slack = p.slack === undefined ? [] : Array.isArray(p.slack) ? p.slack : [p.slack];
    for (const id of slack) {
      const other = seenSlack.get(id);
      if (other) throw new CodedError('workspace_invalid', `${source}: Slack user ${id} is listed for both ${other} and ${name}.`, 400, { file: source });
      seenSlack.set(id, name);
    }
    return { name, roles: [...new Set(p.roles)], slack, display: p.display ?? null };
  });
  return { people, slackGroups: Object.entries(r.data.slack_groups).map(([id, g]) => ({ id, role: g })) };
}
