// Runs @doyensec/electronegativity over a folder and returns its findings with their severities.
// Its CLI exits 0 whatever it finds, its CSV writer races the header against the rows (the first row
// comes out overwritten), and its SARIF drops the severity; so we call the same runner the CLI calls
// and read the findings it returns.
import { createRequire } from 'node:module';

export interface Finding {
  id: string;
  severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  confidence: string;
  file: string;
  line: number;
  sample: string;
  description: string;
  manualReview: boolean;
}

interface RawIssue {
  id: string;
  severity: { name: Finding['severity'] };
  confidence: { name: string };
  file: string;
  location: { line: number };
  sample?: string | null;
  description: string;
  manualReview?: boolean;
}

type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: RawIssue[]; errors: unknown[]; atomicChecks: number; globalChecks: number }>;

export interface ScanResult {
  findings: Finding[];
  errors: unknown[];
  checks: number;
}

export async function scan(input: string, electronVersion: string): Promise<ScanResult> {
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const out = await run({
    input,
    output: null,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  }, false);
  return {
    errors: out.errors,
    checks: out.atomicChecks + out.globalChecks,
    findings: out.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location.line,
      sample: (i.sample ?? '').trim(),
      description: i.description,
      manualReview: i.manualReview === true,
    })),
  };
}

/** A finding a person has reviewed and explained in docs/desktop.md; matched on the exact code line. */
export interface Reviewed {
  id: string;
  file: string;
  sample: string;
  why: string;
}

/** HIGH and MEDIUM findings that no review covers: these fail the build. */
export function blocking(findings: Finding[], reviewed: Reviewed[]): Finding[] {
  return findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM')
    && !reviewed.some((r) => r.id === f.id && r.file === f.file && r.sample === f.sample));
}
