// What a team's workspace folder holds once loaded: the process guide, the link catalog, the owners.
import type { MetricSpec } from './metrics.ts';
import type { LinkEntry, OwnerEntry } from '../types.ts';
import type { Roster } from '../people/roster.ts';
import type { Condition } from './conditions.ts';

export interface ProcessItem {
  /** Stable id: given with `id:` or derived from the text. Built-in ids have built-in done detection. */
  id: string;
  text: string;
  /** Heading the item sits under, if any. */
  section: string | null;
  /** All must hold for the item to apply; empty means always. */
  when: Condition[];
  /** The condition as written, for display. */
  whenText: string | null;
  /** Minutes after the incident opened before the coach asks about it. */
  afterMinutes: number;
  /** The question the coach asks; a default one is built from the text when absent. */
  ask: string | null;
  /** Action kinds that mark it done, besides the built-in ones and `item_done` with this id. */
  doneBy: string[];
  /** Where it came from: "default" or "process/<file>.md:<line>". */
  source: string;
}

export interface ProcessGuide {
  /** "default", "workspace" (replaces the default) or "extended" (default plus the workspace's items). */
  origin: 'default' | 'workspace' | 'extended';
  items: ProcessItem[];
}

export interface OwnerRule extends OwnerEntry {
  customerFacing: boolean;
  /** Line in OWNERS, for error messages and display. */
  line: number;
}

export interface Workspace {
  dir: string | null;
  process: ProcessGuide;
  links: LinkEntry[];
  owners: OwnerRule[];
  /** people.yml: who is on the team and their roles. */
  people: Roster;
  /** glossary.yml: jargon → plain words, lower-case terms. */
  glossary: Record<string, string>;
  /** metrics.yml: the metrics the services expose, for translating where no Prometheus can be reached. */
  metrics: MetricSpec[];
}
