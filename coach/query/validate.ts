// Proves a PromQL query fit to show: it parses with Prometheus' own grammar, its functions get the right
// number and kinds of arguments, and every metric and label it names exists in the catalog.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Catalog } from './api.ts';
import { FUNCTIONS, type ValueType } from './functions.ts';

export interface Validation {
  ok: boolean;
  errors: string[];
  metrics: string[];
}

export function parsePromQL(query: string): Tree {
  return parser.parse(query);
}

const text = (q: string, n: SyntaxNode): string => q.slice(n.from, n.to);

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** The value type an expression node evaluates to. */
export function typeOf(q: string, n: SyntaxNode): ValueType {
  switch (n.name) {
    case 'PromQL': return n.firstChild ? typeOf(q, n.firstChild) : 'scalar';
    case 'MatrixSelector': case 'SubqueryExpr': return 'matrix';
    case 'VectorSelector': case 'AggregateExpr': return 'vector';
    case 'NumberDurationLiteral': case 'NumberLiteral': return 'scalar';
    case 'StringLiteral': return 'string';
    case 'OffsetExpr': case 'StepInvariantExpr': return n.firstChild ? typeOf(q, n.firstChild) : 'vector';
    case 'ParenExpr': case 'UnaryExpr': {
      const inner = kids(n).find((c) => isExpr(c));
      return inner ? typeOf(q, inner) : 'scalar';
    }
    case 'BinaryExpr': {
      const sides = kids(n).filter(isExpr);
      return sides.some((s) => typeOf(q, s) === 'vector') ? 'vector' : 'scalar';
    }
    case 'FunctionCall': {
      const id = n.getChild('FunctionIdentifier');
      return (id && FUNCTIONS[text(q, id)]?.returns) ?? 'vector';
    }
    default: return 'vector';
  }
}

const EXPR = new Set(['MatrixSelector', 'SubqueryExpr', 'VectorSelector', 'AggregateExpr', 'NumberDurationLiteral', 'NumberLiteral',
  'StringLiteral', 'OffsetExpr', 'StepInvariantExpr', 'ParenExpr', 'UnaryExpr', 'BinaryExpr', 'FunctionCall']);
function isExpr(n: SyntaxNode): boolean {
  return EXPR.has(n.name);
}

/** Unquotes a PromQL string literal. */
export function unquote(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1);
  try {
    return JSON.parse(lit.startsWith("'") ? `"${lit.slice(1, -1).replace(/"/g, '\\"')}"` : lit) as string;
  } catch {
    return lit.slice(1, -1);
  }
}

export function validatePromQL(query: string, catalog: Catalog): Validation {
  const errors: string[] = [];
  const metrics = new Set<string>();
  if (query.trim() === '') return { ok: false, errors: ['the query is empty'], metrics: [] };
  const tree = parsePromQL(query);
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError) errors.push(`syntax error at character ${ref.from + 1}`);
    },
  });
  if (errors.length > 0) return { ok: false, errors, metrics: [] };
  tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (n.name === 'FunctionCall') checkCall(query, n, errors);
      if (n.name === 'VectorSelector') checkSelector(query, n, catalog, errors, metrics);
      if (n.name === 'AggregateExpr') checkGrouping(query, n, catalog, errors);
    },
  });
  return { ok: errors.length === 0, errors, metrics: [...metrics] };
}

function checkCall(q: string, n: SyntaxNode, errors: string[]): void {
  const id = n.getChild('FunctionIdentifier');
  const name = id ? text(q, id) : '';
  const fn = FUNCTIONS[name];
  if (!fn) {
    errors.push(`unknown function ${name}()`);
    return;
  }
  const body = n.getChild('FunctionCallBody');
  const args = body ? kids(body).filter(isExpr) : [];
  const min = fn.args.filter((a) => !a.endsWith('?')).length;
  const max = fn.variadic ? Infinity : fn.args.length;
  if (args.length < min || args.length > max) {
    errors.push(`${name}() takes ${min === max ? min : `${min}–${fn.variadic ? 'any' : max}`} argument(s), got ${args.length}`);
    return;
  }
  args.forEach((a, i) => {
    const want = (fn.args[Math.min(i, fn.args.length - 1)] ?? 'vector').replace('?', '') as ValueType;
    const got = typeOf(q, a);
    if (want !== got) errors.push(`argument ${i + 1} of ${name}() must be a ${want}, got a ${got}: ${text(q, a)}`);
  });
}

function checkSelector(q: string, n: SyntaxNode, catalog: Catalog, errors: string[], metrics: Set<string>): void {
  const id = n.getChild('Identifier');
  const matchers = n.getChild('LabelMatchers');
  const list = matchers ? kids(matchers).filter((c) => /LabelMatcher$/.test(c.name)) : [];
  let name = id ? text(q, id) : '';
  for (const m of list) {
    const ln = m.getChild('LabelName');
    const value = m.getChild('StringLiteral');
    if (ln && text(q, ln) === '__name__' && value) name = unquote(text(q, value));
  }
  if (!name) {
    errors.push('a selector without a metric name');
    return;
  }
  const fam = catalog.familyOfSample(name);
  if (!fam || !fam.samples.includes(name) && fam.name !== name) {
    errors.push(`the catalog has no metric ${name}`);
    return;
  }
  metrics.add(name);
  for (const m of list) {
    const ln = m.getChild('LabelName');
    const label = ln ? text(q, ln) : '';
    if (label === '__name__') continue;
    const known = fam.labels.includes(label) || (label === 'le' && name.endsWith('_bucket')) || (label === 'quantile' && fam.type === 'summary');
    if (!known) {
      errors.push(`${name} has no label ${label}`);
      continue;
    }
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (op && value && text(q, op) === '=' && label !== 'le') {
      const v = unquote(text(q, value));
      const values = catalog.labelValues(fam.name, label);
      if (values.length > 0 && values.length < 500 && !values.includes(v)) errors.push(`${name} has no series with ${label}="${v}"`);
    }
  }
}

function checkGrouping(q: string, n: SyntaxNode, catalog: Catalog, errors: string[]): void {
  const mod = n.getChild('AggregateModifier');
  const labels = mod?.getChild('GroupingLabels');
  if (!labels) return;
  const inside = new Set<string>(['le']);
  const body = n.getChild('FunctionCallBody');
  if (body) {
    const cursor = body.cursor();
    const end = body.to;
    do {
      if (cursor.name === 'VectorSelector') {
        const id = cursor.node.getChild('Identifier');
        const fam = id ? catalog.familyOfSample(text(q, id)) : undefined;
        for (const l of fam?.labels ?? []) inside.add(l);
      }
    } while (cursor.next() && cursor.from < end);
  }
  for (const l of kids(labels).filter((c) => c.name === 'LabelName')) {
    const name = text(q, l);
    if (!inside.has(name)) errors.push(`grouping by ${name}, a label none of the aggregated metrics has`);
  }
}
