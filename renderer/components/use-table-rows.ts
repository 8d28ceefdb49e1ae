import { type KeyboardEvent, type MouseEvent, type RefObject, useCallback, useEffect, useRef } from 'react';

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

/** The "select all shown" checkbox of a table: its checked and indeterminate states, and its toggle. */
export function useSelectAll<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  selected: ReadonlySet<string>,
  onSelect: (next: Set<string>) => void,
): { allChecked: boolean; someChecked: boolean; toggleAll: () => void } {
  const shown = items.reduce((n, item) => n + (selected.has(keyOf(item)) ? 1 : 0), 0);
  const allChecked = items.length > 0 && shown === items.length;
  return {
    allChecked,
    someChecked: shown > 0 && !allChecked,
    toggleAll: () => {
      const next = new Set(selected);
      for (const item of items) {
        if (allChecked) next.delete(keyOf(item));
        else next.add(keyOf(item));
      }
      onSelect(next);
    },
  };
}

const FOCUSABLE = 'input, a, button';

/**
 * Arrow and Page keys move between the rows of a windowed table, keeping the column. The target
 * row may not be rendered yet: then the focus waits on the scroll container (put the handler and
 * tabIndex={-1} on it), so further keys keep arriving, and moves to the row when it renders.
 * Rows carry `data-index`.
 */
export function useRowKeyboard(
  container: RefObject<HTMLElement | null>,
  rowCount: number,
  scrollToIndex: (index: number) => void,
  pageRows: number,
): (event: KeyboardEvent<HTMLElement>) => void {
  const pending = useRef<{ index: number; column: number } | undefined>(undefined);
  const focusRow = (index: number, column: number): boolean => {
    const row = container.current?.querySelector<HTMLTableRowElement>(`tbody tr[data-index="${index}"]`);
    if (!row) return false;
    const targets = row.querySelectorAll<HTMLElement>(FOCUSABLE);
    (targets[Math.min(column, targets.length - 1)] ?? row).focus({ preventScroll: true });
    return true;
  };
  useEffect(() => {
    const want = pending.current;
    if (want && focusRow(want.index, want.column)) pending.current = undefined;
  });
  return (event) => {
    const delta = ({ ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows } as Record<string, number>)[event.key];
    const target = event.target as HTMLElement;
    if (delta === undefined || target.tagName === 'SELECT') return;
    const row = target.closest<HTMLTableRowElement>('tbody tr[data-index]');
    // Keys pressed before the last target row rendered count from that target.
    const from = pending.current ?? (row ? { index: Number(row.dataset.index), column: Math.max(0, [...row.querySelectorAll(FOCUSABLE)].indexOf(target)) } : undefined);
    if (!from) return;
    const next = Math.max(0, Math.min(rowCount - 1, from.index + delta));
    event.preventDefault();
    if (next === from.index) return;
    pending.current = { index: next, column: from.column };
    scrollToIndex(next);
    if (focusRow(next, from.column)) pending.current = undefined;
    else container.current?.focus({ preventScroll: true });
  };
}
