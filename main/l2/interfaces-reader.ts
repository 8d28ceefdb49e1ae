/** IF-MIB interface names: the ports every other L2 table is resolved against. */
import type { L2Interface } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { bytesOf, intOf, macOfBytes, textOf } from './decode.ts';
import { IF } from './oids.ts';

export const INTERFACE_ROOTS = [IF.ifName, IF.ifDescr, IF.ifAlias, IF.ifPhysAddress, IF.ifOperStatus] as const;

/** Values of one column by ifIndex (the last arc). */
function byIndex(root: string, vbs: readonly VarBind[]): Map<number, VarBind> {
  const m = new Map<number, VarBind>();
  for (const vb of vbs) {
    if (!vb.oid.startsWith(`${root}.`)) continue;
    const idx = Number(vb.oid.slice(root.length + 1));
    if (Number.isInteger(idx) && idx > 0) m.set(idx, vb);
  }
  return m;
}

/** Interfaces from walks of ifName, ifDescr, ifAlias, ifPhysAddress, ifOperStatus (any may be empty). */
export function readInterfaces(walked: (root: string) => readonly VarBind[]): L2Interface[] {
  const cols = Object.fromEntries(INTERFACE_ROOTS.map((r) => [r, byIndex(r, walked(r))])) as Record<(typeof INTERFACE_ROOTS)[number], Map<number, VarBind>>;
  const indexes = new Set<number>();
  for (const c of Object.values(cols)) for (const k of c.keys()) indexes.add(k);
  return [...indexes]
    .sort((a, b) => a - b)
    .map((ifIndex) => {
      const descr = textOf(cols[IF.ifDescr].get(ifIndex));
      const name = textOf(cols[IF.ifName].get(ifIndex)) ?? descr ?? `ifIndex ${ifIndex}`;
      const phys = bytesOf(cols[IF.ifPhysAddress].get(ifIndex));
      const oper = intOf(cols[IF.ifOperStatus].get(ifIndex));
      return { ifIndex, name, descr, alias: textOf(cols[IF.ifAlias].get(ifIndex)), mac: phys ? macOfBytes(phys) : null, operUp: oper === null ? null : oper === 1 };
    });
}
