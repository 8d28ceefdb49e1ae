/**
 * Reads the data snapshot a report kind needs from the store: devices in scope (site, ids,
 * tags), their availability checks, RTT and loss, alerts, interface traffic, the last discovery
 * diff. Device by device, yielding to the event loop between them so a big site does not freeze
 * the engine; `onProgress` reports how far it is.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { DiscoveryHost } from '../api/discovery.ts';
import type { ReportGenerateInput } from '../api/reports.ts';
import type { Devices, DeviceSummary } from '../devices/devices.ts';
import type { DiscoveryService } from '../discovery/jobs/discovery-service.ts';
import { FIVE_MINUTES, ONE_HOUR } from '../lib/samples/resolutions.ts';
import { createSampleReader, type SampleReader } from '../metrics/sample-store.ts';
import type { Db } from '../store/database.ts';
import type {
  AlertsSnapshot,
  AvailabilitySnapshot,
  DiffHost,
  DiscoveryDiffSnapshot,
  InterfaceData,
  InterfacesSnapshot,
  InventoryDevice,
  InventoryPort,
  InventorySnapshot,
  ReportSnapshot,
  SiteInfo,
} from './types.ts';
import { type DiscoveredIdentity, inventoryIdentity, mergeDiscovered } from './inventory-identity.ts';

export interface CollectDeps {
  db: Db;
  discovery: Pick<DiscoveryService, 'diff'>;
  /** The devices area (main/devices/): every device's plain facts, by name, and each one's best-known identity. */
  devices: Pick<Devices, 'summaries' | 'find'>;
  /** The map of these devices as SVG (main/topology/), null when they have no links. */
  siteMap?: (deviceIds: ReadonlySet<string>) => string | null;
}

export interface CollectRequest {
  input: Pick<ReportGenerateInput, 'kind' | 'from' | 'to' | 'deviceIds' | 'tags' | 'topN' | 'fromJobId' | 'toJobId'>;
  site: SiteInfo & { id: string; isDefault: boolean };
  generatedAt: number;
  onProgress?: (done: number, total: number) => void;
}

const YIELD_EVERY = 25;

/** Devices of the site (a device of no site is the default site's), by name, filtered by ids and tags. */
function devicesInScope(d: CollectDeps, req: CollectRequest): DeviceSummary[] {
  const rows = d.devices.summaries().filter((x) => x.siteId === req.site.id || (x.siteId === null && req.site.isDefault));
  const ids = req.input.deviceIds?.length ? new Set(req.input.deviceIds) : undefined;
  const tags = req.input.tags?.length ? new Set(req.input.tags.map((t) => t.toLowerCase())) : undefined;
  return rows.filter((x) => (!ids || ids.has(x.id)) && (!tags || x.tags.some((t) => tags.has(t.toLowerCase()))));
}

const readers = new WeakMap<Db, SampleReader>();
function readerOf(db: Db): SampleReader {
  let r = readers.get(db);
  if (!r) readers.set(db, (r = createSampleReader(db)));
  return r;
}

