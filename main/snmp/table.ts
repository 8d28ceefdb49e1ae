/** Turns a walk of a conceptual table into rows by index with named columns. */
import { oidToName } from './oid-names.ts';
import { compareOids, isInSubtree } from './oid.ts';
import type { VarBind } from './varbind.ts';

export interface SnmpTableRow {
  /** The row index: the OID arcs after the column ('3' for ifIndex 3, '198.18.1.10' for ipAddrTable). */
  index: string;
  /** Column name (MIB name when known, else the column number) -> value. */
  values: Record<string, VarBind>;
}

export interface SnmpTable {
  /** The table's OID (e.g. ifTable's 1.3.6.1.2.1.2.2). */
  oid: string;
  /** Column names in column-number order. */
  columns: string[];
  /** Rows in index order. */
  rows: SnmpTableRow[];
}

function columnName(entry: string, col: string): string {
  const name = oidToName(`${entry}.${col}`);
  const m = /::([^.]+)$/.exec(name);
  return m?.[1] ?? col;
}

/** Groups varbinds under `${table}.1.<column>.<index>` into rows; others are ignored. */
export function buildTable(tableOid: string, varbinds: VarBind[]): SnmpTable {
  const entry = `${tableOid}.1`;
  const colNumbers = new Map<string, string>();
  const rows = new Map<string, Record<string, VarBind>>();
  for (const vb of varbinds) {
    if (!isInSubtree(entry, vb.oid)) continue;
    const rest = vb.oid.slice(entry.length + 1);
    const dot = rest.indexOf('.');
    if (dot < 0) continue;
    const col = rest.slice(0, dot);
    const index = rest.slice(dot + 1);
    let name = colNumbers.get(col);
    if (!name) colNumbers.set(col, (name = columnName(entry, col)));
    let row = rows.get(index);
    if (!row) rows.set(index, (row = {}));
    row[name] = vb;
  }
  const columns = [...colNumbers.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, n]) => n);
  const indexes = [...rows.keys()].sort(compareOids);
  return { oid: tableOid, columns, rows: indexes.map((index) => ({ index, values: rows.get(index) ?? {} })) };
}
