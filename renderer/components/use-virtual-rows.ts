import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface VirtualWindow {
  /** Put on the scrolling element. */
  container: RefObject<HTMLDivElement | null>;
  /** First rendered row (inclusive) and last (exclusive). */
  start: number;
  end: number;
  /** Heights of the spacers above and below the rendered rows. */
  padTop: number;
  padBottom: number;
  /** Scrolls so that row `index` is in view. */
  scrollToIndex(index: number): void;
}

/**
 * Windowing for a long table in a scrolling container: only the rows in view (plus `overscan`
 * above and below) are rendered; spacers keep the scrollbar true. Rows have a fixed height.
 */
export function useVirtualRows(count: number, rowHeight: number, headerHeight = 0, overscan = 10): VirtualWindow {
  const container = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);

  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    let frame = 0;
    const onScroll = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTop(el.scrollTop));
    };
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    setViewport(el.clientHeight);
    setScrollTop(el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, []);

  // A shorter list (a filter) may leave the scroll position past the end.
  useEffect(() => {
    const el = container.current;
    if (el && el.scrollTop > count * rowHeight) el.scrollTop = 0;
  }, [count, rowHeight]);

  const body = Math.max(0, scrollTop - headerHeight);
  const start = Math.max(0, Math.min(count, Math.floor(body / rowHeight) - overscan));
  const end = Math.min(count, Math.ceil((body + viewport) / rowHeight) + overscan);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = container.current;
      if (!el) return;
      const top = headerHeight + index * rowHeight;
      if (top - headerHeight < el.scrollTop) el.scrollTop = top - headerHeight;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    [headerHeight, rowHeight],
  );

  return { container, start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight, scrollToIndex };
}
