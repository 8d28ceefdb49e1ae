/**
 * The site's graph from the stored L2 snapshots, pure (no I/O):
 * - nodes: every device with a snapshot, every device or neighbour a link reaches (a neighbour
 *   nobody monitors is named by its LLDP/CDP system name, else its chassis id);
 * - links from LLDP/CDP with both ends' ports, one link when both sides report it;
 * - where no neighbour protocol speaks, links inferred from forwarding tables: a device's MAC
 *   (its interfaces, or what a router's ARP table maps its address to) learned on exactly one
 *   edge port gives device – switch:port; a switch whose own MAC is learned on a port of another,
 *   with no third switch seen through both ends, gives switch – switch. Uplinks (a port with a
 *   neighbour, or more than UPLINK_MACS MACs) never make a host link.
 * Every step is linear in the rows (maps, no pairwise scans); `work` counts the rows touched so a
 * test can check that.
 */
import type { DeviceType } from '../api/discovery.ts';
import type { DeviceStatus } from '../api/devices.ts';
import type { L2Neighbor, L2Snapshot } from '../api/l2.ts';
import type { TopologyLink, TopologyNode } from '../api/topology.ts';
import { isUsableMac, normalizeMac } from '../discovery/mac.ts';
import { UPLINK_MACS } from '../l2/whereis.ts';
import { reportedPort, resolvePort, samePort } from './ports.ts';

export interface TopologyDevice {
  id: string;
  name: string;
  type: DeviceType;
  address: string;
  sysName: string | null;
  status: DeviceStatus | null;
  /** Its MAC when known otherwise (a scan's ARP/neighbour table): claims its FDB rows and LLDP chassis id. */
  mac?: string | null;
}

export interface TopologySource {
  deviceId: string;
  snapshot: L2Snapshot;
}

export interface BuildOptions {
  /** A node for every MAC alone on an edge port that no device names. */
  unknownHosts?: boolean;
}

export type BuiltNode = Omit<TopologyNode, 'x' | 'y' | 'pinned'>;

export interface BuiltTopology {
  nodes: BuiltNode[];
  links: TopologyLink[];
  notes: string[];
  unplaced: number;
  /** Rows and candidates touched (a measure of the work, for the complexity test). */
  work: number;
}

interface Report {
  from: string;
  local: string;
  to: string;
  remote: string | null;
  protocol: 'lldp' | 'cdp';
  vlan: number | null;
}

const lower = (s: string) => s.trim().toLowerCase();
/** A DNS name's first label ('core-sw1' of 'core-sw1.example.net'); other names (with spaces, or '… SW 121.137') are only matched whole. */
const shortName = (s: string) => {
  const t = lower(s);
  const dot = t.indexOf('.');
  return dot > 0 && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(t) && /[a-z]/.test(t.slice(dot)) ? t.slice(0, dot) : t;
};

/** A neighbour's type from what it says of itself. */
function neighborType(n: L2Neighbor): DeviceType {
  const c = new Set(n.capabilities);
  if (c.has('wlanAccessPoint')) return 'wireless-ap';
  if (c.has('telephone')) return 'ip-phone';
  if (c.has('router') && c.has('bridge')) return 'l3-switch';
  if (c.has('router')) return 'router';
  if (c.has('bridge')) return 'switch';
  if (c.has('station') || c.has('host')) return 'server';
  return 'unknown';
}

