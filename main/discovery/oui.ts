/**
 * MAC address → vendor, offline, from the table shipped in resources/oui/oui.json (generated from
 * the IEEE registries by scripts/generate-oui.ts; see oui-table.ts for why it is generated).
 *
 * The table (about 1.2 MB of JSON) is loaded on the first lookup only, through a dynamic import:
 * Vite bundles it as its own chunk for Electron, plain Node reads it from resources/, and engine
 * startup never pays for it.
 */
import { isLocallyAdministered, normalizeMac } from './mac.ts';

export { isLocallyAdministered };
import type { OuiTableFile } from './oui-table.ts';

export interface OuiLookup {
  /** Short vendor name ('Cisco Systems'), or undefined: unknown, private, or a locally administered MAC. */
  vendorOf(mac: string): string | undefined;
  /** Where the table came from ('oui-data 2.1.9 (...)'). */
  readonly source: string;
  readonly size: number;
}

/** Vendor of the MA-L blocks the IEEE subdivides (MA-M, MA-S): never the real vendor. */
const REGISTRY_ITSELF = 'IEEE Registration Authority';

export function createOuiLookup(file: OuiTableFile): OuiLookup {
  const map = new Map<string, string>();
  for (const [vendor, prefixes] of file.vendors) {
    if (vendor === REGISTRY_ITSELF) continue;
    for (const p of prefixes.split(' ')) map.set(p, vendor);
  }
  return {
    source: file.source,
    size: map.size,
    vendorOf(mac) {
      const m = normalizeMac(mac);
      if (!m || isLocallyAdministered(m)) return undefined;
      const hex = m.replace(/:/g, '');
      // Longest prefix first: MA-S (36 bits), MA-M (28 bits), MA-L (24 bits).
      return map.get(hex.slice(0, 9)) ?? map.get(hex.slice(0, 7)) ?? map.get(hex.slice(0, 6));
    },
  };
}

let loading: Promise<OuiLookup> | null = null;

/** The shipped table, loaded once on first use. */
export function loadOui(): Promise<OuiLookup> {
  loading ??= import('../../resources/oui/oui.json', { with: { type: 'json' } }).then((m) => createOuiLookup(m.default as OuiTableFile));
  return loading;
}

/** Convenience: the vendor of one MAC (loads the table on first use). */
export async function macVendor(mac: string): Promise<string | undefined> {
  return (await loadOui()).vendorOf(mac);
}