function samples(db: Db, seriesIds: number[], from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stored = readerOf(db);
  for (const id of seriesIds) {
    const raw = stored.raw(id, from, to);
    let ts: number[] = raw.ts;
    let vs: number[] = raw.values;
    // Raw samples expire first: fall back to the 5-minute, then hourly averages.
    for (const width of [FIVE_MINUTES, ONE_HOUR] as const) {
      if (ts.length > 0) break;
      const b = stored.rollups(id, width, from, to);
      ts = b.ts;
      vs = b.avg;
    }
    for (let i = 0; i < ts.length; i++) out.push([ts[i] as number, vs[i] as number]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The highest value of a series in [from, to): raw samples and the stored buckets' maxima. */
function peakOf(db: Db, id: number, from: number, to: number): number | null {
  const stored = readerOf(db);
  let m = -Infinity;
  for (const v of stored.raw(id, from, to).values) if (v > m) m = v;
  for (const width of [FIVE_MINUTES, ONE_HOUR] as const) for (const v of stored.rollups(id, width, from, to).max) if (v > m) m = v;
  return m === -Infinity ? null : m;
}

function seriesIds(db: Db, deviceId: string, name: string): number[] {
  return db.prepare<[string, string], { id: number }>('SELECT id FROM metric_series WHERE device_id = ? AND name = ?').all(deviceId, name).map((r) => r.id);
}

/** IF-MIB ifOperStatus values as words. */
const OPER_STATUS: Record<number, string> = { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'not present', 7: 'lower layer down' };
const PORT_METRICS = ['if_oper_status', 'if_admin_status', 'if_speed_bps', 'if_in_bps', 'if_out_bps'];

/** Reads a device's interfaces from its series: name, alias, and the last polled status and speed, in ifIndex order. */
function portReader(db: Db): (deviceId: string) => InventoryPort[] {
  const series = db.prepare<string[], { id: number; name: string; iface: string | null; idx: string | null; alias: string | null }>(
    `SELECT id, name, json_extract(labels, '$.interface') AS iface, json_extract(labels, '$.index') AS idx, json_extract(labels, '$.alias') AS alias
     FROM metric_series WHERE device_id = ? AND name IN (${PORT_METRICS.map(() => '?').join(', ')})`,
  );
  // The last value of a series: the newest raw sample, else the newest 5-minute or hourly average.
  const stored = readerOf(db);
  const lastValue = (id: number): number | null =>
    stored.last(id)?.value ?? stored.lastRollup(id, FIVE_MINUTES)?.avg ?? stored.lastRollup(id, ONE_HOUR)?.avg ?? null;
  const order = (p: { idx: string | null }) => (p.idx !== null && /^\d+$/.test(p.idx) ? Number(p.idx) : Number.MAX_SAFE_INTEGER);
  return (deviceId) => {
    const byPort = new Map<string, InventoryPort & { idx: string | null; admin: number | null }>();
    for (const s of series.all(deviceId, ...PORT_METRICS)) {
      if (!s.iface) continue;
      let port = byPort.get(s.iface);
      if (!port) {
        port = { name: s.iface, status: null, speedBps: null, alias: null, idx: null, admin: null };
        byPort.set(s.iface, port);
      }
      port.alias ??= s.alias || null;
      port.idx ??= s.idx;
      if (s.name === 'if_in_bps' || s.name === 'if_out_bps') continue;
      const v = lastValue(s.id);
      if (v === null) continue;
      if (s.name === 'if_oper_status') port.status = OPER_STATUS[Math.round(v)] ?? 'unknown';
      else if (s.name === 'if_admin_status') port.admin = Math.round(v);
      else port.speedBps = v;
    }
    return [...byPort.values()]
      .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'en', { numeric: true }))
      .map(({ idx: _idx, admin, ...p }) => ({ ...p, status: admin === 2 ? 'disabled' : p.status }));
  };
}

async function inventory(d: CollectDeps, req: CollectRequest, base: Omit<InventorySnapshot, 'kind' | 'devices'>): Promise<InventorySnapshot> {
  const devices = devicesInScope(d, req);
  // What the scans learned of each address in scope, merged record by record (see inventory-identity.ts).
  const addresses = new Set(devices.map((x) => x.address.toLowerCase()));
  const discovered = new Map<string, DiscoveredIdentity>();
  for (const r of d.db
    .prepare<[], { address: string; host: string; at: number }>('SELECT r.address, r.host, j.created_at AS at FROM discovery_results r JOIN discovery_jobs j ON j.id = r.job_id ORDER BY j.created_at')
    .iterate()) {
    const key = r.address.toLowerCase();
    if (!addresses.has(key)) continue;
    discovered.set(key, mergeDiscovered(discovered.get(key), JSON.parse(r.host) as DiscoveryHost, r.at));
  }
  const status = d.db.prepare<[string], { status: string }>("SELECT status FROM device_state WHERE device_id = ? ORDER BY source = 'icmp' DESC LIMIT 1");
  const portsOf = portReader(d.db);
  const out: InventoryDevice[] = [];
  for (let i = 0; i < devices.length; i++) {
    const dev = devices[i]!;
    const found = discovered.get(dev.address.toLowerCase());
    out.push({
      id: dev.id,
      name: dev.name,
      address: dev.address,
      tags: [...dev.tags],
      enabled: dev.enabled,
      status: status.get(dev.id)?.status ?? 'unknown',
      ...inventoryIdentity(d.devices.find(dev.id), found),
      foundBy: found ? [...found.foundBy] : ['manual'],
      discoveredAt: found?.seenAt ?? null,
      ports: portsOf(dev.id),
    });
    if (i % YIELD_EVERY === YIELD_EVERY - 1) {
      req.onProgress?.(i + 1, devices.length);
      await yieldToLoop();
    }
  }
  req.onProgress?.(devices.length, devices.length);
  return { ...base, kind: 'inventory', devices: out, siteMap: d.siteMap?.(new Set(devices.map((x) => x.id))) ?? null };
}

async function availability(d: CollectDeps, req: CollectRequest, base: Omit<AvailabilitySnapshot, 'kind' | 'devices'>): Promise<AvailabilitySnapshot> {
  const { from, to } = req.input;
  const devices = devicesInScope(d, req);
  const alerts = d.db.prepare<[string, number, number], { startedAt: number; resolvedAt: number | null }>(
    "SELECT started_at AS startedAt, resolved_at AS resolvedAt FROM alerts WHERE device_id = ? AND kind = 'availability' AND started_at < ? AND (resolved_at IS NULL OR resolved_at > ?) ORDER BY started_at",
  );
  const out: AvailabilitySnapshot['devices'] = [];
  for (let i = 0; i < devices.length; i++) {
    const dev = devices[i]!;
    out.push({
      id: dev.id,
      name: dev.name,
      address: dev.address,
      availability: samples(d.db, seriesIds(d.db, dev.id, 'availability'), from, to),
      rttMs: samples(d.db, seriesIds(d.db, dev.id, 'ping_rtt_ms'), from, to).map(([, v]) => v),
      lossPct: samples(d.db, seriesIds(d.db, dev.id, 'ping_loss_pct'), from, to).map(([, v]) => v),
      downAlerts: alerts.all(dev.id, to, from),
    });
    req.onProgress?.(i + 1, devices.length);
    await yieldToLoop();
  }
  return { ...base, kind: 'availability', devices: out };
}

function alertsOf(d: CollectDeps, req: CollectRequest, base: Omit<AlertsSnapshot, 'kind' | 'alerts'>): AlertsSnapshot {
  const devices = devicesInScope(d, req);
  // Device names from the devices area (the alerts kept are those of the devices in scope).
  const names = new Map(devices.map((x) => [x.id, x.name]));
  const ids = new Set(names.keys());
  const filtered = Boolean(req.input.deviceIds?.length || req.input.tags?.length);
  const rows = d.db
    .prepare<[number, number], { id: string; ruleName: string; severity: string; state: string; deviceId: string | null; summary: string; startedAt: number; acknowledgedAt: number | null; acknowledgedBy: string | null; resolvedAt: number | null }>(
      `SELECT a.id, a.rule_name AS ruleName, a.severity, a.state, a.device_id AS deviceId, a.summary, a.started_at AS startedAt,
              a.acknowledged_at AS acknowledgedAt, a.acknowledged_by AS acknowledgedBy, a.resolved_at AS resolvedAt
       FROM alerts a WHERE a.started_at >= ? AND a.started_at < ? ORDER BY a.started_at`,
    )
    .all(req.input.from, req.input.to);
  // Alerts of devices elsewhere are left out; alerts about no device only in an unfiltered report.
  const alerts = rows
    .filter((a) => (a.deviceId ? ids.has(a.deviceId) : !filtered))
    .map(({ deviceId, ...a }) => ({ id: a.id, ruleName: a.ruleName, severity: a.severity, state: a.state, deviceName: deviceId ? (names.get(deviceId) ?? null) : null, summary: a.summary, startedAt: a.startedAt, acknowledgedAt: a.acknowledgedAt, acknowledgedBy: a.acknowledgedBy, resolvedAt: a.resolvedAt }));
  req.onProgress?.(1, 1);
  return { ...base, kind: 'alerts', alerts };
}

async function interfaces(d: CollectDeps, req: CollectRequest, base: Omit<InterfacesSnapshot, 'kind' | 'interfaces' | 'topN'>): Promise<InterfacesSnapshot> {
  const { from, to } = req.input;
  const devices = devicesInScope(d, req);
  const series = d.db.prepare<[string], { id: number; name: string; iface: string | null; alias: string | null }>(
    "SELECT id, name, json_extract(labels, '$.interface') AS iface, json_extract(labels, '$.alias') AS alias FROM metric_series WHERE device_id = ? AND name IN ('if_in_bps', 'if_out_bps', 'if_speed_bps', 'if_in_util_pct', 'if_out_util_pct') ORDER BY id",
  );
  const out: InterfaceData[] = [];
  for (let i = 0; i < devices.length; i++) {
    const dev = devices[i]!;
    const byIface = new Map<string, InterfaceData>();
    for (const s of series.all(dev.id)) {
      const key = s.iface ?? String(s.id);
      let item = byIface.get(key);
      if (!item) {
        item = { deviceId: dev.id, deviceName: dev.name, interface: key, alias: s.alias, inBps: [], outBps: [], inPeak: null, outPeak: null, speedBps: null, inUtil: [], outUtil: [] };
        byIface.set(key, item);
      }
      const points = samples(d.db, [s.id], from, to);
      const values = points.map(([, v]) => v);
      // Speed: the last value of the period; utilisation: its samples (none while the port was down).
      if (s.name === 'if_speed_bps') {
        item.speedBps = points.length ? (points.reduce((a, b) => (b[0] >= a[0] ? b : a))[1] ?? null) : null;
        continue;
      }
      if (s.name === 'if_in_util_pct' || s.name === 'if_out_util_pct') {
        (s.name === 'if_in_util_pct' ? (item.inUtil ??= []) : (item.outUtil ??= [])).push(...values);
        continue;
      }
      const p = peakOf(d.db, s.id, from, to);
      if (s.name === 'if_in_bps') {
        item.inBps.push(...values);
        item.inPeak = p;
      } else {
        item.outBps.push(...values);
        item.outPeak = p;
      }
    }
    out.push(...byIface.values());
    req.onProgress?.(i + 1, devices.length);
    await yieldToLoop();
  }
  return { ...base, kind: 'interfaces', topN: req.input.topN, interfaces: out };
}

const diffHost = (h: DiscoveryHost): DiffHost => ({ address: h.address, name: h.name, type: h.type, vendor: h.vendor, model: h.model, mac: h.mac });

/** The scan reported on: the one picked ("to"), else the latest finished one of the site in the period. */
function discoveryDiff(d: CollectDeps, req: CollectRequest, base: Omit<DiscoveryDiffSnapshot, 'kind' | 'jobId' | 'jobAt' | 'previousJobId' | 'previousAt' | 'targets' | 'newHosts' | 'goneHosts' | 'changed' | 'unchanged'>): DiscoveryDiffSnapshot {
  type JobRow = { id: string; at: number; options: string };
  const picked = req.input.toJobId;
  const job = picked
    ? d.db.prepare<[string], JobRow>('SELECT id, created_at AS at, options FROM discovery_jobs WHERE id = ?').get(picked)
    : d.db
        .prepare<[number, number, string, number], JobRow>(
          `SELECT id, created_at AS at, options FROM discovery_jobs WHERE status != 'running' AND created_at >= ? AND created_at < ?
             AND (site_id = ? OR (site_id IS NULL AND ?)) ORDER BY created_at DESC LIMIT 1`,
        )
        .get(req.input.from, req.input.to, req.site.id, req.site.isDefault ? 1 : 0);
  req.onProgress?.(1, 1);
  if (!job) return { ...base, kind: 'discovery-diff', jobId: null, jobAt: null, previousJobId: null, previousAt: null, targets: [], newHosts: [], goneHosts: [], changed: [], unchanged: 0 };
  // "from" picked: that scan; otherwise the one before on the same targets.
  const diff = d.discovery.diff(job.id, req.input.fromJobId);
  const previousAt = diff.previousJobId ? (d.db.prepare<[string], { at: number }>('SELECT created_at AS at FROM discovery_jobs WHERE id = ?').get(diff.previousJobId)?.at ?? null) : null;
  return {
    ...base,
    kind: 'discovery-diff',
    jobId: job.id,
    jobAt: job.at,
    previousJobId: diff.previousJobId,
    previousAt,
    targets: (JSON.parse(job.options) as { targets: string[] }).targets,
    newHosts: diff.new.map(diffHost),
    goneHosts: diff.gone.map(diffHost),
    changed: diff.changed,
    unchanged: diff.unchanged,
  };
}

export async function collectSnapshot(d: CollectDeps, req: CollectRequest): Promise<ReportSnapshot> {
  const { id: _id, isDefault: _d, ...site } = req.site;
  const base = { site, from: req.input.from, to: req.input.to, generatedAt: req.generatedAt };
  switch (req.input.kind) {
    case 'inventory':
      return inventory(d, req, base);
    case 'availability':
      return availability(d, req, base);
    case 'alerts':
      return alertsOf(d, req, base);
    case 'interfaces':
      return interfaces(d, req, base);
    case 'discovery-diff':
      return discoveryDiff(d, req, base);
  }
}
