// The built-in process guide, used when a workspace has none and extended by a workspace that has one.
import { parseGuide } from './process-guide.ts';
import type { ProcessItem } from './types.ts';

/** Kept as markdown so it reads exactly like a team's own guide (docs/process-guide.md shows it too). */
export const DEFAULT_GUIDE_MARKDOWN = `# Incident process (built in)

## First minutes

- [ ] Acknowledge the incident so others know someone is on it <!-- id: acknowledge -->
- [ ] Assign roles: an incident commander and a comms lead <!-- id: roles; when: severity<=SEV2; after: 5m -->

## Before investigating

- [ ] Check recent changes and roll back a suspect deploy before investigating further <!-- id: rollback; when: recent_deploy -->

## Customers

- [ ] Tell customers: status page update and a message to support <!-- id: comms; when: severity<=SEV2; after: 10m -->

## Throughout

- [ ] Keep notes of what you tried, saw and decided <!-- id: notes; after: 20m -->
`;

let cached: ProcessItem[] | null = null;

export function defaultGuideItems(): ProcessItem[] {
  cached ??= parseGuide(DEFAULT_GUIDE_MARKDOWN, 'default').items.map((it) => ({ ...it, source: 'default' }));
  return cached;
}
