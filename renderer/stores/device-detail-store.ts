import { create } from 'zustand';
import type { Alert } from '../../main/api/alerts.ts';
import type { EventPayload, OutputOf } from '../../main/api/contract.ts';
import type { MonitoredDevice } from '../../main/api/devices.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { mergeSample, type SeriesPoints } from '../lib/series-merge.ts';
import { presetRange, type TimeRange } from '../lib/time-range.ts';

export type SeriesSummary = OutputOf<'metrics.series'>['series'][number];

/** The metrics the device page draws, in the order it draws them. Loss is the windowed figure (lost / sent probes over 5 minutes). */
export const CHART_METRICS = ['ping_rtt_ms', 'ping_loss_pct_5m', 'if_in_bps', 'if_out_bps', 'if_in_util_pct', 'if_out_util_pct', 'cpu_util_pct', 'mem_used_pct', 'disk_used_pct'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

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
  open(deviceId: string): Promise<void>;
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

  async open(deviceId) {
    follow(deviceId);
    set({ deviceId, device: undefined, deviceError: undefined, series: [], seriesLoaded: false, data: {}, alerts: [], dataError: undefined });
    const [device, series, alerts] = await Promise.all([
      client.call('devices.get', { id: deviceId }),
      client.call('metrics.series', { deviceId }),
      client.call('alerts.list', { deviceId, status: 'all', limit: 50 }),
    ]);
    if (get().deviceId !== deviceId) return;
    set({
      ...(device.ok ? { device: device.data } : { deviceError: device.error.code === 'not_found' ? 'This device does not exist (any more). It may have been deleted.' : describeError(device.error) }),
      series: series.ok ? series.data.series : [],
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
    const names = CHART_METRICS.filter((m) => series.some((s) => s.name === m));
    const seq = ++loadSeq;
    set({ dataLoading: true, dataError: undefined });
    const results = await Promise.all(
      names.map((name) =>
        client.call('metrics.query', { select: { name, matchers: [{ label: 'device', op: '=', value: deviceId }] }, from: range.from, to: range.to, maxPoints, limit: 100 }),
      ),
    );
    if (seq !== loadSeq) return;
    const data: Partial<Record<ChartMetric, SeriesPoints[]>> = {};
    let error: string | undefined;
    names.forEach((name, i) => {
      const r = results[i]!;
      if (r.ok) data[name] = r.data.series;
      else error ??= describeError(r.error);
    });
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
      newSeries = true;
      continue;
    }
    const next = [...list];
    next[i] = mergeSample(list[i]!, x.ts, x.value, from);
    data[x.name as keyof typeof data] = next;
  }
  useDeviceDetailStore.setState({ series, data, range: { ...s.range, from, to: now } });
  // A series seen for the first time (a new interface, the first ping): fetch its history once.
  if (newSeries) void useDeviceDetailStore.getState().loadData();
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
