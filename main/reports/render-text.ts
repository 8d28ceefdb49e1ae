/** JSON and CSV renderings of a report document. */
import { toCsv } from '../lib/csv.ts';
import { rawCell } from './format.ts';
import type { ReportDocument, Table } from './types.ts';

export function tablesOf(doc: ReportDocument): Table[] {
  return doc.sections.flatMap((s) => (s.table ? [s.table] : []));
}

/** The whole report as JSON: header, computed figures (`data`) and every table with raw cells. */
export function renderJson(doc: ReportDocument): string {
  const tables = Object.fromEntries(
    tablesOf(doc).map((t) => [t.id, t.rows.map((r) => Object.fromEntries(t.columns.map((c) => [c.key, rawCell(r[c.key] ?? null, c.format)])))]),
  );
  return `${JSON.stringify(
    {
      report: { kind: doc.kind, title: doc.title, site: doc.site, from: new Date(doc.from).toISOString(), to: new Date(doc.to).toISOString(), generatedAt: new Date(doc.generatedAt).toISOString() },
      data: doc.data,
      tables,
    },
    null,
    2,
  )}\n`;
}

/**
 * The report's main table as CSV (one CSV holds one table; a zip of all tables is not available,
 * so multi-table kinds export the main one: devices, availability per device, alerts, top
 * interfaces by 95th percentile, all discovery changes). Header row of column labels; times in
 * ISO 8601 (UTC), numbers unformatted, lists joined with "; ".
 */
export function renderCsv(doc: ReportDocument): string {
  const table = tablesOf(doc).find((t) => t.id === doc.mainTable);
  if (!table) return '';
  // Formula-escaped (main/lib/csv.ts): device names and SNMP strings come from the network.
  return toCsv(
    table.columns.map((c) => ({ header: c.label, value: (r: (typeof table.rows)[number]) => rawCell(r[c.key] ?? null, c.format) })),
    table.rows,
  );
}
