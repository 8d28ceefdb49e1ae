/**
 * "Where is it plugged in": a MAC (or an IP, through the stored ARP tables) → the switch ports
 * whose forwarding tables learned it. A port with an LLDP/CDP neighbour, or with many MACs, is an
 * uplink; the answer is the edge port with the fewest MACs (Netdisco's rule). Seen on uplinks
 * only, there is no best answer, only where it was seen.
 */
import type { L2Neighbor, L2Snapshot, WhereisCandidate, WhereisResult } from '../api/l2.ts';
import { ValidationError } from '../errors.ts';
import { normalizeMac } from '../discovery/mac.ts';
import { formatAddress, parseIp } from '../net/address.ts';
import type { L2Store } from './snapshot-store.ts';

/** More MACs than this on one port make it an uplink (a switch or an AP behind it). */
export const UPLINK_MACS = 8;

export interface WhereisDeps {
  store: Pick<L2Store, 'fdbByMac' | 'arpByIp' | 'arpByMac' | 'macsPerPort' | 'get'>;
  /** The device's name, or undefined when it is gone. */
  deviceName(deviceId: string): string | undefined;
  vendorOf?: (mac: string) => string | undefined;
}

const END_DEVICE = /\bAIR-|\baccess point\b|\bphone\b|\bSEP[0-9A-F]{12}\b|^AP\d|\bCIVS-IPC\b/i;

/**
 * A neighbour that forwards for others (a switch, router, repeater) makes its port an uplink. An
 * access point or a phone does not (as Netdisco has it): the hosts behind it are on that port.
 * A neighbour that states no capabilities (a server's LLDP agent) does not either.
 */
export function isInfrastructureNeighbor(n: L2Neighbor): boolean {
  if (n.capabilities.includes('wlanAccessPoint') || n.capabilities.includes('telephone')) return false;
  if ([n.sysDescr, n.sysName, n.chassisId].some((t) => t !== null && END_DEVICE.test(t))) return false;
  return n.capabilities.some((c) => c === 'bridge' || c === 'router' || c === 'repeater' || c === 'twoPortMacRelay' || c === 'sourceRouteBridge');
}

/** Why a port is an uplink, or null for an edge port. */
export function uplinkReason(snapshot: L2Snapshot, port: { name: string; ifIndex: number | null }, macsOnPort: number): string | null {
  const n = snapshot.neighbors.find((x) => isInfrastructureNeighbor(x) && (x.localPort.name === port.name || (port.ifIndex !== null && x.localPort.ifIndex === port.ifIndex)));
  if (n) return `${n.protocol.toUpperCase()} neighbour ${n.sysName ?? n.chassisId ?? '?'}${n.portId ? ` ${n.portId}` : ''}`;
  if (macsOnPort > UPLINK_MACS) return `${macsOnPort} MACs learned on it`;
  return null;
}

export function whereis(query: string, deps: WhereisDeps): WhereisResult {
  const notes: string[] = [];
  let mac = normalizeMac(query);
  let arpFrom: string | null = null;
  if (!mac) {
    const ip = parseIp(query.trim());
    if (!ip) throw new ValidationError(`"${query}" is neither a MAC address (aa:bb:cc:dd:ee:ff) nor an IP address`);
    const text = formatAddress(ip.family, ip.value);
    const hits = deps.store.arpByIp(text);
    const macs = [...new Set(hits.map((h) => h.mac))];
    if (macs.length === 0) {
      notes.push(`no ARP table of a monitored router has ${text}`);
      return { query, mac: null, ips: [text], vendor: null, best: null, candidates: [], arpFrom: null, notes };
    }
    if (macs.length > 1) notes.push(`${text} maps to ${macs.length} MACs in different ARP tables (${macs.join(', ')}); using the first`);
    mac = macs[0] as string;
    arpFrom = deps.deviceName(hits.find((h) => h.mac === mac)?.deviceId ?? '') ?? null;
  }
  const perPort = new Map<string, Map<string, number>>();
  const candidates: WhereisCandidate[] = [];
  for (const hit of deps.store.fdbByMac(mac)) {
    if (hit.status === 'self') {
      const name = deps.deviceName(hit.deviceId);
      if (name) notes.push(`${mac} is ${name}'s own address`);
      continue;
    }
    const deviceName = deps.deviceName(hit.deviceId);
    const stored = deps.store.get(hit.deviceId);
    if (!deviceName || !stored) continue;
    let counts = perPort.get(hit.deviceId);
    if (!counts) perPort.set(hit.deviceId, (counts = deps.store.macsPerPort(hit.deviceId)));
    const macsOnPort = counts.get(hit.portName) ?? 1;
    const port = { ifIndex: hit.ifIndex, name: hit.portName, bridgePort: hit.bridgePort };
    candidates.push({ deviceId: hit.deviceId, deviceName, address: stored.snapshot.address, port, vlan: hit.vlan, macsOnPort, uplink: uplinkReason(stored.snapshot, port, macsOnPort), readAt: stored.snapshot.readAt });
  }
  candidates.sort((a, b) => Number(a.uplink !== null) - Number(b.uplink !== null) || a.macsOnPort - b.macsOnPort || b.readAt - a.readAt || a.deviceName.localeCompare(b.deviceName));
  const edges = candidates.filter((c) => c.uplink === null);
  if (candidates.length === 0) notes.push(`no forwarding table of a monitored switch has ${mac}`);
  else if (edges.length === 0) notes.push(`${mac} is seen on uplinks only: the switch it is plugged into is not monitored (or has no forwarding table)`);
  else if (new Set(edges.map((c) => c.deviceId)).size > 1) notes.push(`${mac} is on edge ports of ${new Set(edges.map((c) => c.deviceId)).size} switches (a neighbour without LLDP/CDP between them?)`);
  const ips = [...new Set(deps.store.arpByMac(mac).map((h) => h.ip))];
  return { query, mac, ips, vendor: deps.vendorOf?.(mac) ?? null, best: edges[0] ?? null, candidates, arpFrom, notes };
}
