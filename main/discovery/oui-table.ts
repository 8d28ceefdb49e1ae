/**
 * Building the shipped OUI table (resources/oui/oui.json) from the `oui-data` package: the IEEE
 * registries as { prefix: 'Vendor name\naddress lines...' }, with MA-L prefixes of 6 hex digits
 * (24 bits), MA-M of 7 (28 bits) and MA-S of 9 (36 bits). MA-M and MA-S blocks subdivide MA-L
 * prefixes registered to "IEEE Registration Authority", so lookups try the longest prefix first. Shared by
 * scripts/generate-oui.ts and the drift test, so both build byte-identical output.
 *
 * Why a generated table rather than reading oui-data at run time: oui-data's index.json is 5.6 MB
 * of mostly postal addresses, and `node_modules` is not where a bundled Electron app reads data
 * from; the generated table keeps only short vendor names, grouped by vendor (about a fifth of
 * the size), is bundled by Vite as its own chunk and loaded on the first lookup only.
 */

export interface OuiTableFile {
  /** Where the data came from (package and version). */
  source: string;
  /** Prefixes in the table (MA-L, MA-M and MA-S). */
  count: number;
  /** [short vendor name, space-separated lower-case prefixes of 6, 7 or 9 hex digits], sorted by name. */
  vendors: [string, string][];
}

// Legal-form suffixes, stripped from the end of a name (repeatedly: "Co., Ltd.").
const SUFFIX =
  /[\s,.]+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|gmbh|ag|sa|s\.a|sas|s\.a\.s|spa|s\.p\.a|srl|s\.r\.l|bv|b\.v|nv|n\.v|oy|oyj|ab|as|a\/s|aps|kg|pty|plc|pte|kk|k\.k|sdn bhd|bhd|lp|l\.p)\.?$/i;

/** 'Cisco Systems, Inc' → 'Cisco Systems'; 'HUAWEI TECHNOLOGIES CO.,LTD' → 'HUAWEI TECHNOLOGIES'. */
export function shortVendorName(firstLine: string): string {
  let name = firstLine.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 4; i++) {
    const next = name.replace(SUFFIX, '').replace(/[\s,.]+$/, '');
    if (next === name || next.length < 2) break;
    name = next;
  }
  return name;
}

/** Entries the registry marks as private (no vendor to show). */
const PRIVATE = /^private$/i;

export function buildOuiTable(source: Readonly<Record<string, string>>, sourceName: string): OuiTableFile {
  const byVendor = new Map<string, string[]>();
  let count = 0;
  for (const [prefix, text] of Object.entries(source)) {
    if (!/^([0-9A-Fa-f]{6}|[0-9A-Fa-f]{7}|[0-9A-Fa-f]{9})$/.test(prefix)) continue;
    const first = text.split('\n')[0] ?? '';
    if (PRIVATE.test(first.trim())) continue;
    const name = shortVendorName(first);
    if (!name) continue;
    const list = byVendor.get(name) ?? [];
    list.push(prefix.toLowerCase());
    byVendor.set(name, list);
    count++;
  }
  const vendors = [...byVendor.entries()]
    .map(([name, prefixes]): [string, string] => [name, prefixes.sort().join(' ')])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { source: sourceName, count, vendors };
}

/** JSON with one vendor per line: small diffs when the registry changes. */
export function serializeOuiTable(table: OuiTableFile): string {
  const lines = table.vendors.map((v) => `    ${JSON.stringify(v)}`);
  return `{\n  "source": ${JSON.stringify(table.source)},\n  "count": ${table.count},\n  "vendors": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
