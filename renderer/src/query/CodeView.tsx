// A highlighted, selectable query. Plain spans with classes: the theme decides the colours.
import { useMemo } from 'react';
import { tokenize } from './tokens.ts';

export function CodeView({ text, label }: { text: string; label: string }) {
  const tokens = useMemo(() => tokenize(text), [text]);
  return (
    <pre className="code" aria-label={label} tabIndex={0}>
      <code>
        {tokens.map((t, i) => (t.kind === 'space' || t.kind === 'other' ? t.text : <span key={i} className={`tk-${t.kind}`}>{t.text}</span>))}
      </code>
    </pre>
  );
}
