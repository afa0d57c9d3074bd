// The support agent's tools. Every one only reads the IncidentFacts it was built over: none may change,
// send, fetch or run anything. Incident text is untrusted, so a model steered by it has nothing to act with.
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { IncidentFacts } from '../support/writer.ts';
import { wrapUntrusted } from './prompts.ts';

const MAX_TIMELINE = 40;

export function supportTools(facts: IncidentFacts): StructuredToolInterface[] {
  const status = tool(
    () => JSON.stringify({
      key: facts.key,
      title: facts.title,
      service: facts.service,
      severity: facts.severity,
      status: facts.status,
      openedAt: facts.openedAt,
      resolvedAt: facts.resolvedAt,
      customerFacing: facts.customerFacing,
      alertStartedAt: facts.alertStartedAt,
      now: facts.now,
    }),
    {
      name: 'incident_status',
      description: 'The incident\'s key, title, service, severity, status (open, acknowledged, mitigated, resolved), when it opened and resolved, and the time now. Read-only.',
      schema: z.object({}).describe('No arguments.'),
    },
  );

  const timeline = tool(
    ({ last }) => {
      const lines = facts.timeline.slice(-Math.min(last ?? MAX_TIMELINE, MAX_TIMELINE));
      return lines.length ? wrapUntrusted('timeline', lines.join('\n')) : 'The timeline is empty.';
    },
    {
      name: 'incident_timeline',
      description: 'The incident timeline, oldest first, one event a line with its time. Read-only.',
      schema: z.object({
        last: z.number().int().min(1).max(MAX_TIMELINE).optional().describe(`How many of the latest lines to read (at most ${MAX_TIMELINE}; all of them when left out).`),
      }),
    },
  );

  const published = tool(
    () => (facts.published.length
      ? facts.published.map((p, i) => wrapUntrusted(`published ${i + 1}`, JSON.stringify(p))).join('\n')
      : 'No answers have been published for this incident yet.'),
    {
      name: 'published_answers',
      description: 'Answers the responders already approved for this incident, newest first: the question, both tiers and when. Read-only.',
      schema: z.object({}).describe('No arguments.'),
    },
  );

  const glossary = tool(
    ({ term }) => {
      const plain = facts.glossary[term.trim().toLowerCase()];
      return plain ? `${term}: ${plain}` : `"${term}" is not in the team glossary.`;
    },
    {
      name: 'glossary_lookup',
      description: 'The plain words the team uses for a piece of jargon (e.g. "zk", "AZ failover"). Read-only.',
      schema: z.object({ term: z.string().min(1).max(80).describe('The jargon word or phrase, as written.') }),
    },
  );

  return [status, timeline, published, glossary];
}
