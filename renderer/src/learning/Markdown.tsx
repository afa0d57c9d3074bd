// Renders parsed markdown as React elements (text is always text: no innerHTML anywhere). Headings are
// shifted down by `headingBase` so a note's own `#` fits under the pane's headings.
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown.ts';

function inlines(list: Inline[]): ReactNode {
  return list.map((x, i) => {
    switch (x.kind) {
      case 'text':
        return <Fragment key={i}>{x.text}</Fragment>;
      case 'code':
        return <code key={i}>{x.text}</code>;
      case 'strong':
        return <strong key={i}>{inlines(x.children)}</strong>;
      case 'em':
        return <em key={i}>{inlines(x.children)}</em>;
      case 'link':
        return <a key={i} href={x.href} target="_blank" rel="noopener noreferrer">{inlines(x.children)}</a>;
    }
  });
}

function blocks(list: Block[], base: number): ReactNode {
  return list.map((b, i) => {
    switch (b.kind) {
      case 'heading': {
        const level = Math.min(6, b.level + base);
        const Tag = `h${level}` as 'h2';
        return <Tag key={i} className="md-h">{inlines(b.text)}</Tag>;
      }
      case 'paragraph':
        return <p key={i}>{inlines(b.text)}</p>;
      case 'list':
        return b.ordered ? (
          <ol key={i} start={b.start}>{b.items.map((it, j) => <li key={j}>{inlines(it)}</li>)}</ol>
        ) : (
          <ul key={i}>{b.items.map((it, j) => <li key={j}>{inlines(it)}</li>)}</ul>
        );
      case 'code':
        return <pre key={i} className="code" tabIndex={0} aria-label={b.lang ? `${b.lang} code` : 'Code'}><code>{b.text}</code></pre>;
      case 'quote':
        return <blockquote key={i}>{blocks(b.blocks, base)}</blockquote>;
      case 'rule':
        return <hr key={i} />;
      case 'details':
        return (
          <details key={i} className="md-details">
            <summary>{inlines(b.summary)}</summary>
            {blocks(b.blocks, base)}
          </details>
        );
    }
  });
}

export function Markdown({ source, headingBase = 1, label }: { source: string; headingBase?: number; label?: string }) {
  const parsed = useMemo(() => parseMarkdown(source), [source]);
  return <div className="md" aria-label={label} role={label ? 'document' : undefined}>{blocks(parsed, headingBase)}</div>;
}
