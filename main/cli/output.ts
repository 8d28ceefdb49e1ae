/** Output helpers for the CLI: stdout carries results (tables or JSON), stderr carries messages. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Where piped secrets are read from (secret-input.ts); process.stdin when absent (read lazily: most commands never touch it). */
  stdin?: AsyncIterable<string | Buffer> & { isTTY?: boolean };
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A plain aligned table, like `ip -br addr` or `docker ps`: header row, then one row per item. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