export function buildTopology(devices: readonly TopologyDevice[], sources: readonly TopologySource[], options: BuildOptions = {}): BuiltTopology {
  let work = 0;
  const notes: string[] = [];
  const nodes = new Map<string, BuiltNode>();
  const byId = new Map(devices.map((d) => [d.id, d]));
  const snaps = new Map<string, L2Snapshot>();
  for (const s of sources) if (byId.has(s.deviceId)) snaps.set(s.deviceId, s.snapshot);

  // Identities: how others may name a node (MACs, chassis ids, addresses, names) → node key.
  const ident = new Map<string, string>();
  const claim = (id: string, key: string) => {
    if (!ident.has(id)) ident.set(id, key);
  };
  const claimName = (name: string | null | undefined, key: string) => {
    if (!name) return;
    claim(`name:${lower(name)}`, key);
    claim(`name:${shortName(name)}`, key);
  };
  const ownMacs = new Map<string, Set<string>>();
  for (const [id, s] of snaps) {
    const macs = new Set<string>();
    const chassisMac = s.chassisId ? normalizeMac(s.chassisId) : null;
    if (chassisMac) macs.add(chassisMac);
    else if (s.chassisId) claim(`chassis:${lower(s.chassisId)}`, id);
    for (const i of s.interfaces) if (i.mac && isUsableMac(i.mac)) macs.add(i.mac);
    for (const f of s.fdb) if (f.status === 'self') macs.add(f.mac);
    work += s.interfaces.length;
    for (const m of macs) claim(`mac:${m}`, id);
    ownMacs.set(id, macs);
    claim(`addr:${s.address}`, id);
    claimName(s.sysName, id);
  }
  for (const d of devices) {
    if (d.mac) claim(`mac:${d.mac}`, d.id);
    claim(`addr:${d.address}`, d.id);
    claimName(d.name, d.id);
    claimName(d.sysName, d.id);
  }
  const addDevice = (id: string): string => {
    if (!nodes.has(id)) {
      const d = byId.get(id)!;
      nodes.set(id, { key: id, deviceId: id, name: d.name, type: d.type, kind: 'device', address: d.address, mac: [...(ownMacs.get(id) ?? [])][0] ?? d.mac ?? null, status: d.status });
    }
    return id;
  };
  for (const id of snaps.keys()) addDevice(id);

  const resolve = (n: L2Neighbor): string | undefined => {
    const ids: string[] = [];
    const mac = n.chassisId ? normalizeMac(n.chassisId) : null;
    if (mac) ids.push(`mac:${mac}`);
    else if (n.chassisId) ids.push(`chassis:${lower(n.chassisId)}`, `name:${lower(n.chassisId)}`, `name:${shortName(n.chassisId)}`);
    for (const a of n.managementAddresses) ids.push(`addr:${a}`);
    if (n.sysName) ids.push(`name:${lower(n.sysName)}`, `name:${shortName(n.sysName)}`);
    for (const i of ids) {
      const key = ident.get(i);
      // Two neighbours with different chassis MACs are two boxes, even when they share an address or a name (a stale entry, a copied config).
      if (key && mac && key.startsWith('nb:') && nodes.get(key)?.mac !== null && nodes.get(key)?.mac !== mac) {
        notes.push(`${n.sysName ?? mac} (${mac}) and ${nodes.get(key)?.name} (${nodes.get(key)?.mac}) share ${i.slice(i.indexOf(':') + 1)}; kept apart`);
        continue;
      }
      if (key) return key;
    }
    return undefined;
  };
  const addNeighbor = (n: L2Neighbor, seenFrom: string, port: string): string => {
    const mac = n.chassisId ? normalizeMac(n.chassisId) : null;
    const label = n.sysName ?? n.chassisId ?? `neighbour of ${byId.get(seenFrom)?.name ?? seenFrom} ${port}`;
    const key = `nb:${mac ?? lower(n.sysName ?? n.chassisId ?? `${seenFrom}:${port}`)}`;
    if (!nodes.has(key)) {
      nodes.set(key, { key, deviceId: null, name: label, type: neighborType(n), kind: 'neighbor', address: n.managementAddresses[0] ?? null, mac, status: null });
      if (mac) claim(`mac:${mac}`, key);
      else if (n.chassisId) claim(`chassis:${lower(n.chassisId)}`, key);
      for (const a of n.managementAddresses) claim(`addr:${a}`, key);
      claimName(n.sysName, key);
    }
    return key;
  };

  // 1. Neighbour reports.
  const reports: Report[] = [];
  const neighborPorts = new Set<string>();
  for (const [id, s] of snaps) {
    for (const n of s.neighbors) {
      work++;
      const local = n.localPort.name;
      neighborPorts.add(`${id}\0${local}`);
      let to = resolve(n);
      if (to === id) continue; // a device hearing itself (a loop, or a shared chassis id)
      to ??= addNeighbor(n, id, local);
      if (byId.has(to)) addDevice(to);
      const remoteSnap = snaps.get(to);
      reports.push({ from: id, local, to, remote: remoteSnap ? resolvePort(remoteSnap.interfaces, n) : reportedPort(n), protocol: n.protocol, vlan: n.nativeVlan });
    }
  }

  // 2. One link per cable: both sides' reports of a pair matched by their ports.
  const links: TopologyLink[] = [];
  const linked = new Set<string>();
  const pairKey = (x: string, y: string) => (x < y ? `${x}\0${y}` : `${y}\0${x}`);
  const groups = new Map<string, { x: Report[]; y: Report[] }>();
  for (const r of reports) {
    const k = pairKey(r.from, r.to);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { x: [], y: [] }));
    const side = r.from < r.to ? g.x : g.y;
    // LLDP and CDP both reporting the same port: keep one (LLDP came first in the snapshot order? keep the first).
    if (!side.some((o) => samePort(o.local, r.local))) side.push(r);
    else if (r.protocol === 'lldp') side.splice(side.findIndex((o) => samePort(o.local, r.local)), 1, r);
  }
  const portLinked = new Set<string>();
  const push = (a: { node: string; port: string | null }, b: { node: string; port: string | null }, source: TopologyLink['source'], reportedBy: TopologyLink['reportedBy'], vlan: number | null) => {
    links.push({ id: `${source}:${a.node}:${a.port ?? ''}:${b.node}:${b.port ?? ''}`, a, b, source, reportedBy, vlan });
    linked.add(pairKey(a.node, b.node));
    if (a.port !== null) portLinked.add(`${a.node}\0${a.port}`);
    if (b.port !== null) portLinked.add(`${b.node}\0${b.port}`);
  };
  for (const { x, y } of groups.values()) {
    const yLeft = new Set(y);
    const xLeft: Report[] = [];
    for (const r of x) {
      work += y.length;
      const match =
        [...yLeft].find((o) => r.remote !== null && o.remote !== null && samePort(o.local, r.remote) && samePort(o.remote, r.local)) ??
        [...yLeft].find((o) => (r.remote !== null && samePort(o.local, r.remote)) || (o.remote !== null && samePort(o.remote, r.local)));
      if (match) {
        yLeft.delete(match);
        push({ node: r.from, port: r.local }, { node: match.from, port: match.local }, r.protocol, 'both', r.vlan ?? match.vlan);
      } else xLeft.push(r);
    }
    // One report left on each side: the same cable named in ways that do not compare (a port id that is a number).
    if (xLeft.length === 1 && yLeft.size === 1) {
      const r = xLeft[0]!;
      const o = [...yLeft][0]!;
      push({ node: r.from, port: r.local }, { node: o.from, port: o.local }, r.protocol, 'both', r.vlan ?? o.vlan);
      continue;
    }
    for (const r of xLeft) push({ node: r.from, port: r.local }, { node: r.to, port: r.remote }, r.protocol, 'a', r.vlan);
    for (const o of yLeft) push({ node: o.to, port: o.remote }, { node: o.from, port: o.local }, o.protocol, 'b', o.vlan);
  }

  // 3. Forwarding tables: where each MAC was learned, and how crowded each port is.
  interface Sighting {
    sw: string;
    port: string;
    vlan: number | null;
  }
  const sightings = new Map<string, Sighting[]>();
  const macsOnPort = new Map<string, number>();
  for (const [id, s] of snaps) {
    const seen = new Set<string>();
    for (const f of s.fdb) {
      work++;
      if (f.status === 'self' || f.status === 'invalid' || !isUsableMac(f.mac)) continue;
      const pk = `${id}\0${f.port.name}`;
      const dedupe = `${pk}\0${f.mac}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      macsOnPort.set(pk, (macsOnPort.get(pk) ?? 0) + 1);
      let list = sightings.get(f.mac);
      if (!list) sightings.set(f.mac, (list = []));
      list.push({ sw: id, port: f.port.name, vlan: f.vlan });
    }
  }
  const isEdge = (sw: string, port: string) => {
    const pk = `${sw}\0${port}`;
    return !neighborPorts.has(pk) && !portLinked.has(pk) && (macsOnPort.get(pk) ?? 0) <= UPLINK_MACS;
  };

  // Owners of MACs: switches by their own MACs; other devices through ARP tables (address → MAC).
  const macOwner = new Map<string, string>();
  for (const [id, macs] of ownMacs) for (const m of macs) if (!macOwner.has(m)) macOwner.set(m, id);
  for (const d of devices) if (d.mac && !macOwner.has(d.mac)) macOwner.set(d.mac, d.id);
  for (const [, s] of snaps) {
    for (const a of s.arp) {
      work++;
      const owner = ident.get(`addr:${a.ip}`);
      if (owner && byId.has(owner) && !macOwner.has(a.mac) && a.type !== 'local') macOwner.set(a.mac, owner);
    }
  }

  // 3a. Hosts: a MAC on exactly one edge port.
  const hostLinks = new Set<string>();
  const ambiguous = new Set<string>();
  for (const [mac, list] of sightings) {
    work += list.length;
    let owner = macOwner.get(mac);
    if (owner !== undefined && snaps.has(owner)) continue; // a switch: 3b
    const edges = list.filter((h) => h.sw !== owner && isEdge(h.sw, h.port));
    if (edges.length !== 1) {
      if (owner !== undefined && new Set(edges.map((e) => e.sw)).size > 1 && !ambiguous.has(owner)) {
        ambiguous.add(owner);
        notes.push(`${byId.get(owner)?.name ?? mac} (${mac}) is on edge ports of ${new Set(edges.map((e) => e.sw)).size} switches; not linked`);
      }
      continue;
    }
    const e = edges[0]!;
    if (owner === undefined) {
      if (!options.unknownHosts || (macsOnPort.get(`${e.sw}\0${e.port}`) ?? 0) !== 1) continue;
      owner = `host:${mac}`;
      if (!nodes.has(owner)) nodes.set(owner, { key: owner, deviceId: null, name: mac, type: 'unknown', kind: 'host', address: null, mac, status: null });
    } else addDevice(owner);
    if (linked.has(pairKey(e.sw, owner))) continue;
    const k = `${e.sw}\0${e.port}\0${owner}`;
    if (hostLinks.has(k)) continue;
    hostLinks.add(k);
    push({ node: e.sw, port: e.port }, { node: owner, port: null }, 'fdb', 'a', e.vlan);
  }

  // 3b. Switch to switch without a neighbour protocol: through(A:P) = the switches whose own MACs A learned on P.
  const through = new Map<string, Set<string>>();
  const portToward = new Map<string, Map<string, string>>(); // A → (B → A's port toward B)
  for (const [mac, list] of sightings) {
    const owner = macOwner.get(mac);
    if (owner === undefined || !snaps.has(owner)) continue;
    for (const h of list) {
      work++;
      if (h.sw === owner || neighborPorts.has(`${h.sw}\0${h.port}`)) continue;
      const pk = `${h.sw}\0${h.port}`;
      let set = through.get(pk);
      if (!set) through.set(pk, (set = new Set()));
      set.add(owner);
      let toward = portToward.get(h.sw);
      if (!toward) portToward.set(h.sw, (toward = new Map()));
      if (!toward.has(owner)) toward.set(owner, h.port);
    }
  }
  for (const [pk, seen] of through) {
    const [a, p] = pk.split('\0') as [string, string];
    for (const b of seen) {
      work++;
      if (linked.has(pairKey(a, b))) continue;
      const q = portToward.get(b)?.get(a);
      if (q !== undefined) {
        const back = through.get(`${b}\0${q}`) ?? new Set<string>();
        let shared = false;
        for (const c of seen.size < back.size ? seen : back) {
          work++;
          if (c !== a && c !== b && (seen.size < back.size ? back : seen).has(c)) {
            shared = true;
            break;
          }
        }
        if (!shared) push({ node: a, port: p }, { node: b, port: q }, 'fdb', 'both', null);
      } else if (seen.size === 1) push({ node: a, port: p }, { node: b, port: null }, 'fdb', 'a', null);
    }
  }

  const unplaced = devices.filter((d) => !nodes.has(d.id)).length;
  return { nodes: [...nodes.values()], links, notes, unplaced, work };
}
