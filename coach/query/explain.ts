// Explanations read off the parse tree: one sentence per selector, function, aggregation and operator,
// outermost first. Deterministic; a model may rephrase them, never invent them.
import type { SyntaxNode } from '@lezer/common';
import type { Catalog } from './api.ts';
import { AGGREGATIONS, FUNCTIONS } from './functions.ts';
import { parsePromQL, unquote } from './validate.ts';

export interface Part {
  part: string;
  says: string;
}

const OPS: Record<string, string> = {
  '/': 'divides the left side by the right, pairing series with the same labels',
  '*': 'multiplies the two sides',
  '+': 'adds the two sides',
  '-': 'subtracts the right side from the left',
  '%': 'the remainder of dividing the left side by the right',
  '^': 'raises the left side to the power of the right',
  '==': 'keeps only the series whose value equals the right side (a filter)',
  '!=': 'keeps only the series whose value differs from the right side (a filter)',
  '>': 'keeps only the series above the right side (a filter)',
  '<': 'keeps only the series below the right side (a filter)',
  '>=': 'keeps only the series at or above the right side (a filter)',
  '<=': 'keeps only the series at or below the right side (a filter)',
  and: 'keeps the left series that also exist on the right',
  or: 'all series of the left side plus those of the right that the left lacks',
  unless: 'keeps the left series that do not exist on the right',
};

const MATCH_WORDS: Record<string, string> = { '=': 'is', '!=': 'is not', '=~': 'matches', '!~': 'does not match' };

export function explainPromQL(query: string, catalog: Catalog | null, max = 8): Part[] {
  const out: Part[] = [];
  const t = (n: SyntaxNode): string => query.slice(n.from, n.to);
  const visit = (n: SyntaxNode): void => {
    const says = describe(n, t, catalog);
    if (says) out.push({ part: t(n), says });
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  const root = parsePromQL(query).topNode;
  visit(root);
  return out.slice(0, max);
}

function describe(n: SyntaxNode, t: (n: SyntaxNode) => string, catalog: Catalog | null): string | null {
  switch (n.name) {
    case 'AggregateExpr': {
      const op = t(n.getChild('AggregateOp') ?? n).toLowerCase();
      const body = n.getChild('FunctionCallBody');
      const k = body?.firstChild && body.firstChild.nextSibling ? t(body.firstChild) : '';
      let says = (AGGREGATIONS[op] ?? op).replace('{k}', k);
      const mod = n.getChild('AggregateModifier');
      const labels = mod?.getChild('GroupingLabels');
      const names = labels ? labels.getChildren('LabelName').map(t) : [];
      if (mod && t(mod).startsWith('without')) says += `, dropping ${names.join(', ')}`;
      else if (names.length > 0) says += `, one result per ${names.join(' and ')}`;
      else if (!['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(op)) says += ' into a single series';
      return `${says}.`;
    }
    case 'FunctionCall': {
      const name = t(n.getChild('FunctionIdentifier') ?? n);
      const spec = FUNCTIONS[name];
      return spec ? `${name}: ${spec.says}.` : null;
    }
    case 'BinaryExpr': {
      const op = findOp(n, t);
      return op && OPS[op] ? `${OPS[op]}.` : null;
    }
    case 'MatrixSelector': {
      const d = n.getChild('DurationExpr') ?? n.getChild('NumberDurationLiteralInDurationContext');
      return d ? `the samples of the last ${t(d)} of each series.` : null;
    }
    case 'OffsetExpr': {
      const d = n.getChild('OffsetDurationExpr') ?? n.getChild('NumberDurationLiteralInDurationContext');
      return d ? `the same data shifted ${t(d)} into the past, to compare with now.` : null;
    }
    case 'VectorSelector': {
      const name = t(n.getChild('Identifier') ?? n);
      const fam = catalog?.familyOfSample(name);
      const what = fam?.help ? `${name}: ${fam.help.replace(/\.$/, '')}` : name;
      const kind = fam && fam.type !== 'unknown' ? ` (${fam.type}${name !== fam.name ? ` ${name.slice(fam.name.length + 1)} series` : ''})` : '';
      const ms = n.getChild('LabelMatchers');
      const conds = ms ? ms.getChildren('UnquotedLabelMatcher').map((m) => {
        const v = m.getChild('StringLiteral');
        return `${t(m.getChild('LabelName') ?? m)} ${MATCH_WORDS[t(m.getChild('MatchOp') ?? m)] ?? t(m.getChild('MatchOp') ?? m)} "${v ? unquote(t(v)) : ''}"`;
      }) : [];
      return `${what}${kind}${conds.length > 0 ? `, only series where ${conds.join(' and ')}` : ''}.`;
    }
    default:
      return null;
  }
}

function findOp(n: SyntaxNode, t: (n: SyntaxNode) => string): string | null {
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const s = t(c);
    if (s in OPS && !/Expr|Selector|Call|Literal/.test(c.name)) return s;
  }
  return null;
}
