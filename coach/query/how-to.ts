// "How do I … in the tool?" (D3): the team's recorded demonstrations first, generic click-throughs second.
import type { Recording } from './recordings.ts';

export interface HowTo {
  title: string;
  steps: string[];
  source: 'recording' | 'generic';
  by?: string;
}

const GENERIC: { keys: RegExp; title: string; steps: string[] }[] = [
  { keys: /compar\w*.*\b(time ranges?|periods?|yesterday|last week|before)\b|\boffset\b/, title: 'Compare two time ranges', steps: [
    'Prometheus: open the query in the Graph tab.', 'Add a second expression with the same query and `offset 1h` (or `1d`, `1w`) after the selector.',
    'Press Execute: both lines share the graph; the gap between them is the change.',
    'Grafana Explore: open the query, click "Split" and set the right pane\'s time picker to the earlier range.'] },
  { keys: /\bzoom\b|\btime range\b|\btime picker\b|\bchange the range\b|\bcloser look\b/, title: 'Change or zoom the time range', steps: [
    'Prometheus: set the range box (e.g. 30m) and the end time next to it, then Execute.',
    'Grafana: use the time picker top right, or drag across the graph to zoom into that span.',
    'Start from 5–15 minutes before the alert fired, so the change is visible.'] },
  { keys: /\bsplit\b|\bside by side\b/, title: 'Look at two queries side by side', steps: [
    'Grafana Explore: click "Split" in the toolbar.', 'Pick the data source and enter the second query in the new pane.',
    'Use the link icon to sync the panes\' time ranges.'] },
  { keys: /\bfilter\b.*\blabel\b|\blabel\b.*\bfilter\b|\bone (service|instance|job)\b|\bonly (for|one)\b/, title: 'Filter a query to one service or instance', steps: [
    'Add a label matcher in braces after the metric name: `metric{job="checkout"}`.', 'Use `=~"a|b"` to match several values, `!=` to exclude one.',
    'Prometheus: the Table tab lists the label values that exist; Grafana: the label browser does.'] },
  { keys: /\bshare\b|\bsend (a|the) link\b|\bcopy (a|the) link\b/, title: 'Share what you are looking at', steps: [
    'Prometheus: copy the browser URL; it holds the expression and range.', 'Grafana Explore: Share → Copy link (shortened links keep the time range).',
    'Paste it in the incident channel with one line on what it shows.'] },
  { keys: /\bexplore\b|\bgrafana\b.*\bquery\b|\brun (a|the|my) query\b|\bexecute\b/, title: 'Run a query yourself', steps: [
    'Open the deep link on the query card, or paste the query into Prometheus\' Graph page or Grafana Explore.',
    'Pick the time range around the alert, press Execute / Run query.', 'Switch between Graph and Table to see the shape and the exact values.'] },
  { keys: /\b(logs?|loki)\b/, title: 'Find a service\'s logs around the alert', steps: [
    'Grafana Explore: choose the Loki data source.', 'Select the service with `{service_name="…"}`, then add `|= "error"` to keep matching lines.',
    'Set the time range to a few minutes before the alert, and open a line to see its labels.'] },
  { keys: /\b(traces?|spans?|tempo)\b/, title: 'Find slow or failing traces', steps: [
    'Grafana Explore: choose the Tempo data source and the TraceQL tab.', 'Query `{ resource.service.name = "…" && duration > 500ms }` or `status = error`.',
    'Open a trace and look for the longest span.'] },
];

const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [];

export function howTo(question: string, recordings: readonly Recording[]): HowTo | null {
  const q = new Set(words(question).filter((w) => !['how', 'the', 'and', 'can', 'you', 'for', 'with', 'what', 'this', 'that'].includes(w)));
  let best: Recording | null = null;
  let bestScore = 0;
  for (const r of recordings) {
    const hits = words(r.title).filter((w) => q.has(w)).length;
    if (hits > bestScore && r.steps.length > 0) [best, bestScore] = [r, hits];
  }
  if (best && bestScore >= Math.min(2, q.size)) return { title: best.title, steps: best.steps, source: 'recording', by: best.actor };
  const lower = question.toLowerCase();
  const g = GENERIC.find((x) => x.keys.test(lower));
  return g ? { title: g.title, steps: g.steps, source: 'generic' } : null;
}
