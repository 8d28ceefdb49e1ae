import { create } from 'zustand';
import type { Alert } from '../../main/api/alerts.ts';
import type { EventPayload, OutputOf } from '../../main/api/contract.ts';
import type { MonitoredDevice } from '../../main/api/devices.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { busiestInterfaces, interfacesOf } from '../lib/interface-table.ts';
import { mergeSample, type SeriesPoints } from '../lib/series-merge.ts';
import { presetRange, type TimeRange } from '../lib/time-range.ts';

export type SeriesSummary = OutputOf<'metrics.series'>['series'][number];

/** The metrics the device page draws, in the order it draws them. Loss is the windowed figure (lost / sent probes over 5 minutes). */
export const CHART_METRICS = ['ping_rtt_ms', 'ping_loss_pct_5m', 'if_in_bps', 'if_out_bps', 'if_in_util_pct', 'if_out_util_pct', 'cpu_util_pct', 'mem_used_pct', 'disk_used_pct'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

/** The per-interface metrics: read only for the interfaces graphed, by series id. */
const INTERFACE_METRICS: ReadonlySet<string> = new Set<ChartMetric>(['if_in_bps', 'if_out_bps', 'if_in_util_pct', 'if_out_util_pct']);
/** Interfaces graphed by default (the busiest up ones), and at most (4 series each, 100 per query). */
export const DEFAULT_GRAPHED = 4;
export const MAX_GRAPHED = 24;

interface DeviceDetailState {
  deviceId?: string;
  device?: MonitoredDevice;
  deviceError?: string;
  series: SeriesSummary[];
  seriesLoaded: boolean;
  range: TimeRange;
  maxPoints: number;
  data: Partial<Record<ChartMetric, SeriesPoints[]>>;
  dataLoading: boolean;
  dataError?: string;
  alerts: Alert[];
  /** Interfaces with graphs, in the order shown: the busiest up ones until someone picks. */
  graphed: string[];
  /** Whether `graphed` was picked (else it is the default choice). */
  graphedPicked: boolean;
  open(deviceId: string): Promise<void>;
  /** Graph these interfaces (undefined: back to the busiest). */
  setGraphed(names: string[] | undefined): void;
  close(): void;
  setRange(range: TimeRange): void;
  setMaxPoints(points: number): void;
  loadData(): Promise<void>;
}

let loadSeq = 0;

/** The device on the detail page: identity, its series, graph data for the range, its alerts. */
export const useDeviceDetailStore = create<DeviceDetailState>()((set, get) => ({
  series: [],
  seriesLoaded: false,
  range: presetRange('1h'),
  maxPoints: 600,
  data: {},
  dataLoading: false,
  alerts: [],
  graphed: [],
  graphedPicked: false,

  async open(deviceId) {
    follow(deviceId);
    set({ deviceId, device: undefined, deviceError: undefined, series: [], seriesLoaded: false, data: {}, alerts: [], dataError: undefined, graphed: [], graphedPicked: false });
    const [device, series, alerts] = await Promise.all([
      client.call('devices.get', { id: deviceId }),
      client.call('metrics.series', { deviceId }),
      client.call('alerts.list', { deviceId, status: 'all', limit: 50 }),
    ]);
    if (get().deviceId !== deviceId) return;
    set({
      ...(device.ok ? { device: device.data } : { deviceError: device.error.code === 'not_found' ? 'This device does not exist (any more). It may have been deleted.' : describeError(device.error) }),
      series: series.ok ? series.data.series : [],
      graphed: series.ok ? busiestInterfaces(interfacesOf(series.data.series), DEFAULT_GRAPHED) : [],
      seriesLoaded: true,
      alerts: alerts.ok ? alerts.data.items : [],
    });
    await get().loadData();
  },
  close() {
    follow(undefined);
    set({ deviceId: undefined });
  },
  setRange(range) {
    set({ range });
    void get().loadData();
  },
  setGraphed(names) {
    const graphed = names ? [...new Set(names)].slice(0, MAX_GRAPHED) : busiestInterfaces(interfacesOf(get().series), DEFAULT_GRAPHED);
    set({ graphed, graphedPicked: names !== undefined });
    void get().loadData();
  },
  setMaxPoints(maxPoints) {
    if (Math.abs(maxPoints - get().maxPoints) < 40) return;
    set({ maxPoints });
    void get().loadData();
  },

  async loadData() {
    const { deviceId, series, maxPoints } = get();
    if (!deviceId) return;
    let { range } = get();
    if (range.preset !== 'custom') {
      range = presetRange(range.preset);
      set({ range });
    }
    const names = CHART_METRICS.filter((m) => !INTERFACE_METRICS.has(m) && series.some((s) => s.name === m));
    // The graphed interfaces' series, by id in one query (a 48-port switch is not read whole).
    const graphed = new Set(get().graphed);
    const ifIds = series.filter((s) => INTERFACE_METRICS.has(s.name) && graphed.has(s.labels.interface ?? '')).map((s) => s.id).slice(0, 100);
    const seq = ++loadSeq;
    set({ dataLoading: true, dataError: undefined });
    const [results, ifResult] = await Promise.all([
      Promise.all(
        names.map((name) =>
          client.call('metrics.query', { select: { name, matchers: [{ label: 'device', op: '=', value: deviceId }] }, from: range.from, to: range.to, maxPoints, limit: 100 }),
        ),
      ),
      ifIds.length > 0 ? client.call('metrics.query', { seriesIds: ifIds, from: range.from, to: range.to, maxPoints }) : undefined,
    ]);
    if (seq !== loadSeq) return;
    const data: Partial<Record<ChartMetric, SeriesPoints[]>> = {};
    let error: string | undefined;
    names.forEach((name, i) => {
      const r = results[i]!;
      if (r.ok) data[name] = r.data.series;
      else error ??= describeError(r.error);
    });
    if (ifResult?.ok) {
      for (const s of ifResult.data.series) (data[s.name as ChartMetric] ??= []).push(s);
    } else if (ifResult) error ??= describeError(ifResult.error);
    set({ data, dataLoading: false, dataError: error });
  },
}));

/** The samples of the open device's series (all of them: a new interface or the first ping shows up too). */
function onDeviceSamples({ samples }: EventPayload<'metrics.samples'>): void {
  const s = useDeviceDetailStore.getState();
  if (!s.deviceId) return;
  const mine = samples.filter((x) => x.labels.device === s.deviceId);
  if (mine.length === 0) return;
  // Latest values for the interfaces table and the identity card.
  const series = [...s.series];
  let newSeries = false;
  for (const x of mine) {
    const i = series.findIndex((y) => y.id === x.seriesId);
    if (i >= 0) series[i] = { ...series[i]!, lastTs: x.ts, lastValue: x.value };
    else {
      series.push({ id: x.seriesId, name: x.name, labels: x.labels, lastTs: x.ts, lastValue: x.value });
      newSeries = true;
    }
  }
  if (s.range.preset === 'custom') return useDeviceDetailStore.setState({ series });
  const now = Date.now();
  const from = now - (s.range.to - s.range.from);
  const data = { ...s.data };
  for (const x of mine) {
    const list = data[x.name as keyof typeof data];
    if (!list) continue;
    const i = list.findIndex((p) => p.id === x.seriesId);
    if (i < 0) {
      // An interface that is not graphed has no points here, and needs none.
      if (!INTERFACE_METRICS.has(x.name) || s.graphed.includes(x.labels.interface ?? '')) newSeries = true;
      continue;
    }
    const next = [...list];
    next[i] = mergeSample(list[i]!, x.ts, x.value, from);
    data[x.name as keyof typeof data] = next;
  }
  useDeviceDetailStore.setState({ series, data, range: { ...s.range, from, to: now } });
  // A series seen for the first time (a new interface, the first ping): fetch its history once.
  if (newSeries) {
    // Interfaces that appear after the page opened join the default choice until someone picks.
    const st = useDeviceDetailStore.getState();
    if (!st.graphedPicked) useDeviceDetailStore.setState({ graphed: busiestInterfaces(interfacesOf(st.series), DEFAULT_GRAPHED) });
    void st.loadData();
  }
}

/**
 * One subscription to `metrics.samples` filtered to the open device (the engine sends no other
 * device's samples): moved to the next device by open(), stopped by close().
 */
let following: { deviceId: string; stop: () => void } | undefined;

function follow(deviceId: string | undefined): void {
  if (following?.deviceId === deviceId) return;
  following?.stop();
  following = deviceId ? { deviceId, stop: client.on('metrics.samples', onDeviceSamples, { deviceId }) } : undefined;
}

export function startDeviceDetailSync(): () => void {
  const stops = [
    client.on('alert.changed', ({ alert }) => {
      const s = useDeviceDetailStore.getState();
      if (!s.deviceId || alert.deviceId !== s.deviceId) return;
      useDeviceDetailStore.setState({ alerts: [alert, ...s.alerts.filter((a) => a.id !== alert.id)] });
    }),
    client.on('device.updated', (device) => {
      const s = useDeviceDetailStore.getState();
      // The event carries the record; the monitoring state (status, source, Zabbix view) is kept.
      if (s.deviceId === device.id) useDeviceDetailStore.setState({ device: s.device ? { ...s.device, ...device } : undefined });
    }),
  ];
  return () => {
    follow(undefined);
    stops.forEach((x) => x());
  };
}
