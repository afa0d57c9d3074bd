// Alert labels → incident severity. Teams label severity in many dialects; these are the common ones.
import type { Severity } from '../types.ts';

const TABLE: [RegExp, Severity][] = [
  [/^(critical|crit|disaster|emergency|sev-?1|p1|p0)$/, 'SEV1'],
  [/^(page|high|major|error|sev-?2|p2)$/, 'SEV2'],
  [/^(warning|warn|medium|moderate|minor|sev-?3|p3)$/, 'SEV3'],
  [/^(info|informational|low|none|notice|sev-?4|p4|p5)$/, 'SEV4'],
];

/** Reads `severity`, else `priority`; unknown or missing values are SEV3, the middle of the scale. */
export function severityFromLabels(labels: Record<string, string>): Severity {
  const raw = (labels.severity ?? labels.priority ?? '').trim().toLowerCase();
  for (const [re, sev] of TABLE) if (re.test(raw)) return sev;
  return 'SEV3';
}

/** The service an alert is about: label `service`, else `job`, else `app`. */
export function serviceFromLabels(labels: Record<string, string>): string | null {
  for (const key of ['service', 'job', 'app']) {
    const v = labels[key]?.trim();
    if (v) return v;
  }
  return null;
}
