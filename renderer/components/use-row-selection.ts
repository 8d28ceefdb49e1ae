import { type MouseEvent, type RefObject, useCallback, useEffect, useRef } from 'react';

/**
 * Checkbox selection for a windowed table: a click toggles one row, a shift-click sets the whole
 * range since the last click to the clicked row's new state (as in a file manager). Rows are
 * identified by `keyOf`, which must be a stable (module-level) function. The returned handler is
 * stable too, so memoized rows do not re-render when the selection changes elsewhere.
 */
export function useRowSelection<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  selected: ReadonlySet<string>,
  onSelect: (next: Set<string>) => void,
): (index: number, item: T, event: MouseEvent<HTMLInputElement>) => void {
  const lastClicked = useRef<number | undefined>(undefined);
  const latest = useRef({ items, selected, onSelect });
  useEffect(() => {
    latest.current = { items, selected, onSelect };
  });
  return useCallback(
    (index: number, item: T, event: MouseEvent<HTMLInputElement>) => {
      const { items: list, selected: sel, onSelect: set } = latest.current;
      const next = new Set(sel);
      const on = !sel.has(keyOf(item));
      const [a, b] = event.shiftKey && lastClicked.current !== undefined ? [Math.min(lastClicked.current, index), Math.max(lastClicked.current, index)] : [index, index];
      for (let i = a; i <= b; i++) {
        const row = i === index ? item : list[i];
        if (row === undefined) continue;
        if (on) next.add(keyOf(row));
        else next.delete(keyOf(row));
      }
      lastClicked.current = index;
      set(next);
    },
    [keyOf],
  );
}

/**
 * Keyboard navigation in a windowed table moves focus to a row that may not be rendered yet:
 * call the returned function with `{ index, column }` and the focus lands on that row's n-th
 * control (or the row) after the next render; call it with undefined to drop the request.
 */
export function useFocusAfterRender(container: RefObject<HTMLElement | null>): (target: { index: number; column: number } | undefined) => void {
  const focusAfterRender = useRef<{ index: number; column: number } | undefined>(undefined);
  useEffect(() => {
    const want = focusAfterRender.current;
    if (!want) return;
    const row = container.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${want.index}"]`);
    if (!row) return;
    focusAfterRender.current = undefined;
    const targets = row.querySelectorAll<HTMLElement>('input, a, button');
    (targets[Math.min(want.column, targets.length - 1)] ?? row).focus();
  });
  return useCallback((target: { index: number; column: number } | undefined) => {
    focusAfterRender.current = target;
  }, []);
}
