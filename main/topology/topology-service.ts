/**
 * The topology area: builds the graph from the stored L2 snapshots and the devices (as listed, with
 * their status), lays it out, applies the saved positions, and renders the exports. Wired in
 * handlers.ts over the L2 store.
 */
import type { DeviceType } from '../api/discovery.ts';
import type { MonitoredDevice } from '../api/devices.ts';
import type { L2Snapshot } from '../api/l2.ts';
import type { MapFormat, Topology } from '../api/topology.ts';
import type { Clock } from '../lib/clock.ts';
import type { StoredSnapshot } from '../l2/snapshot-store.ts';
import type { Db } from '../store/database.ts';
import { ValidationError } from '../errors.ts';
import { buildTopology } from './build-topology.ts';
import { renderMapDot } from './export-dot.ts';
import { renderMapDrawio } from './export-drawio.ts';
import { renderMapSvg } from './export-svg.ts';
import { layoutTopology } from './layout.ts';
import { createPositionsStore, type PositionsStore } from './positions-store.ts';

export interface TopologyServiceDeps {
  db: Db;
  clock: Clock;
  /** Every device as listed (status included). */
  devices: () => readonly MonitoredDevice[];
  snapshots: () => readonly StoredSnapshot[];
  /** A discovery job's hosts and the L2 snapshots it read (throws NotFoundError for an unknown job). */
  scan?: (jobId: string) => { hosts: readonly ScanHost[]; snapshots: readonly { address: string; snapshot: L2Snapshot }[] };
}

export interface ScanHost {
  address: string;
  name: string;
  type: DeviceType;
  sysName: string | null;
  mac: string | null;
}

/** The node key of a scanned host (its address: a later scan of the site finds its saved position again). */
export const scanKey = (address: string) => `scan:${address}`;

export interface MapFile {
  format: MapFormat;
  fileName: string;
  mime: string;
  text: string;
}

const FILES: Record<MapFormat, { ext: string; mime: string }> = {
  svg: { ext: 'svg', mime: 'image/svg+xml' },
  dot: { ext: 'dot', mime: 'text/vnd.graphviz' },
  drawio: { ext: 'drawio', mime: 'application/vnd.jgraph.mxfile' },
};

export interface TopologyService {
  get(options?: { unknownHosts?: boolean; jobId?: string | undefined }): Topology;
  export(format: MapFormat, theme?: 'light' | 'dark', jobId?: string): MapFile;
  /** The map of these devices (and the neighbours and hosts linked to them) as SVG for a report; null when they have no links. */
  siteMapSvg(deviceIds: ReadonlySet<string>): string | null;
  positions: PositionsStore;
}

export function createTopologyService(d: TopologyServiceDeps): TopologyService {
  const positions = createPositionsStore(d.db, d.clock);
  const get = (options: { unknownHosts?: boolean; jobId?: string | undefined } = {}): Topology => {
    const { jobId, ...build } = options;
    let built;
    if (jobId !== undefined) {
      if (!d.scan) throw new ValidationError('Scan maps are not available here');
      const scan = d.scan(jobId);
      built = buildTopology(
        scan.hosts.map((h) => ({ id: scanKey(h.address), name: h.name, type: h.type, address: h.address, sysName: h.sysName, status: null, mac: h.mac })),
        scan.snapshots.map((s) => ({ deviceId: scanKey(s.address), snapshot: s.snapshot })),
        build,
      );
      // Found, not monitored: no device to open.
      built.nodes = built.nodes.map((n) => (n.key.startsWith('scan:') ? { ...n, deviceId: null } : n));
    } else {
      const devices = d.devices();
      built = buildTopology(
        devices.map((x) => ({ id: x.id, name: x.name, type: x.type, address: x.address, sysName: x.sysName, status: x.status })),
        d.snapshots(),
        build,
      );
    }
    const auto = layoutTopology(built.nodes, built.links);
    const saved = positions.all();
    const nodes = built.nodes.map((n) => {
      const s = saved.get(n.key);
      const p = s ?? auto.get(n.key) ?? { x: 0, y: 0 };
      return { ...n, x: p.x, y: p.y, pinned: s !== undefined };
    });
    return { nodes, links: built.links, notes: built.notes, unplaced: built.unplaced, builtAt: d.clock.now() };
  };
  return {
    positions,
    get,
    siteMapSvg(deviceIds) {
      const t = get();
      const links = t.links.filter((l) => deviceIds.has(l.a.node) || deviceIds.has(l.b.node));
      if (links.length === 0) return null;
      const keep = new Set(links.flatMap((l) => [l.a.node, l.b.node]));
      return renderMapSvg({ nodes: t.nodes.filter((n) => keep.has(n.key)), links }, { title: 'Site map' });
    },
    export(format, theme = 'light', jobId) {
      const t = get({ jobId });
      const day = new Date(d.clock.now()).toISOString().slice(0, 10);
      const text = format === 'svg' ? renderMapSvg(t, { theme }) : format === 'dot' ? renderMapDot(t) : renderMapDrawio(t, 'Site map', new Date(d.clock.now()));
      return { format, fileName: `wardflux-map-${day}.${FILES[format].ext}`, mime: FILES[format].mime, text };
    },
  };
}
