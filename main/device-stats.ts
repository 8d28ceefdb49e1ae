/**
 * `devices.stats`: the key numbers per device for the Devices page (latency and loss over the
 * loss window, uptime, open alerts), read from the metrics store's newest samples and the active
 * alerts. Sparse: a device with no figure and no alert has no row, so 10,000 devices without
 * metrics cost a few series lookups. Answers are reused for a moment: the page asks every few
 * seconds, and several open pages ask alike.
 */
import type { Alert, AlertListInput } from './api/alerts.ts';
import type { DeviceStats } from './api/devices.ts';
import type { z } from 'zod';
import type { Metrics } from './metrics/metrics.ts';

export const STATS_METRICS = { rtt: 'ping_rtt_ms_5m', loss: 'ping_loss_pct_5m', uptime: 'uptime_sec' } as const;

/** A windowed ICMP figure older than this is not "now" (the 5-minute window and a check's slack). */
export const ICMP_FRESH_MS = 6 * 60_000;
/** An uptime read this long ago is still counted on (SNMP polls are minutes apart). */
export const UPTIME_FRESH_MS = 60 * 60_000;
const REUSE_MS = 2000;
const ALERT_PAGE = 5000;

export interface DeviceStatsDeps {
  query: Pick<Metrics['query'], 'select' | 'seriesOfDevice'>;
  activeAlerts: (filter: z.output<typeof AlertListInput>) => { items: Pick<Alert, 'deviceId'>[]; total: number };
  now: () => number;
}

export function createDeviceStats(d: DeviceStatsDeps): () => { items: DeviceStats[]; at: number } {
  let last: { items: DeviceStats[]; at: number } | undefined;

  /** The newest sample of `name` per device that has the series (the first series of the device when it has several). */
  function latest(name: string): Map<string, { ts: number; value: number }> {
    const out = new Map<string, { ts: number; value: number }>();
    const devices = new Set<string>();
    for (const s of d.query.select({ name, matchers: [] }, Number.MAX_SAFE_INTEGER).series) if (s.labels.device) devices.add(s.labels.device);
    for (const deviceId of devices) {
      for (const s of d.query.seriesOfDevice(deviceId, name)) {
        if (s.lastTs === null || s.lastValue === null) continue;
        const known = out.get(deviceId);
        if (!known || s.lastTs > known.ts) out.set(deviceId, { ts: s.lastTs, value: s.lastValue });
      }
    }
    return out;
  }

  function compute(now: number): DeviceStats[] {
    const rows = new Map<string, DeviceStats>();
    const row = (deviceId: string): DeviceStats => {
      let r = rows.get(deviceId);
      if (!r) rows.set(deviceId, (r = { deviceId, rttMs: null, lossPct: null, uptimeSec: null, openAlerts: 0 }));
      return r;
    };
    for (const [id, s] of latest(STATS_METRICS.rtt)) if (now - s.ts <= ICMP_FRESH_MS) row(id).rttMs = s.value;
    for (const [id, s] of latest(STATS_METRICS.loss)) if (now - s.ts <= ICMP_FRESH_MS) row(id).lossPct = s.value;
    for (const [id, s] of latest(STATS_METRICS.uptime)) if (now - s.ts <= UPTIME_FRESH_MS) row(id).uptimeSec = s.value + Math.max(0, now - s.ts) / 1000;
    for (let offset = 0; ; offset += ALERT_PAGE) {
      const page = d.activeAlerts({ status: 'active', limit: ALERT_PAGE, offset });
      for (const a of page.items) if (a.deviceId) row(a.deviceId).openAlerts++;
      if (page.items.length < ALERT_PAGE || offset + ALERT_PAGE >= page.total) break;
    }
    return [...rows.values()];
  }

  return () => {
    const now = d.now();
    if (last && now - last.at >= 0 && now - last.at < REUSE_MS) return last;
    last = { items: compute(now), at: now };
    return last;
  };
}
