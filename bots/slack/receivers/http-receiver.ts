// HTTP mode: the team server hands each POST /slack/events here with its raw body. This verifies Slack's
// signature, answers Slack's handshakes, and passes the request to bolt with an ack that writes the
// HTTP response, so the response leaves as soon as a listener acks and the work continues after it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, HTTPResponseAck, verifySlackRequest, type App, type Logger, type Receiver } from '@slack/bolt';

export interface HttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Clock for the five-minute replay window of signatures. */
  now?: () => number;
}

function send(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** Commands arrive as a form, interactions as a form with a JSON `payload`, events as JSON. */
export function parseSlackBody(req: IncomingMessage, text: string): Record<string, unknown> {
  if (isForm(req)) {
    const form = parseQuery(text);
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
    return form;
  }
  return JSON.parse(text) as Record<string, unknown>;
}

export class SlackHttpReceiver implements Receiver {
  private app: App | null = null;

  constructor(private readonly opts: HttpReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const app = this.app;
    if (!app) return send(res, 503, 'slack_not_started', 'The Slack assistant is still starting; Slack will retry.');
    const text = raw.toString('utf8');
    // Slack's certificate check carries no signature and expects a bare 200.
    if (isForm(req) && parseQuery(text).ssl_check === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !timestamp) {
      return send(res, 401, 'slack_signature_missing', 'Slack requests carry X-Slack-Signature and X-Slack-Request-Timestamp; this one did not.');
    }
    try {
      verifySlackRequest({
        signingSecret: this.opts.signingSecret,
        body: text,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
        nowMilliseconds: (this.opts.now ?? Date.now)(),
      });
    } catch (e) {
      this.opts.logger.warn(`rejected a Slack request: ${e instanceof Error ? e.message : String(e)}`);
      return send(res, 401, 'slack_signature_invalid',
        'The Slack signature is wrong or too old; check SLACK_SIGNING_SECRET against the app\'s Basic Information page.');
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(req, text);
    } catch {
      return send(res, 400, 'slack_body_invalid', 'The Slack request body could not be parsed.');
    }
    if (body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);

    const ack = new HTTPResponseAck({
      logger: this.opts.logger,
      processBeforeResponse: false,
      // Something nobody listens for still gets its 200 before Slack's 3 s deadline, so Slack does not retry it.
      unhandledRequestTimeoutMillis: 2_500,
      unhandledRequestHandler: ({ response }) => {
        if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 200);
      },
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event = {
      body,
      ack: ack.bind(),
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    // Not awaited: the response goes out at ack(); the listener's slower work (posting, the model) follows.
    app.processEvent(event).catch((e: unknown) => {
      this.opts.logger.error(`Slack listener failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      send(res, 500, 'slack_listener_failed', 'Mentat failed while handling this Slack request; the error is in the server log.');
    });
  }
}
