/**
 * Layer 2 of a site, as the devices themselves say it: LLDP/CDP neighbours, forwarding tables
 * (FDB), VLANs, router ARP tables, and "where is this MAC/IP plugged in". One snapshot per device
 * (the latest read, main/l2/), read during discovery for switches and routers and refreshed by the
 * poller at a slow interval. Every table is best effort: what an agent got wrong is kept as a
 * note beside the rows, never a failure. See docs/l2.md.
 */
import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/** 'aa:bb:cc:dd:ee:ff', lower case. */
export const Mac = z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'A MAC address is aa:bb:cc:dd:ee:ff');

/** A port of the device that holds the table: the interface and its name, as far as the agent said. */
export const L2Port = z.object({
  /** IF-MIB ifIndex; null when the table named a port without one (a bridge port missing from dot1dBasePortIfIndex). */
  ifIndex: z.number().int().nullable(),
  /** ifName, else ifDescr, else the LLDP local port id/description, else 'port <n>'. */
  name: z.string(),
  /** BRIDGE-MIB dot1dBasePort, when the row came from a bridge table. */
  bridgePort: z.number().int().nullable(),
});
export type L2Port = z.infer<typeof L2Port>;

/** Why a table is incomplete or odd. `table` names the MIB table ('lldpRemTable', 'dot1dTpFdbTable'). */
export const L2Note = z.object({
  code: z.enum([
    /** The table is not served (the agent has no such MIB). Informational. */
    'absent',
    /** Reading the table failed or timed out part way: what came before is kept. */
    'read-failed',
    /** The table passed the reader's row limit; the rest was not read. */
    'truncated',
    /** A bridge port with no dot1dBasePortIfIndex row, or an ifIndex with no ifTable row. */
    'port-unresolved',
    /** One MAC learned on many ports (a loop, a hub, a flapping host, or a broken table). */
    'mac-on-many-ports',
    /** An LLDP/CDP neighbour without a management address. */
    'neighbor-without-address',
    /** A row the reader could not decode (bad index, wrong type); skipped. */
    'bad-row',
    /** A per-VLAN read (Cisco community@vlan / context vlan-N) failed. */
    'vlan-context-failed',
  ]),
  table: z.string(),
  message: z.string(),
});
export type L2Note = z.infer<typeof L2Note>;

/** One interface of the device (IF-MIB), the names the other tables are resolved against. */
export const L2Interface = z.object({
  ifIndex: z.number().int(),
  name: z.string(),
  descr: z.string().nullable(),
  alias: z.string().nullable(),
  /** ifPhysAddress, when it is a MAC. */
  mac: Mac.nullable(),
  operUp: z.boolean().nullable(),
});
export type L2Interface = z.infer<typeof L2Interface>;

export const NeighborCapability = z.enum(['other', 'repeater', 'bridge', 'wlanAccessPoint', 'router', 'telephone', 'docsisCableDevice', 'station', 'cvlan', 'svlan', 'twoPortMacRelay', 'host', 'igmp', 'sourceRouteBridge']);

/** A neighbour seen on a local port (LLDP-MIB lldpRemTable, or CISCO-CDP-MIB cdpCacheTable). */
export const L2Neighbor = z.object({
  protocol: z.enum(['lldp', 'cdp']),
  localPort: L2Port,
  /** LLDP chassis id (a MAC shown as aa:bb:.., a name, an address), or CDP's device id. */
  chassisId: z.string().nullable(),
  /** LLDP: 'mac', 'networkAddress', 'interfaceName', 'local', 'chassisComponent', 'interfaceAlias', 'portComponent'; CDP: null. */
  chassisIdSubtype: z.string().nullable(),
  /** lldpRemSysName, or the CDP device id without a serial in parentheses. */
  sysName: z.string().nullable(),
  /** LLDP port id (subtype decoded), or cdpCacheDevicePort ('GigabitEthernet0/1'). */
  portId: z.string().nullable(),
  portIdSubtype: z.string().nullable(),
  /** lldpRemPortDesc. */
  portDescr: z.string().nullable(),
  /** lldpRemSysDesc, or cdpCachePlatform ('cisco WS-C2960X-48FPD-L'). */
  sysDescr: z.string().nullable(),
  /** CDP: cdpCacheVersion's first line (IOS version banner). */
  version: z.string().nullable(),
  /** Enabled capabilities (LLDP lldpRemSysCapEnabled, CDP cdpCacheCapabilities). */
  capabilities: z.array(NeighborCapability),
  /** Management addresses (lldpRemManAddrTable; cdpCacheAddress), IPv4/IPv6 text. */
  managementAddresses: z.array(z.string()),
  /** CDP: native VLAN of the neighbour's port (cdpCacheNativeVLAN). */
  nativeVlan: z.number().int().nullable(),
});
export type L2Neighbor = z.infer<typeof L2Neighbor>;

