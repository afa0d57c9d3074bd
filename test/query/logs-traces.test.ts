// LogQL and TraceQL for the common shapes, checked against Grafana's grammars; values escaped.
import { describe, expect, it } from 'vitest';
import { detectLanguage, serviceOf, translateLogQL, translateTraceQL, validateLogQL, validateTraceQL } from '../../coach/query/logs-traces.ts';
import { createTranslator } from '../../coach/query/translator.ts';
import { memoryCatalog } from '../../coach/query/catalog.ts';
import { systemClock } from '../../coach/types.ts';

const ok = (g: ReturnType<typeof translateLogQL>): string => {
  if (!g.ok) throw new Error(g.reason);
  return g.query;
};

describe('LogQL', () => {
  it.each([
    ['show me the checkout logs with errors', '{service_name="checkout"} |~ "(?i)error"'],
    ['logs of payments-api containing "connection reset"', '{service_name="payments-api"} |= "connection reset"'],
    ['how many error log lines did checkout write in the last 10 minutes by level', 'sum by (level) (count_over_time({service_name="checkout"} |~ "(?i)error" [10m]))'],
    ['rate of timeout logs for the cart service', 'sum(rate({service_name="cart"} |~ "(?i)timeout" [5m]))'],
  ])('%s', (q, want) => {
    const got = ok(translateLogQL(q));
    expect(got).toBe(want);
    expect(validateLogQL(got)).toEqual([]);
  });

  it('uses the incident service and the configured stream label, and escapes quotes', () => {
    expect(ok(translateLogQL('recent error logs', { service: 'checkout', streamLabel: 'app' }))).toBe('{app="checkout"} |~ "(?i)error"');
    const q = ok(translateLogQL('logs of checkout containing "a\\"b"'));
    expect(validateLogQL(q)).toEqual([]);
  });

  it('declines without a service', () => {
    expect(translateLogQL('show me the logs').ok).toBe(false);
  });

  it('the grammar catches a broken query', () => {
    expect(validateLogQL('{a="b"} |= ')).not.toEqual([]);
  });
});

describe('TraceQL', () => {
  it.each([
    ['checkout traces slower than 500ms', '{ resource.service.name = "checkout" && duration > 500ms }'],
    ['traces of payments with errors', '{ resource.service.name = "payments" && status = error }'],
    ['spans for checkout returning 5xx', '{ resource.service.name = "checkout" && span.http.status_code >= 500 && span.http.status_code < 600 }'],
    ['slow traces over 2s on /cart/add', '{ duration > 2s && span.http.route = "/cart/add" }'],
  ])('%s', (q, want) => {
    const g = translateTraceQL(q);
    expect(g.ok && g.query).toBe(want);
    expect(validateTraceQL(want)).toEqual([]);
  });

  it('declines with nothing to filter on, and the grammar catches a broken query', () => {
    expect(translateTraceQL('show me traces').ok).toBe(false);
    expect(validateTraceQL('{ duration > }')).not.toEqual([]);
  });
});

describe('language routing', () => {
  it('detects the language and finds the service', () => {
    expect(detectLanguage('checkout logs')).toBe('logql');
    expect(detectLanguage('slow spans')).toBe('traceql');
    expect(detectLanguage('p99 latency')).toBe('promql');
    expect(serviceOf('traces for payments-api')).toBe('payments-api');
  });

  it('the translator answers log and trace questions with explanations and Explore links', async () => {
    const t = createTranslator({
      catalog: memoryCatalog('none', new Date().toISOString(), [], () => []), clock: systemClock,
      links: { grafana: { url: 'https://g.example', datasources: { loki: 'L', tempo: 'T' } } },
    });
    const r = await t.translate('checkout logs with errors', { now: new Date().toISOString() });
    expect(r).toMatchObject({ language: 'logql', valid: true, engine: 'offline', query: '{service_name="checkout"} |~ "(?i)error"' });
    expect(r.explanation.length).toBeGreaterThan(1);
    expect(new URL(r.links.grafana ?? '').searchParams.get('panes')).toContain('"uid":"L"');
    const tr = await t.translate('checkout traces slower than 300ms', { now: new Date().toISOString() });
    expect(tr.language).toBe('traceql');
    expect(tr.links.grafana).toContain('explore');
  });
});
