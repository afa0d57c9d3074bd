// Gets the decided turns phrased and demonstrated, falling back to the policy's own text whenever the
// phraser or demonstrator fails or breaks the rules it is given (DESIGN §5: the offline engine answers).
import type { Decision } from '../edge/index.ts';
import type { Phrased, PhraseContext, Phraser } from '../llm/api.ts';
import type { DemonstrateContext, Demonstrator } from '../query/api.ts';
import type { TurnDraft } from '../types.ts';

const DEMONSTRATE_TYPES = new Set(['query', 'link', 'steps', 'memory', 'decline']);
/** Field names that would carry query results; D4 says no turn holds them. */
const RESULT_FIELDS = ['result', 'results', 'data', 'values', 'samples'];

export type Log = (entry: { level: 'info' | 'warn' | 'error'; code: string; message: string; [k: string]: unknown }) => void;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function demonstrate(
  decision: Decision, demonstrator: Demonstrator | undefined, ctx: DemonstrateContext, log: Log,
): Promise<TurnDraft[]> {
  const d = decision.demonstrate;
  if (!d) return [];
  if (!demonstrator) return d.fallback;
  try {
    const turns = (await demonstrator.demonstrate(d.question, ctx)).filter((t) => DEMONSTRATE_TYPES.has(t.type));
    const clean = turns.map((t) => ({
      ...t, phase: 'demonstrate' as const,
      fields: Object.fromEntries(Object.entries(t.fields ?? {}).filter(([k]) => !RESULT_FIELDS.includes(k))),
    }));
    return clean.length ? clean : d.fallback;
  } catch (e) {
    log({ level: 'warn', code: 'demonstrator_failed', message: message(e) });
    return d.fallback;
  }
}

function offline(drafts: TurnDraft[], reason: string | null): Phrased[] {
  return drafts.map((t) => ({ text: t.text, engine: 'offline', fallback: reason }));
}

/** One phrasing per draft, same order; a question stays a question. */
export async function phrase(drafts: TurnDraft[], phraser: Phraser, ctx: PhraseContext, log: Log): Promise<Phrased[]> {
  if (drafts.length === 0) return [];
  let out: Phrased[];
  try {
    out = await phraser.phrase(drafts, ctx);
  } catch (e) {
    log({ level: 'warn', code: 'phraser_failed', message: message(e), engine: phraser.engine });
    return offline(drafts, `phraser error: ${message(e)}`.slice(0, 300));
  }
  if (!Array.isArray(out) || out.length !== drafts.length) {
    log({ level: 'warn', code: 'phraser_invalid', message: 'wrong number of phrasings', engine: phraser.engine });
    return offline(drafts, 'invalid output: wrong number of turns');
  }
  return out.map((p, i) => {
    const d = drafts[i] as TurnDraft;
    const text = typeof p.text === 'string' ? p.text.trim() : '';
    if (!text) return { text: d.text, engine: 'offline', fallback: 'invalid output: empty text' };
    if (d.text.trim().endsWith('?') && !text.endsWith('?')) {
      return { text: d.text, engine: 'offline', fallback: 'invalid output: a question became a statement' };
    }
    return { text, engine: p.engine, fallback: p.fallback };
  });
}