/** One forwarding-table row: a MAC learned on a port, in a VLAN when the table says. */
export const L2FdbEntry = z.object({
  mac: Mac,
  /** Q-BRIDGE: the VLAN id of the FDB (dot1qVlanFdbId mapped back; the FDB id when unmapped); Cisco per-VLAN read: that VLAN; plain BRIDGE-MIB: null. */
  vlan: z.number().int().nullable(),
  port: L2Port,
  /** dot1dTpFdbStatus / dot1qTpFdbStatus: learned (dynamic), mgmt (static), self (the switch's own MAC), other, invalid. */
  status: z.enum(['learned', 'mgmt', 'self', 'other', 'invalid']),
  source: z.enum(['q-bridge', 'bridge', 'bridge-vlan']),
});
export type L2FdbEntry = z.infer<typeof L2FdbEntry>;

/** A VLAN the device knows (Q-BRIDGE dot1qVlanStaticTable, or CISCO-VTP-MIB vtpVlanTable). */
export const L2Vlan = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  /** operational / suspended / ... (VTP vtpVlanState); Q-BRIDGE: 'active'. */
  status: z.string().nullable(),
  source: z.enum(['q-bridge', 'cisco-vtp']),
  /** Ports carrying it (egress: tagged or untagged), by name; empty when the device does not say. */
  ports: z.array(z.string()),
  /** Ports sending it untagged (access ports, a trunk's native VLAN). */
  untaggedPorts: z.array(z.string()),
});
export type L2Vlan = z.infer<typeof L2Vlan>;

/** VLANs of one port: PVID (native/access VLAN) and the VLANs it carries. */
export const L2PortVlans = z.object({
  port: L2Port,
  /** dot1qPvid, or vmVlan (CISCO-VLAN-MEMBERSHIP), or the trunk's native VLAN. */
  pvid: z.number().int().nullable(),
  /** Access (one untagged VLAN) or trunk (tagged VLANs), when known. */
  mode: z.enum(['access', 'trunk']).nullable(),
  /** VLANs sent tagged (trunk's allowed VLANs when the device says, else the tagged egress set). */
  tagged: z.array(z.number().int()),
  untagged: z.array(z.number().int()),
});
export type L2PortVlans = z.infer<typeof L2PortVlans>;

/** One ARP/neighbour-cache row of a router or L3 switch (IP-MIB ipNetToPhysicalTable, else ipNetToMediaTable). */
export const L2ArpEntry = z.object({
  ip: z.string(),
  family: z.enum(['ipv4', 'ipv6']),
  mac: Mac,
  ifIndex: z.number().int().nullable(),
  /** The interface's name (ifName/ifDescr), null when the index is unknown. */
  interface: z.string().nullable(),
  type: z.enum(['dynamic', 'static', 'local', 'other', 'invalid']),
  source: z.enum(['ipNetToPhysical', 'ipNetToMedia']),
});
export type L2ArpEntry = z.infer<typeof L2ArpEntry>;

/** How much the read cost and what it found per table. */
export const L2ReadStats = z.object({
  requests: z.number().int(),
  varbinds: z.number().int(),
  ms: z.number(),
});

/** Everything read from one device at one time. */
export const L2Snapshot = z.object({
  /** The address it was read from. */
  address: z.string(),
  readAt: Timestamp,
  /** sysName.0 and LLDP lldpLocChassisId (a MAC for most switches): how its neighbours name it. */
  sysName: z.string().nullable(),
  chassisId: z.string().nullable(),
  interfaces: z.array(L2Interface),
  neighbors: z.array(L2Neighbor),
  fdb: z.array(L2FdbEntry),
  vlans: z.array(L2Vlan),
  portVlans: z.array(L2PortVlans),
  arp: z.array(L2ArpEntry),
  notes: z.array(L2Note),
  stats: L2ReadStats,
});
export type L2Snapshot = z.infer<typeof L2Snapshot>;

