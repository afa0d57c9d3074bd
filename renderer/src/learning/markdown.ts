// A small markdown reader for learning notes: headings, paragraphs, lists, fenced code, quotes, rules and
// `<details><summary>…</summary>…</details>` folds. It yields data, never HTML: the page renders it as
// React elements, so any other markup in a note shows as the text it is (no raw HTML reaches the DOM).

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; text: Inline[]; plain: string }
  | { kind: 'paragraph'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'rule' }
  | { kind: 'details'; summary: Inline[]; blocks: Block[] };

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*(\d+)[.)]\s+(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const SUMMARY = /^\s*<summary>(.*?)<\/summary>\s*(.*)$/i;

function safeHref(href: string): string | null {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = (): void => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length && /[\\`*_[\]()#<>-]/.test(src[i + 1] ?? '')) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const ticks = /^`+/.exec(src.slice(i))?.[0] ?? '`';
      const end = src.indexOf(ticks, i + ticks.length);
      if (end !== -1) {
        flush();
        out.push({ kind: 'code', text: src.slice(i + ticks.length, end).replace(/^ (.*) $/, '$1') });
        i = end + ticks.length;
        continue;
      }
    }
    if ((c === '*' || c === '_') && src[i + 1] === c) {
      const end = src.indexOf(c + c, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'strong', children: parseInline(src.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && src[i + 1] !== ' ' && (c === '*' || i === 0 || /\W/.test(src[i - 1] ?? ''))) {
      const end = src.indexOf(c, i + 1);
      if (end > i + 1 && src[end - 1] !== ' ' && (c === '*' || !/\w/.test(src[end + 1] ?? ''))) {
        flush();
        out.push({ kind: 'em', children: parseInline(src.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]*)\]\(([^)\s]+)\)/.exec(src.slice(i));
      if (m) {
        const href = safeHref(m[2] ?? '');
        flush();
        if (href) out.push({ kind: 'link', href, children: parseInline(m[1] ?? '') });
        else out.push(...parseInline(m[1] ?? ''));
        i += m[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

export function plainText(inl: Inline[]): string {
  return inl.map((x) => (x.kind === 'text' || x.kind === 'code' ? x.text : plainText(x.children))).join('');
}

function parseLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  const isStart = (l: string): boolean =>
    FENCE.test(l) || HEADING.test(l) || BULLET.test(l) || ORDERED.test(l) || RULE.test(l) || /^\s*>/.test(l) || /^\s*<details\b/i.test(l);
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const mark = fence[1] ?? '```';
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(mark)) body.push(lines[i++] ?? '');
      i++; // the closing fence (or the end)
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    if (/^\s*<details\b[^>]*>/i.test(line)) {
      // Everything up to the matching </details>, nested folds included.
      const inner: string[] = [];
      let depth = 0;
      let rest = line;
      for (;;) {
        const opens = (rest.match(/<details\b[^>]*>/gi) ?? []).length;
        const closes = (rest.match(/<\/details>/gi) ?? []).length;
        depth += opens - closes;
        inner.push(rest);
        i++;
        if (depth <= 0 || i >= lines.length) break;
        rest = lines[i] ?? '';
      }
      let text = inner.join('\n').replace(/^\s*<details\b[^>]*>/i, '');
      text = text.replace(/<\/details>\s*$/i, '');
      let summary: Inline[] = [{ kind: 'text', text: 'Details' }];
      const sm = SUMMARY.exec(text.split('\n')[0] ?? '');
      const firstNonEmpty = text.replace(/^\s*\n/, '');
      const sm2 = sm ?? SUMMARY.exec(firstNonEmpty.split('\n')[0] ?? '');
      if (sm2) {
        summary = parseInline(sm2[1] ?? '');
        const src = sm ? text : firstNonEmpty;
        const [, ...after] = src.split('\n');
        text = [sm2[2] ?? '', ...after].join('\n');
      }
      blocks.push({ kind: 'details', summary, blocks: parseLines(text.split('\n')) });
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      const text = parseInline(h[2] ?? '');
      blocks.push({ kind: 'heading', level: Math.min(6, (h[1] ?? '#').length) as 1 | 2 | 3 | 4 | 5 | 6, text, plain: plainText(text) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (/^\s*>/.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] ?? '')) inner.push((lines[i++] ?? '').replace(/^\s*>\s?/, ''));
      blocks.push({ kind: 'quote', blocks: parseLines(inner) });
      continue;
    }
    const ordered = ORDERED.exec(line);
    if (BULLET.test(line) || ordered) {
      const isOrdered = !!ordered;
      const re = isOrdered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i] ?? '';
        const m = re.exec(l);
        if (m) {
          items.push((isOrdered ? m[2] : m[1]) ?? '');
          i++;
        } else if (l.trim() && /^\s{2,}/.test(l) && items.length) {
          items[items.length - 1] += ' ' + l.trim(); // a wrapped or nested line continues its item
          i++;
        } else break;
      }
      blocks.push({ kind: 'list', ordered: isOrdered, start: ordered ? Number(ordered[1]) : 1, items: items.map(parseInline) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() && (para.length === 0 || !isStart(lines[i] ?? ''))) para.push((lines[i++] ?? '').trim());
    blocks.push({ kind: 'paragraph', text: parseInline(para.join(' ')) });
  }
  return blocks;
}

export function parseMarkdown(src: string): Block[] {
  return parseLines(src.replace(/\r\n?/g, '\n').split('\n'));
}

/** The note's section titles (its `##` headings), for the reviewer's overview and the tests. */
export function sectionTitles(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.plain] : []));
}

/**
 * The note without its "Questions for the reader" section, for when the questions are shown as cards
 * (the reader answers before revealing, so the folded answers need not sit right above them too).
 */
export function withoutSection(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^##\s/.test(l) && l.replace(/^##\s+/, '').trim().toLowerCase() === title.toLowerCase());
  if (start < 0) return markdown;
  let end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l));
  if (end < 0) end = lines.length;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
