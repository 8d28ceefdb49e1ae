import { createEngine } from '../../main/engine.ts';

export interface DevicePageSeed {
  switchId: string;
  quietId: string;
  credentialId: string;
}

/** Gi1/0/1..12 of the seeded switch: six down ports first (by ifIndex), then six up ones, one silent. */
export const SWITCH_PORTS: { name: string; alias?: string; admin: number; oper: number; inBps: number; outBps: number }[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ name: `Gi1/0/${i + 1}`, admin: i < 3 ? 2 : 1, oper: 2, inBps: 0, outBps: 0 })),
  { name: 'Gi1/0/7', alias: 'printer room', admin: 1, oper: 1, inBps: 30e6, outBps: 4e6 },
  { name: 'Gi1/0/8', alias: 'uplink to core', admin: 1, oper: 1, inBps: 400e6, outBps: 120e6 },
  { name: 'Gi1/0/9', alias: 'ap-lobby', admin: 1, oper: 1, inBps: 120e6, outBps: 30e6 },
  { name: 'Gi1/0/10', alias: 'camera', admin: 1, oper: 1, inBps: 5e6, outBps: 1e6 },
  { name: 'Gi1/0/11', alias: 'office', admin: 1, oper: 1, inBps: 1e6, outBps: 0.5e6 },
  { name: 'Gi1/0/12', alias: 'quiet spare', admin: 1, oper: 1, inBps: 0, outBps: 0 },
];

/**
 * The device page's data, written through the engine before `serve` opens the data dir: a switch
 * with two hours of per-minute figures for twelve ports (speed, statuses, rates, utilisation) and
 * sub-0.05 ms latency, an SNMP device whose agent returned no interfaces (uptime only), and a
 * stored v2c credential (community "site-ro") for the credential test.
 */
export async function seedDevicePage(dataDir: string, now = Date.now()): Promise<DevicePageSeed> {
  const engine = await createEngine({ dataDir });
  try {
    const cred = await engine.api.call('credentials.create', { name: 'site ro', version: '2c', community: 'site-ro' });
    if (!cred.ok) throw new Error(cred.error.message);
    const sw = await engine.api.call('devices.create', { name: 'access-sw-12', address: '198.18.0.70', credentialIds: [cred.data.id] });
    const quiet = await engine.api.call('devices.create', { name: 'ups-basement', address: '198.18.0.71', credentialIds: [cred.data.id] });
    if (!sw.ok || !quiet.ok) throw new Error('devices.create failed');
    const w = engine.areas.metrics.writer;
    const device = sw.data.id;
    for (let ts = now - 2 * 3600_000; ts <= now; ts += 60_000) {
      const wave = 1 + 0.2 * Math.sin(ts / 9e5);
      w.writeNamed('ping_rtt_ms', { device }, ts, 0.03 + 0.012 * Math.sin(ts / 6e5));
      for (const [i, p] of SWITCH_PORTS.entries()) {
        const labels = { device, interface: p.name, index: String(i + 1), ...(p.alias ? { alias: p.alias } : {}) };
        w.writeNamed('if_admin_status', labels, ts, p.admin);
        w.writeNamed('if_oper_status', labels, ts, p.oper);
        w.writeNamed('if_speed_bps', labels, ts, 1e9);
        w.writeNamed('if_in_bps', labels, ts, p.inBps * wave);
        w.writeNamed('if_out_bps', labels, ts, p.outBps * wave);
        if (p.oper === 1) {
          w.writeNamed('if_in_util_pct', labels, ts, (p.inBps * wave) / 1e7);
          w.writeNamed('if_out_util_pct', labels, ts, (p.outBps * wave) / 1e7);
        }
      }
      w.writeNamed('ping_rtt_ms', { device: quiet.data.id }, ts, 2.5);
      if ((ts - now) % (30 * 60_000) === 0) w.flush();
    }
    w.writeNamed('uptime_sec', { device: quiet.data.id }, now, 86_400 * 3);
    w.flush();
    return { switchId: device, quietId: quiet.data.id, credentialId: cred.data.id };
  } finally {
    await engine.stop();
  }
}
