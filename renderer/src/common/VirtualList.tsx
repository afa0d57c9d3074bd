// A fixed-row-height virtual list: only the rows in view (plus a little overscan) are in the DOM, so a
// timeline of thousands of events scrolls as cheaply as one of twenty. It follows new rows while the
// reader is at the bottom and stays put when they have scrolled up to read.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  label: string;
  renderRow: (item: T, index: number) => ReactNode;
  rowKey: (item: T) => string | number;
  className?: string;
}

const OVERSCAN = 8;

export function VirtualList<T>({ items, rowHeight, label, renderRow, rowKey, className }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [items.length, height]);

  const onScroll = (): void => {
    const el = ref.current;
    if (!el) return;
    atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    setScrollTop(el.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    rows.push(
      <div role="listitem" aria-posinset={i + 1} aria-setsize={items.length} key={rowKey(item)} className="vrow" style={{ height: rowHeight, transform: `translateY(${i * rowHeight}px)` }}>
        {renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div ref={ref} className={`vlist ${className ?? ''}`} onScroll={onScroll} tabIndex={0} role="list" aria-label={label}>
      <div className="vlist-inner" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
