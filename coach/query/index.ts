// Demonstrate (DESIGN §2, D1–D5): questions become validated PromQL/LogQL/TraceQL with explanations and deep
// links; "where" questions become catalog links; "how" questions become steps; team memory comes first.
export type {
  Catalog, DemonstrateContext, Demonstrator, LinkTargets, MetricFamily, MetricType, QueryCard, QueryLanguage,
  TranslateOptions, TranslateResult, Translator,
} from './api.ts';
export { memoryCatalog, familiesFrom } from './catalog.ts';
export { workspaceCatalog, WORKSPACE_SOURCE } from './workspace-catalog.ts';
export { CatalogStore, type CatalogStatus } from './catalog-store.ts';
export { refreshCatalog, type FetchOptions } from './catalog-fetch.ts';
export { obtainCatalog, describeAge, linkTargetsFromEnv } from './catalog-source.ts';
export { createPromClient, type PromClient } from './prom-client.ts';
export { createTranslator, type TranslatorDeps } from './translator.ts';
export { translateOffline } from './offline.ts';
export { correctSpelling, warmSpelling } from './spelling.ts';
export { validatePromQL } from './validate.ts';
export { explainPromQL } from './explain.ts';
export { prometheusLink, grafanaLink, queryLinks } from './links.ts';
export { translateLogQL, translateTraceQL, validateLogQL, validateTraceQL, detectLanguage } from './logs-traces.ts';
export { createDemonstrator, type DemonstratorDeps } from './demonstrator.ts';
export { startRecording, stopRecording, listRecordings, type Recording } from './recordings.ts';
export { createQueryServices, type QueryServices, type QueryServicesOptions } from './services.ts';
export { translateCommand, type TranslateIo } from './cli.ts';
export { quote as promqlString } from './promql-text.ts';
