// Reads a workspace folder: process/*.md, links.yml, OWNERS, people.yml, glossary.yml, metrics.yml. Every file is optional.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CodedError } from '../types.ts';
import { defaultGuideItems } from './default-guide.ts';
import { parseLinks } from './links.ts';
import { parseOwners } from './owners.ts';
import { parseGlossary } from './glossary.ts';
import { parseMetrics } from './metrics.ts';
import { emptyRoster, parseRoster } from '../people/roster.ts';
import { combineGuides, parseGuide } from './process-guide.ts';
import type { Workspace } from './types.ts';

/** The workspace used when none is configured: the built-in guide, no links, no owners. */
export function defaultWorkspace(): Workspace {
  return { dir: null, process: combineGuides(defaultGuideItems(), []), links: [], owners: [], people: emptyRoster(), glossary: {}, metrics: [] };
}

export function loadWorkspace(dir: string | null): Workspace {
  if (dir === null) return defaultWorkspace();
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CodedError('workspace_not_found', `Workspace folder ${root} does not exist: check --workspace or MENTAT_WORKSPACE.`, 400);
  }
  const processDir = join(root, 'process');
  const guideFiles = existsSync(processDir)
    ? readdirSync(processDir).filter((f) => f.endsWith('.md')).sort()
      .map((f) => parseGuide(readFileSync(join(processDir, f), 'utf8'), `process/${f}`))
    : [];
  const linksFile = ['links.yml', 'links.yaml'].map((f) => join(root, f)).find((p) => existsSync(p));
  const ownersFile = join(root, 'OWNERS');
  const yamlFile = (base: string): string | undefined => [`${base}.yml`, `${base}.yaml`].map((f) => join(root, f)).find((p) => existsSync(p));
  const peopleFile = yamlFile('people');
  const glossaryFile = yamlFile('glossary');
  const metricsFile = yamlFile('metrics');
  return {
    dir: root,
    process: combineGuides(defaultGuideItems(), guideFiles),
    links: linksFile ? parseLinks(readFileSync(linksFile, 'utf8'), linksFile.endsWith('.yaml') ? 'links.yaml' : 'links.yml') : [],
    owners: existsSync(ownersFile) ? parseOwners(readFileSync(ownersFile, 'utf8')) : [],
    people: peopleFile ? parseRoster(readFileSync(peopleFile, 'utf8'), basename(peopleFile)) : emptyRoster(),
    glossary: glossaryFile ? parseGlossary(readFileSync(glossaryFile, 'utf8'), basename(glossaryFile)) : {},
    metrics: metricsFile ? parseMetrics(readFileSync(metricsFile, 'utf8'), basename(metricsFile)) : [],
  };
}
