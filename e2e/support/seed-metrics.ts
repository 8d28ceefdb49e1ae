import { createEngine } from '../../main/engine.ts';

export interface SeededDevice {
  id: string;
  name: string;
}

/**
 * Three devices with a day of measurements (latency, loss, two interfaces, CPU, memory, disk),
 * written through the engine's metrics writer before `serve` opens the data dir, so the device
 * page has graphs to draw without a lab.
 */
export async function seedDevicesWithMetrics(dataDir: string, now = Date.now()): Promise<SeededDevice[]> {
  const engine = await createEngine({ dataDir });
  const out: SeededDevice[] = [];
  try {
    for (const [i, name] of ['core-rtr-01', 'access-sw-02', 'srv-files-03'].entries()) {
      const r = await engine.api.call('devices.create', { name, address: `198.18.0.${10 + i}`, tags: i === 0 ? ['core', 'site-a'] : ['site-a'], notes: i === 0 ? 'Rack 1, top' : '' });
      if (!r.ok) throw new Error(r.error.message);
      out.push({ id: r.data.id, name });
      const w = engine.areas.metrics.writer;
      const device = r.data.id;
      for (let ts = now - 24 * 3600_000; ts <= now; ts += 60_000) {
        const t = ts / 3600_000;
        const wave = Math.sin(t * 0.9 + i);
        w.writeNamed('ping_rtt_ms', { device }, ts, 2 + i * 3 + wave * 1.5 + (Math.sin(ts / 7e5) > 0.97 ? 25 : 0));
        w.writeNamed('ping_loss_pct', { device }, ts, Math.sin(ts / 9e5 + i) > 0.95 ? 20 : 0);
        w.writeNamed('ping_loss_pct_5m', { device }, ts, Math.max(0, Math.round((Math.sin(ts / 9e5 + i) - 0.9) * 100) / 2));
        w.writeNamed('availability', { device }, ts, 1);
        w.writeNamed('cpu_util_pct', { device }, ts, 25 + 15 * wave + i * 10);
        w.writeNamed('mem_used_pct', { device }, ts, 55 + 5 * Math.sin(t / 3));
        w.writeNamed('disk_used_pct', { device, storage: '/' }, ts, 62 + t / 1e6);
        for (const [j, ifName] of ['ge-0/0/0', 'ge-0/0/1'].entries()) {
          w.writeNamed('if_in_bps', { device, interface: ifName }, ts, (40 + 30 * wave) * 1e6 / (j + 1));
          w.writeNamed('if_out_bps', { device, interface: ifName }, ts, (12 + 8 * Math.cos(t)) * 1e6 / (j + 1));
          w.writeNamed('if_oper_status', { device, interface: ifName }, ts, 1);
        }
        if ((ts - now) % (100 * 60_000) === 0) w.flush();
      }
      w.writeNamed('uptime_sec', { device }, now, 86_400 * (12 + i));
      w.flush();
    }
    engine.areas.metrics.runRollup();
  } finally {
    await engine.stop();
  }
  return out;
}
