/**
 * Turns the port numbers tables use (ifIndex, dot1dBasePort) into `L2Port`s named as the device
 * names them, noting each bridge port that has no interface (once per port).
 */
import type { L2Interface, L2Note, L2Port } from '../api/l2.ts';

export interface PortResolver {
  /** The interface of `ifIndex` (its name, or `ifIndex <n>` when IF-MIB does not list it). */
  byIfIndex(ifIndex: number, bridgePort?: number | null): L2Port;
  /** The interface behind a bridge port (dot1dBasePortIfIndex); `port <n>` with a note when there is none. */
  byBridgePort(bridgePort: number, table: string): L2Port;
  /** The ifIndex of a bridge port, when dot1dBasePortIfIndex has it. */
  ifIndexOfBridgePort(bridgePort: number): number | null;
  readonly interfaces: ReadonlyMap<number, L2Interface>;
  /** Interfaces by name (ifName and ifDescr, lower case). */
  byName(name: string): L2Interface | undefined;
}

export function createPortResolver(interfaces: readonly L2Interface[], basePorts: ReadonlyMap<number, number>, notes: L2Note[]): PortResolver {
  const byIndex = new Map(interfaces.map((i) => [i.ifIndex, i]));
  const names = new Map<string, L2Interface>();
  for (const i of interfaces) for (const n of [i.descr, i.name]) if (n) names.set(n.toLowerCase(), i);
  const noted = new Set<number>();
  const unresolvedIfIndex = new Set<number>();
  const resolver: PortResolver = {
    interfaces: byIndex,
    byName: (name) => names.get(name.toLowerCase()),
    byIfIndex(ifIndex, bridgePort = null) {
      const i = byIndex.get(ifIndex);
      if (!i && byIndex.size > 0 && !unresolvedIfIndex.has(ifIndex)) {
        unresolvedIfIndex.add(ifIndex);
        notes.push({ code: 'port-unresolved', table: 'ifTable', message: `ifIndex ${ifIndex} is not in the interface table` });
      }
      return { ifIndex, name: i?.name ?? `ifIndex ${ifIndex}`, bridgePort };
    },
    ifIndexOfBridgePort: (bp) => basePorts.get(bp) ?? null,
    byBridgePort(bridgePort, table) {
      const ifIndex = basePorts.get(bridgePort);
      if (ifIndex !== undefined && ifIndex > 0) return resolver.byIfIndex(ifIndex, bridgePort);
      if (!noted.has(bridgePort)) {
        noted.add(bridgePort);
        notes.push({ code: 'port-unresolved', table, message: `bridge port ${bridgePort} has no interface (no dot1dBasePortIfIndex row)` });
      }
      return { ifIndex: null, name: `port ${bridgePort}`, bridgePort };
    },
  };
  return resolver;
}
