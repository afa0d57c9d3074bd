// The fixed vocabulary of process-item conditions. They are data evaluated against incident facts, never code.
import type { Severity } from '../types.ts';

export type Condition =
  | { kind: 'recent_deploy'; negate: boolean }
  | { kind: 'customer_facing'; negate: boolean }
  | { kind: 'multi_service'; negate: boolean }
  | { kind: 'alert_firing'; negate: boolean }
  | { kind: 'severity'; op: '<=' | '>=' | '=' | '<' | '>'; level: number; negate: boolean }
  | { kind: 'service'; pattern: string; negate: boolean };

/** What conditions are evaluated against; the policy derives it from the incident state. */
export interface ConditionFacts {
  severity: Severity;
  service: string | null;
  recentDeploy: boolean;
  customerFacing: boolean;
  multiService: boolean;
  alertFiring: boolean;
}

export const CONDITION_VOCABULARY = [
  'recent_deploy', 'customer_facing', 'multi_service', 'alert_firing', 'severity<=SEVn', 'severity>=SEVn',
  'severity=SEVn', 'service=NAME-or-glob', 'not <condition>',
] as const;

const flags = new Set(['recent_deploy', 'customer_facing', 'multi_service', 'alert_firing']);

/** Parses "a, b and not c"; returns an error sentence for an unknown term. */
export function parseConditions(text: string): { ok: true; conditions: Condition[] } | { ok: false; error: string } {
  const terms = text.split(/\s*,\s*|\s+and\s+/i).map((t) => t.trim()).filter(Boolean);
  const conditions: Condition[] = [];
  for (const raw of terms) {
    const neg = /^(?:not\s+|!)/i.exec(raw);
    const term = neg ? raw.slice(neg[0].length).trim() : raw;
    const negate = Boolean(neg);
    const lower = term.toLowerCase();
    if (flags.has(lower)) {
      conditions.push({ kind: lower as 'recent_deploy', negate });
      continue;
    }
    const sev = /^severity\s*(<=|>=|=|<|>)\s*sev([1-4])$/i.exec(term);
    if (sev) {
      conditions.push({ kind: 'severity', op: sev[1] as '<=', level: Number(sev[2]), negate });
      continue;
    }
    const svc = /^service\s*[=:]\s*([\w.*?-]+)$/i.exec(term);
    if (svc?.[1]) {
      conditions.push({ kind: 'service', pattern: svc[1], negate });
      continue;
    }
    return { ok: false, error: `unknown condition "${raw}"; known: ${CONDITION_VOCABULARY.join(', ')}` };
  }
  return { ok: true, conditions };
}

/** Shell-style glob ("payments-*") as a whole-name match. */
export function globMatch(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function holds(c: Condition, f: ConditionFacts): boolean {
  switch (c.kind) {
    case 'recent_deploy': return f.recentDeploy;
    case 'customer_facing': return f.customerFacing;
    case 'multi_service': return f.multiService;
    case 'alert_firing': return f.alertFiring;
    case 'service': return f.service !== null && globMatch(c.pattern, f.service);
    case 'severity': {
      // SEV1 is the most severe, so "severity<=SEV2" means SEV1 or SEV2.
      const level = Number(f.severity.slice(3));
      switch (c.op) {
        case '<=': return level <= c.level;
        case '>=': return level >= c.level;
        case '<': return level < c.level;
        case '>': return level > c.level;
        case '=': return level === c.level;
      }
    }
  }
}

export function evaluate(conditions: Condition[], facts: ConditionFacts): boolean {
  return conditions.every((c) => holds(c, facts) !== c.negate);
}
