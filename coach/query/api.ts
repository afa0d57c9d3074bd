// The contract between the coach and the Demonstrate capability (question → query, link, steps, memory).
import type { TurnDraft, TimeRange } from '../types.ts';

export interface DemonstrateContext {
  incidentId: number;
  incidentKey: string;
  service: string | null;
  /** When the incident's first alert fired, for deep-link time ranges. */
  alertStart: string | null;
  now: string;
  asker: string;
}

/**
 * Answers a person's question with demonstrate turns (D1–D3, D5): a validated query card, a link from the
 * catalog, numbered steps, or a past human query. Returns [] when the question is not one it can answer.
 * It never runs a query (D4).
 */
export interface Demonstrator {
  demonstrate(question: string, ctx: DemonstrateContext): Promise<TurnDraft[]>;
}

export interface QueryCard {
  language: 'promql' | 'logql' | 'traceql';
  text: string;
  explanation: { part: string; says: string }[];
  links: Record<string, string>;
  range?: TimeRange;
  /** The question the card answers: a run sends it back, so the pair (question, query run) is team memory. */
  question?: string;
}

export type QueryLanguage = 'promql' | 'logql' | 'traceql';
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'unknown';

/** One metric family of the catalog (metadata is keyed by family: `x` for `x_bucket`, `x_sum`, `x_count`). */
export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  unit: string;
  /** Label names seen on its series (without __name__). */
  labels: string[];
  /** Sample names that exist for it: the family itself, or its _bucket/_sum/_count series. */
  samples: string[];
}

/** What a translator knows about the metrics: read-only, possibly loaded lazily from the store. */
export interface Catalog {
  /** The Prometheus base URL it came from, or a name for a synthetic one. */
  readonly source: string;
  /** When it was fetched (ISO-8601). */
  readonly fetchedAt: string;
  families(): readonly MetricFamily[];
  family(name: string): MetricFamily | undefined;
  /** The family a sample name belongs to (`x_bucket` → `x`). */
  familyOfSample(sample: string): MetricFamily | undefined;
  /** Known values of one label on one family; may be capped for high-cardinality labels. */
  labelValues(family: string, label: string): readonly string[];
}

export interface TranslateOptions {
  /** The incident's service, used as a label filter when the catalog knows it. */
  service?: string | null;
  /** When the incident's alert fired: deep links open around it. */
  alertStart?: string | null;
  now: string;
  /** Ask for a language explicitly; otherwise it is inferred from the question. */
  language?: QueryLanguage;
}

/** CONTRACTS §1: the JSON `mentat translate --json` prints. */
export interface TranslateResult {
  language: QueryLanguage;
  query: string | null;
  valid: boolean;
  /** `offline`, the model's name, or `memory`. */
  engine: string;
  explanation: { part: string; says: string }[];
  links: Record<string, string>;
  reason?: string;
  closest?: string[];
  /** With a decline: up to three valid queries over the best-ranked metrics, for the person to pick from. */
  candidates?: { query: string; explanation: { part: string; says: string }[] }[];
  /** How old the catalog was, when it was served from the cache ("12 minutes"). */
  catalogAge?: string;
  /** An offline answer's calibrated confidence, 0–1 (docs/queries.md, "Confidence"). */
  confidence?: number;
  /** Why the offline engine answered although a model is configured. */
  fallback?: string;
}

export interface Translator {
  translate(question: string, opts: TranslateOptions): Promise<TranslateResult>;
}

/** Where deep links point. Datasource uids come from configuration, never guessed. */
export interface LinkTargets {
  prometheusUrl?: string | null;
  grafana?: {
    url: string;
    orgId?: number;
    datasources: { prometheus?: string; loki?: string; tempo?: string };
  } | null;
}
