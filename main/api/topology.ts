/**
 * The site's topology, built from the stored L2 snapshots (main/topology/): devices and the
 * neighbours they name as nodes, links from LLDP/CDP (both ends' ports, one link when both sides
 * report it) and from forwarding tables where no neighbour protocol speaks. Each node has a
 * position: the automatic layout's, or the one a user dragged it to (saved). See docs/topology.md.
 */
import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { DeviceType } from './discovery.ts';
import { DeviceStatus } from './devices.ts';

/** A node's stable key: a device id, `nb:<chassis or name>` for an unmonitored neighbour, `host:<mac>` for a host known by its MAC only. */
export const NodeKey = z.string().min(1).max(200);

export const TopologyNode = z.object({
  key: NodeKey,
  /** The monitored device, null for a neighbour or host that is not one. */
  deviceId: Id.nullable(),
  name: z.string(),
  type: DeviceType,
  /** device: monitored; neighbor: named by a neighbour protocol only; host: a MAC in a forwarding table. */
  kind: z.enum(['device', 'neighbor', 'host']),
  address: z.string().nullable(),
  mac: z.string().nullable(),
  /** The device's status (monitored devices); null for others. */
  status: DeviceStatus.nullable(),
  x: z.number(),
  y: z.number(),
  /** The position was saved by a user (not the automatic layout's). */
  pinned: z.boolean(),
});
export type TopologyNode = z.infer<typeof TopologyNode>;

export const LinkEnd = z.object({
  node: NodeKey,
  /** The port's name as that device names it; null when unknown (the far end of an FDB inference). */
  port: z.string().nullable(),
});
export type LinkEnd = z.infer<typeof LinkEnd>;

export const TopologyLink = z.object({
  id: z.string(),
  a: LinkEnd,
  b: LinkEnd,
  /** lldp/cdp: a neighbour protocol said so (`both`: both ends reported it); fdb: inferred from forwarding tables. */
  source: z.enum(['lldp', 'cdp', 'fdb']),
  reportedBy: z.enum(['a', 'b', 'both']),
  /** The access VLAN of the edge port (FDB links), or the CDP native VLAN. */
  vlan: z.number().int().nullable(),
});
export type TopologyLink = z.infer<typeof TopologyLink>;

export const Topology = z.object({
  nodes: z.array(TopologyNode),
  links: z.array(TopologyLink),
  /** Oddities met while building (a MAC on edge ports of two switches, a neighbour named twice). */
  notes: z.array(z.string()),
  /** Devices with neither a snapshot nor a link (not drawn). */
  unplaced: z.number().int().nonnegative(),
  builtAt: Timestamp,
});
export type Topology = z.infer<typeof Topology>;

export const TopologyGetInput = z
  .strictObject({
    /** Add a node for every MAC alone on an edge port that no device or ARP row names (off: the map shows known devices). */
    unknownHosts: z.boolean().default(false),
    /** The map of a discovery scan instead: its hosts and the L2 tables it read, nothing need be monitored (nodes `scan:<address>`, no device id, no status). */
    jobId: Id.optional(),
  })
  .default({ unknownHosts: false });

export const SavedPosition = z.strictObject({ key: NodeKey, x: z.number().finite(), y: z.number().finite() });

export const MapFormat = z.enum(['svg', 'dot', 'drawio']);
export type MapFormat = z.infer<typeof MapFormat>;

export const topologyProcedures = {
  'topology.get': {
    summary: 'The site topology from the stored L2 snapshots: nodes with positions, links with both ports',
    input: TopologyGetInput,
    output: Topology,
  },
  'topology.savePositions': {
    summary: 'Save map positions a user dragged nodes to (null x/y is not accepted: use topology.resetPositions)',
    input: z.strictObject({ positions: z.array(SavedPosition).min(1).max(5000) }),
    output: z.object({ saved: z.number().int() }),
  },
  'topology.resetPositions': {
    summary: 'Forget saved map positions (of the given nodes, or all): they go back to the automatic layout',
    input: z.strictObject({ keys: z.array(NodeKey).max(5000).optional() }),
    output: z.object({ removed: z.number().int() }),
  },
  'topology.export': {
    summary: 'The map as SVG, Graphviz DOT or draw.io (mxGraph XML) text',
    input: z.strictObject({ format: MapFormat, theme: z.enum(['light', 'dark']).default('light'), jobId: Id.optional() }),
    output: z.object({ format: MapFormat, fileName: z.string(), mime: z.string(), text: z.string() }),
  },
} as const;