/** The stored snapshot of a monitored device. */
export const DeviceL2 = z.object({
  deviceId: Id,
  deviceName: z.string(),
  snapshot: L2Snapshot,
});
export type DeviceL2 = z.infer<typeof DeviceL2>;

/** One device's table of a kind, with its notes (the notes of that table only). */
const perDevice = <T extends z.ZodType>(rows: T) =>
  z.object({ deviceId: Id, deviceName: z.string(), address: z.string(), readAt: Timestamp, rows: z.array(rows), notes: z.array(L2Note) });

const DeviceFilter = z.strictObject({
  /** One device; omitted: every device with a snapshot (the map reads them all at once). */
  deviceId: Id.optional(),
});

/** "Where is it plugged in": a switch port where the MAC was learned. */
export const WhereisCandidate = z.object({
  deviceId: Id,
  deviceName: z.string(),
  address: z.string(),
  port: L2Port,
  vlan: z.number().int().nullable(),
  /** MACs learned on that port (1 for a host's own access port). */
  macsOnPort: z.number().int(),
  /** Why the port is an uplink (an LLDP/CDP neighbour on it, or many MACs), null for an edge port. */
  uplink: z.string().nullable(),
  readAt: Timestamp,
});
export type WhereisCandidate = z.infer<typeof WhereisCandidate>;

export const WhereisResult = z.object({
  query: z.string(),
  /** The MAC looked for: the query, or what an ARP table maps the IP to. */
  mac: Mac.nullable(),
  /** IPs the ARP tables map that MAC to. */
  ips: z.array(z.string()),
  vendor: z.string().nullable(),
  /** The edge port (an access port with no neighbour and few MACs); null when it is only seen on uplinks or nowhere. */
  best: WhereisCandidate.nullable(),
  /** Every port where it was seen, edge ports first, then by MACs on the port. */
  candidates: z.array(WhereisCandidate),
  /** Which ARP table gave the MAC of an IP query (device name). */
  arpFrom: z.string().nullable(),
  notes: z.array(z.string()),
});
export type WhereisResult = z.infer<typeof WhereisResult>;

export const l2Procedures = {
  'l2.neighbors': {
    summary: 'LLDP/CDP neighbours per port of a device (or of every device with an L2 snapshot)',
    input: DeviceFilter.default({}),
    output: z.array(perDevice(L2Neighbor)),
  },
  'l2.fdb': {
    summary: 'Forwarding tables (MAC → port, VLAN) of a device or of every device',
    input: DeviceFilter.extend({ vlan: z.number().int().min(0).max(4095).optional() }).default({}),
    output: z.array(perDevice(L2FdbEntry)),
  },
  'l2.vlans': {
    summary: 'VLANs and per-port VLAN membership / PVID of a device or of every device',
    input: DeviceFilter.default({}),
    output: z.array(perDevice(L2Vlan).extend({ ports: z.array(L2PortVlans) })),
  },
  'l2.arp': {
    summary: 'ARP tables (IP → MAC) of routers and L3 switches',
    input: DeviceFilter.default({}),
    output: z.array(perDevice(L2ArpEntry)),
  },
  'l2.snapshots': {
    summary: 'The latest full L2 snapshot of every device that has one (the topology builds on these)',
    input: DeviceFilter.default({}),
    output: z.array(DeviceL2),
  },
  'l2.scanSnapshots': {
    summary: 'The L2 snapshots a discovery job read from the switches and routers it found (the site map of a scan)',
    input: z.strictObject({ jobId: Id }),
    output: z.array(z.object({ address: z.string(), snapshot: L2Snapshot })),
  },
  'l2.refresh': {
    summary: 'Read the L2 tables of a monitored device now (its SNMP credential) and store the snapshot',
    input: z.strictObject({ deviceId: Id }),
    output: DeviceL2,
  },
  'l2.whereis': {
    summary: 'Where a MAC or IP is plugged in: switch, port and VLAN over the monitored switches, the edge port chosen',
    input: z.strictObject({ query: z.string().trim().min(1, 'A MAC or IP address is required').max(64, 'A MAC or IP address is at most 64 characters') }),
    output: WhereisResult,
  },
} as const;
