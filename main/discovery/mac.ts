/** MAC address helpers shared by the neighbour table and the OUI lookup. No dependencies. */

/** '0:1B:54:a:b:c', '00-1B-54-AA-BB-CC', '001b.54aa.bbcc', '001B54AABBCC' → '00:1b:54:0a:0b:0c'; null if not a MAC. */
export function normalizeMac(text: string): string | null {
  const t = text.trim().toLowerCase();
  let parts: string[];
  if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(t)) parts = t.replace(/\./g, '').match(/../g)!;
  else if (/^[0-9a-f]{12}$/.test(t)) parts = t.match(/../g)!;
  else {
    parts = t.split(/[:-]/);
    if (parts.length !== 6 || parts.some((p) => !/^[0-9a-f]{1,2}$/.test(p))) return null;
  }
  return parts.map((p) => p.padStart(2, '0')).join(':');
}

/** A MAC that names a real interface: not all zeros, not broadcast, not a multicast group. */
export function isUsableMac(mac: string): boolean {
  if (mac === '00:00:00:00:00:00') return false;
  const first = parseInt(mac.slice(0, 2), 16);
  return (first & 1) === 0; // the I/G bit: set for multicast and broadcast
}

/**
 * Locally administered (the U/L bit, 0x02 of the first octet): virtual machines, containers,
 * randomised phone and laptop MACs. The OUI says nothing about such an address.
 */
export function isLocallyAdministered(mac: string): boolean {
  const m = normalizeMac(mac);
  return m !== null && (parseInt(m.slice(0, 2), 16) & 0x02) !== 0;
}
