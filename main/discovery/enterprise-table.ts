/**
 * Building the shipped IANA Private Enterprise Numbers table (resources/enterprises/enterprises.json)
 * from the registry as Debian's `libwireshark-data` ships it (/usr/share/wireshark/enterprises.tsv:
 * `<number><tab><organisation>[<tab># formerly '...'], `#` comment lines). Shared by
 * scripts/generate-enterprises.ts and the drift test, so both build byte-identical output.
 *
 * Format: the organisations of numbers 0, 1, 2, ... in order, "" where a number is unassigned,
 * "Reserved" or "---none---", joined by newlines in blocks of BLOCK numbers: `blocks[b]` holds
 * numbers b×BLOCK .. b×BLOCK+BLOCK-1. The registry is dense (about 62,000 of 0..62,331 assigned),
 * so no number needs writing. Blocks rather than one string per name: a few dozen string literals
 * cost next to nothing to parse wherever the file is loaded (a bundler inlines JSON as a JS
 * literal; 62,000 array elements took ~75 ms to compile there), a lookup splits only its block,
 * and a registry update changes only the blocks it touches. Names are taken as registered (only the trailing "# formerly ..." comment and
 * surrounding blanks are removed); short display names for the vendors a technician meets are
 * curated in resources/classification/enterprises.json, not derived from these by a regex.
 */

export interface EnterpriseTableFile {
  /** Where the data came from (registry, package file, registry date). */
  source: string;
  /** Numbers with an organisation. */
  count: number;
  /** Numbers per block. */
  block: number;
  /** Organisations, newline-separated, BLOCK numbers per block ("" for none). */
  blocks: string[];
}

export const BLOCK = 1000;

/** Registry entries that name no organisation. */
const NO_ORGANISATION = new Set(['reserved', '---none---', 'unassigned']);

/** Parses enterprises.tsv into the table; `file` names the source in the table's `source`. */
export function buildEnterpriseTable(tsv: string, file: string): EnterpriseTableFile {
  const names: string[] = [];
  let updated: string | null = null;
  let count = 0;
  for (const raw of tsv.split(/\r?\n/)) {
    if (raw.startsWith('#')) {
      updated ??= /last updated (\d{4}-\d{2}-\d{2})/.exec(raw)?.[1] ?? null;
      continue;
    }
    const m = /^(\d+)\s+(.*)$/.exec(raw.trim());
    if (!m) continue;
    const n = Number(m[1]);
    // The "# formerly 'Old Name'" annotation follows a tab; a '#' inside a name has no tab before it.
    const name = m[2]!.replace(/\t+#.*$/, '').replace(/\s+/g, ' ').trim();
    if (!name || NO_ORGANISATION.has(name.toLowerCase()) || !Number.isSafeInteger(n)) continue;
    if (!names[n]) count++;
    names[n] = name;
  }
  const blocks: string[] = [];
  for (let start = 0; start < names.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, names.length);
    blocks.push(Array.from({ length: end - start }, (_, i) => names[start + i] ?? '').join('\n'));
  }
  const when = updated ? `, last updated ${updated}` : '';
  return { source: `IANA Private Enterprise Numbers (${file}${when})`, count, block: BLOCK, blocks };
}

/** JSON with one block per line. */
export function serializeEnterpriseTable(table: EnterpriseTableFile): string {
  const lines = table.blocks.map((b) => JSON.stringify(b));
  return `{\n"source": ${JSON.stringify(table.source)},\n"count": ${table.count},\n"block": ${table.block},\n"blocks": [\n${lines.join(',\n')}\n]\n}\n`;
}
