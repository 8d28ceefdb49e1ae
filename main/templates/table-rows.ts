import type { DerivedItem, TableItem, TemplateItem } from '../api/templates.ts';

/** A polled value as the SNMP layer gives it; null for noSuchObject/noSuchInstance/endOfMibView. */
export type PolledValue = number | bigint | string | null;

/** Walk results: column OID → (row index → value). */
export type WalkedColumns = ReadonlyMap<string, ReadonlyMap<string, PolledValue>>;

/** One expanded row of a table item: its labels, and per column which instance OID to read. */
export interface TableRow {
  index: string;
  /** e.g. { interface: 'eth0', index: '2', alias: 'uplink' } (the poll job adds `device`). */
  labels: Record<string, string>;
  /** Highest plausible rate of octet counters in this row, in octets per second (from speed). */
  maxOctetsPerSec: number | undefined;
  columns: { item: TemplateItem; oid: string; mib: string; counterBits: 32 | 64 | undefined; transforms: TemplateItem['transforms'] }[];
}

/** Every OID a table item needs walked to expand its rows (index, names, alias, filters, speed, columns and fallbacks). */
export function columnsToWalk(table: TableItem): string[] {
  const oids = new Set<string>([table.index.oid, ...table.nameColumns.map((c) => c.oid)]);
  if (table.aliasColumn) oids.add(table.aliasColumn.oid);
  for (const f of table.filters) oids.add(f.oid);
  for (const s of table.speed ?? []) oids.add(s.oid);
  for (const c of table.columns) {
    oids.add(c.oid);
    if (c.fallback) oids.add(c.fallback.oid);
    for (const t of [...c.transforms, ...(c.fallback?.transforms ?? [])]) {
      if (t.type === 'multiplyColumn' || t.type === 'pow10Column') oids.add(t.oid);
      else if (t.type === 'linear' && t.when) oids.add(t.when.oid);
    }
  }
  return [...oids];
}

function text(v: PolledValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/**
 * Expands a table item into rows from its walked columns: rows are the indexes of the index
 * column, kept when every filter passes, named by the first non-empty name column (else the index),
 * and for each column the preferred OID when the agent has it in that row, else the fallback
 * (ifHCInOctets when present, ifInOctets otherwise).
 */
export function expandTableRows(table: TableItem, walked: WalkedColumns): TableRow[] {
  const indexes = [...(walked.get(table.index.oid)?.keys() ?? [])];
  const rows: TableRow[] = [];
  for (const index of indexes) {
    const pass = table.filters.every((f) => {
      const v = text(walked.get(f.oid)?.get(index)) ?? '';
      if (f.include && !f.include.includes(v)) return false;
      if (f.exclude?.includes(v)) return false;
      if (f.pattern && !new RegExp(f.pattern, 'iu').test(v)) return false;
      return true;
    });
    if (!pass) continue;
    let name: string | undefined;
    for (const c of table.nameColumns) {
      name = text(walked.get(c.oid)?.get(index));
      if (name) break;
    }
    const labels: Record<string, string> = { [table.label]: name ?? index, index };
    const alias = table.aliasColumn ? text(walked.get(table.aliasColumn.oid)?.get(index)) : undefined;
    if (alias) labels.alias = alias;
    let maxOctetsPerSec: number | undefined;
    for (const s of table.speed ?? []) {
      const v = Number(walked.get(s.oid)?.get(index) ?? 0);
      if (v > 0) {
        maxOctetsPerSec = (v * s.bitsPerUnit) / 8;
        break;
      }
    }
    const columns = table.columns.map((item) => {
      const has = walked.get(item.oid)?.get(index);
      const useFallback = (has === undefined || has === null) && item.fallback !== undefined;
      const src = useFallback && item.fallback ? item.fallback : item;
      return {
        item,
        oid: `${src.oid}.${index}`,
        mib: src.mib,
        counterBits: src.counterBits ?? item.counterBits,
        transforms: (useFallback ? item.fallback?.transforms : undefined) ?? item.transforms,
      };
    });
    rows.push({ index, labels, maxOctetsPerSec, columns });
  }
  return rows;
}

/**
 * A derived item's value from the values of the items it names, or undefined when one is
 * missing, negative (Printer-MIB uses -2/-3 for "unknown"/"some left") or the whole is zero, or
 * when its `onlyWhen` item is missing or has another value (a port that is down: no utilisation).
 */
export function computeDerived(d: DerivedItem, values: ReadonlyMap<string, number>): number | undefined {
  if (d.onlyWhen) {
    const gate = values.get(d.onlyWhen.key);
    if (gate === undefined || !d.onlyWhen.values.includes(gate)) return undefined;
  }
  const sum = (keys: string[]) => {
    let s = 0;
    for (const k of keys) {
      const v = values.get(k);
      if (v === undefined || !Number.isFinite(v) || v < 0) return undefined;
      s += v;
    }
    return s;
  };
  const part = sum(d.percent.part);
  const whole = sum(d.percent.whole);
  if (part === undefined || whole === undefined || whole === 0) return undefined;
  const pct = (100 * part) / whole;
  return d.percent.invert ? 100 - pct : pct;
}
