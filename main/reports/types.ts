/**
 * The two shapes of a report. A snapshot is the data a kind needs, read from the store once
 * (collect.ts); a ReportDocument is what builders make of it: sections with key figures, charts
 * and tables. The renderers (JSON, CSV, HTML, PDF) turn one document into a file; builders and
 * renderers are pure, so they are tested without an engine.
 */
import type { ReportKind } from '../api/reports.ts';
import type { Outage } from './stats.ts';

export interface SiteInfo {
  name: string;
  customer: string;
  address: string;
  technician: string;
}

export interface SnapshotBase {
  site: SiteInfo;
  from: number;
  to: number;
  generatedAt: number;
}

export interface InventoryDevice {
  id: string;
  name: string;
  address: string;
  tags: string[];
  enabled: boolean;
  status: string;
  type: string;
  vendor: string | null;
  model: string | null;
  /** Inventory (ENTITY-MIB chassis or UPS-MIB): serial number, software/firmware version, hardware revision. */
  serial: string | null;
  firmware: string | null;
  hardwareRev: string | null;
  os: string | null;
  osVersion: string | null;
  mac: string | null;
  macVendor: string | null;
  location: string | null;
  sysName: string | null;
  sysDescr: string | null;
  /** How it was found: discovery methods, or 'manual' when added by hand. */
  foundBy: string[];
  discoveredAt: number | null;
  /** Its interfaces as last polled, in ifIndex order. */
  ports: InventoryPort[];
}

/** One interface of a device in the inventory. */
export interface InventoryPort {
  name: string;
  /** IF-MIB ifOperStatus as a word (up, down, dormant...); 'disabled' when administratively down; null: never polled. */
  status: string | null;
  speedBps: number | null;
  alias: string | null;
}

export interface InventorySnapshot extends SnapshotBase {
  kind: 'inventory';
  devices: InventoryDevice[];
  /** The map of the site's devices as SVG (main/topology/), null when they have no L2 links. */
  siteMap?: string | null;
}

export interface AvailabilityDeviceData {
  id: string;
  name: string;
  address: string;
  availability: Array<[number, number]>;
  rttMs: number[];
  lossPct: number[];
  /** Device-down alerts overlapping the period (used when there are no availability checks). */
  downAlerts: Array<{ startedAt: number; resolvedAt: number | null }>;
}

export interface AvailabilitySnapshot extends SnapshotBase {
  kind: 'availability';
  devices: AvailabilityDeviceData[];
}

export interface AlertRecord {
  id: string;
  ruleName: string;
  severity: string;
  state: string;
  deviceName: string | null;
  summary: string;
  startedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
}

export interface AlertsSnapshot extends SnapshotBase {
  kind: 'alerts';
  alerts: AlertRecord[];
}

export interface InterfaceData {
  deviceId: string;
  deviceName: string;
  interface: string;
  alias: string | null;
  /** bit/s samples in the period. */
  inBps: number[];
  outBps: number[];
  /** Peaks from rollups when raw samples are gone (max of each bucket). */
  inPeak: number | null;
  outPeak: number | null;
  /** The link speed last polled in the period (bit/s), or null when unknown (older snapshots lack it). */
  speedBps?: number | null;
  /** Utilisation samples (% of the link speed; only while the port was up with a known speed). */
  inUtil?: number[];
  outUtil?: number[];
}

export interface InterfacesSnapshot extends SnapshotBase {
  kind: 'interfaces';
  topN: number;
  interfaces: InterfaceData[];
}

export interface DiffHost {
  address: string;
  name: string;
  type: string;
  vendor: string | null;
  model: string | null;
  mac: string | null;
}

export interface DiscoveryDiffSnapshot extends SnapshotBase {
  kind: 'discovery-diff';
  /** The latest scan in the period and the one before it on the same targets; null when none. */
  jobId: string | null;
  jobAt: number | null;
  previousJobId: string | null;
  previousAt: number | null;
  targets: string[];
  newHosts: DiffHost[];
  goneHosts: DiffHost[];
  changed: Array<{ address: string; previousAddress: string; matchedBy: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
  unchanged: number;
}

export type ReportSnapshot = InventorySnapshot | AvailabilitySnapshot | AlertsSnapshot | InterfacesSnapshot | DiscoveryDiffSnapshot;

/** How a cell is shown (HTML, PDF); CSV and JSON keep the raw value (times as ISO 8601). */
export type CellFormat = 'text' | 'int' | 'number' | 'pct' | 'ms' | 'duration' | 'time' | 'bps' | 'list';

export interface Column {
  key: string;
  label: string;
  format?: CellFormat;
}

export type Cell = string | number | boolean | null | string[];

export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Array<Record<string, Cell>>;
  /** Shown instead of an empty table. */
  empty: string;
  /** A list of short rows (a switch's ports): the PDF prints two to a line, left then right; HTML keeps it narrow. */
  list?: boolean;
}

export type Chart =
  | { kind: 'bars'; title: string; unit: string; bars: Array<{ label: string; value: number }>; max?: number }
  | { kind: 'timeline'; title: string; from: number; to: number; rows: Array<{ label: string; spans: Array<{ start: number; end: number }> }> }
  /** A drawing made elsewhere (the site map), embedded as it is. */
  | { kind: 'svg'; title: string; svg: string };

export interface Kpi {
  label: string;
  value: string;
}

export interface Section {
  heading: string;
  text?: string;
  kpis?: Kpi[];
  chart?: Chart;
  table?: Table;
}

export interface ReportDocument {
  kind: ReportKind;
  title: string;
  site: SiteInfo;
  from: number;
  to: number;
  generatedAt: number;
  sections: Section[];
  /** The table CSV exports (one CSV is one table; the others are in HTML, PDF and JSON). */
  mainTable: string;
  /** Machine-readable results for the JSON format (computed figures, not the raw samples). */
  data: unknown;
}

export type { Outage };
