import { useSelectAll } from './use-table-rows.ts';

/** The header cell of a selectable table: all / none / some (indeterminate) of the rows shown. */
export function SelectAllHeader<T>({ rows, keyOf, selected, onSelect, noun }: { rows: readonly T[]; keyOf: (row: T) => string; selected: ReadonlySet<string>; onSelect: (next: Set<string>) => void; noun: string }) {
  const { allChecked, someChecked, toggleAll } = useSelectAll(rows, keyOf, selected, onSelect);
  return (
    <th scope="col" className="col-check">
      <input
        type="checkbox"
        checked={allChecked}
        ref={(el) => {
          if (el) el.indeterminate = someChecked;
        }}
        onChange={toggleAll}
        aria-label={allChecked ? `Clear the selection of the ${noun} shown` : `Select all ${rows.length.toLocaleString()} ${noun} shown`}
      />
    </th>
  );
}
