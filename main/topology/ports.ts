/**
 * Port names as neighbours report them against the names a device gives its own ports:
 * 'Gi1/0/1' is 'GigabitEthernet1/0/1', 'Eth1/1' is 'Ethernet1/1'.
 */
import type { L2Interface, L2Neighbor } from '../api/l2.ts';

function split(name: string): { alpha: string; rest: string } {
  const t = name.toLowerCase().replace(/\s+/g, '');
  const m = /^([a-z-]*)(.*)$/.exec(t)!;
  return { alpha: m[1] ?? '', rest: m[2] ?? '' };
}

/** The same port written two ways: equal, or the same numbers after one name's prefix abbreviating the other's. */
export function samePort(a: string, b: string): boolean {
  if (a === b) return true;
  const x = split(a);
  const y = split(b);
  if (x.rest === '' || y.rest === '') return x.alpha === y.alpha && x.rest === y.rest;
  return x.rest === y.rest && (x.alpha.startsWith(y.alpha) || y.alpha.startsWith(x.alpha));
}

/** What a neighbour calls its own port: the port id unless that is a MAC (then the description). */
export function reportedPort(n: L2Neighbor): string | null {
  if (n.portIdSubtype === 'mac') return n.portDescr ?? n.portId;
  return n.portId ?? n.portDescr;
}

/** The interface name a device uses for a port its neighbour named (by name, description, alias or a local ifIndex), else the reported name. */
export function resolvePort(interfaces: readonly L2Interface[], n: L2Neighbor): string | null {
  const reported = reportedPort(n);
  if (interfaces.length === 0) return reported;
  const tries = [n.portId, n.portDescr].filter((t): t is string => t !== null && t !== '');
  for (const t of tries) {
    const hit = interfaces.find((i) => samePort(i.name, t) || (i.descr !== null && samePort(i.descr, t)));
    if (hit) return hit.name;
  }
  if (n.portIdSubtype === 'local' && n.portId !== null && /^\d+$/.test(n.portId)) {
    const hit = interfaces.find((i) => i.ifIndex === Number(n.portId));
    if (hit) return hit.name;
  }
  for (const t of tries) {
    const hit = interfaces.find((i) => i.alias !== null && i.alias === t);
    if (hit) return hit.name;
  }
  return reported;
}
