// The outbound webhook of published answers (docs/support.md): a JSON POST signed like Slack's requests
// (HMAC-SHA256 over "v0:<timestamp>:<body>"), queued in the store so an approval never waits for it and a
// restart does not lose it, retried with exponential backoff on network errors, 408, 429 and 5xx.
import { createHmac } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { Clock } from '../types.ts';
import type { SupportService } from './workflow.ts';
import type { SupportQuestion } from './types.ts';

export interface WebhookOptions {
  store: Store;
  clock: Clock;
  support: SupportService;
  url: string;
  secret: string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
}

export interface WebhookDeliverer {
  /** Sends what is due now; resolves when this round is done. */
  drain(): Promise<void>;
  stop(): void;
}

export function signature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function publishedPayload(store: Store, q: SupportQuestion, deliveryId: string): Record<string, unknown> {
  const inc = store.incidents.get(q.incidentId);
  return {
    type: 'support_answer.published',
    delivery: deliveryId,
    incident: { id: inc.id, key: inc.key, title: inc.title, service: inc.service, status: inc.status },
    question: { id: q.id, text: q.question, askedBy: q.askedBy, askedAt: q.askedAt },
    answer: q.answer,
  };
}

const RETRYABLE = (status: number): boolean => status === 408 || status === 429 || status >= 500;

export function startWebhookDeliverer(opts: WebhookOptions): WebhookDeliverer {
  const send = opts.fetch ?? fetch;
  const log = opts.log ?? (() => undefined);
  const maxAttempts = opts.maxAttempts ?? 8;
  const base = opts.baseDelayMs ?? 1_000;
  const cap = opts.maxDelayMs ?? 5 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  const now = (): Date => opts.clock.now();

  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const next = opts.store.support.nextDeliveryAt();
    if (!next) return;
    const wait = Math.max(0, Math.min(cap, new Date(next).getTime() - now().getTime()));
    timer = setTimeout(() => { void drain(); }, wait + 5);
    timer.unref();
  };

  async function attempt(d: ReturnType<Store['support']['dueDeliveries']>[number]): Promise<void> {
    const ts = String(Math.floor(now().getTime() / 1000));
    let error: string | null = null;
    let retry = false;
    try {
      const res = await send(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json', 'user-agent': 'Mentat', 'x-mentat-delivery': String(d.id),
          'x-mentat-request-timestamp': ts, 'x-mentat-signature': signature(opts.secret, ts, d.body),
        },
        body: d.body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) {
        error = `HTTP ${res.status}`;
        retry = RETRYABLE(res.status);
      }
    } catch (e) {
      error = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      retry = true;
    }
    const attempts = d.attempts + 1;
    if (!error) {
      opts.store.support.recordAttempt(d.id, { state: 'delivered', nextAt: now().toISOString(), error: null });
      return;
    }
    const give = !retry || attempts >= maxAttempts;
    const delay = Math.min(cap, base * 2 ** (attempts - 1));
    opts.store.support.recordAttempt(d.id, { state: give ? 'failed' : 'pending', nextAt: new Date(now().getTime() + delay).toISOString(), error });
    log(`support webhook: delivery ${d.id} attempt ${attempts} failed (${error})${give ? '; giving up' : `; retrying in ${Math.round(delay / 1000)} s`}`);
  }

  async function round(): Promise<void> {
    for (let i = 0; i < 50 && !stopped; i++) {
      const due = opts.store.support.dueDeliveries(now().toISOString(), 20);
      if (due.length === 0) break;
      for (const d of due) await attempt(d);
    }
  }

  function drain(): Promise<void> {
    if (running) return running;
    const run = round().catch((e: unknown) => log(`support webhook: delivery round failed: ${e instanceof Error ? e.message : String(e)}`)).finally(() => {
      running = null;
      if (!stopped) arm();
    });
    running = run;
    return run;
  }

  const off = opts.support.subscribe((c) => {
    if (c.type !== 'support_published' || stopped) return;
    const id = opts.store.tx(() => {
      const deliveryId = opts.store.support.enqueueDelivery(c.question.id, opts.url, '', now().toISOString());
      const body = JSON.stringify(publishedPayload(opts.store, c.question, String(deliveryId)));
      opts.store.db.prepare('UPDATE support_deliveries SET body = ? WHERE id = ?').run(body, deliveryId);
      return deliveryId;
    });
    log(`support webhook: queued delivery ${id} for question ${c.question.id}`);
    // Never on the approval's path: the POST goes out after the approval has answered.
    setImmediate(() => { void drain(); });
  });
  arm();
  return {
    drain,
    stop: () => {
      stopped = true;
      off();
      if (timer) clearTimeout(timer);
    },
  };
}
