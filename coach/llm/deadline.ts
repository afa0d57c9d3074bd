// Deadlines and failure reasons for model calls: a slow or broken model must cost at most its budget.

export class DeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`model timed out after ${timeoutMs} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * Runs `run` with a signal that aborts at the deadline, and settles no later than the deadline even if
 * the callee ignores its signal. Wall time on purpose: the injected clock may be simulated (replay),
 * while the person waiting is not.
 */
export async function withDeadline<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new DeadlineError(timeoutMs);
      ctl.abort(err);
      reject(err);
    }, Math.max(0, timeoutMs));
  });
  try {
    return await Promise.race([run(ctl.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a model call gave no usable answer: too slow, unreachable or failing, unusable output, or over its call budget. */
export type FailureKind = 'timeout' | 'error' | 'invalid' | 'limit';

export interface Failure {
  kind: FailureKind;
  /** One sentence for the turn's `fallback` and the logs. */
  reason: string;
}

const firstLine = (s: string, max = 200): string => {
  const line = (s.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
}

/** Names errors thrown while parsing or validating what the model said (as opposed to reaching it). */
const INVALID_OUTPUT = new Set(['OutputParserException', 'SyntaxError', 'ZodError', '$ZodError', 'LengthFinishReasonError', 'ContentFilterFinishReasonError']);

/** Turns anything a model call threw into a kind and a reason a person can read. */
export function describeFailure(err: unknown, timeoutMs: number): Failure {
  const rawName = field(err, 'name');
  const rawMessage = field(err, 'message');
  const name = typeof rawName === 'string' ? rawName : '';
  const message = firstLine(typeof rawMessage === 'string' ? rawMessage : typeof err === 'string' ? err : '');
  if (err instanceof DeadlineError || name === 'TimeoutError' || name === 'AbortError' || name === 'APIConnectionTimeoutError') {
    return { kind: 'timeout', reason: `model timed out after ${timeoutMs} ms` };
  }
  const status = field(err, 'status');
  if (typeof status === 'number') {
    const text = message.startsWith(String(status)) ? message : `${status} ${message}`;
    return { kind: 'error', reason: `model error: ${text}` };
  }
  if (INVALID_OUTPUT.has(name) || name.endsWith('ParseError')) {
    return { kind: 'invalid', reason: `model returned invalid output: ${message}` };
  }
  // A response that is not a chat completion surfaces as a TypeError deep inside the client library.
  if (name === 'TypeError') return { kind: 'error', reason: `model error: unexpected response from the server (${message})` };
  return { kind: 'error', reason: `model error: ${message || name || 'unknown failure'}` };
}
