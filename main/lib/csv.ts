/**
 * The one CSV writer of the product (reports, discovery exports, `wardflux discover --csv`):
 * RFC 4180 quoting and formula escaping by csv-stringify. Cell text comes from the network (a
 * device's sysName, sysDescr, sysLocation), and a spreadsheet runs a cell such as
 * `=HYPERLINK("http://x","y")` as a formula.
 */
import { stringify } from 'csv-stringify/sync';

/** What a cell may hold: numbers stay numbers, null and undefined are empty. */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/**
 * A header row and one row per item; `eol` is "\r\n" for files (RFC 4180), "\n" for a terminal.
 * Text starting with = + - @, tab or carriage return (and their full-width forms) gets a leading
 * `'` (OWASP "CSV Injection"); a number, negative or not, is written as it is.
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[], opts: { eol?: '\n' | '\r\n' } = {}): string {
  const records: CsvValue[][] = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))];
  return stringify(records, {
    record_delimiter: opts.eol ?? '\n',
    // With record_delimiter given, csv-stringify would leave a lone "\n" or "\r" in a cell unquoted.
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
}
