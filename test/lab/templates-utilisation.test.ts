/**
 * A template made of the standard parts, end to end against a real snmpd in the lab: a user
 * template that only includes "host-resources" and "if-mib" is applied to a device; one poll job
 * brings CPU per core (once snmpd has a minute of CPU history), memory and disks (HOST-RESOURCES-MIB) and the interfaces with their link
 * speed; UDP traffic through the lab veth then shows as utilisation (% of the link speed) on the
 * port that is up, and a port that is down shows none.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';
import { type Recorder, recordEvents } from './monitoring-support.ts';

describeLab('templates: host-resources + if-mib on a real snmpd, with utilisation', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let rec: Recorder;
  let host: string;
  let labIf: string;

  beforeAll(async () => {
    lab = await createLab({ name: 'tpl-util', probe: 'root', hosts: [{ name: 'srv', snmp: { sysName: 'srv1', sysDescr: 'Linux srv1' } }] });
    labIf = `wfl${lab.subnet}l`;
    engine = await testEngine({ pollers: true, icmp: { method: 'raw' } });
    rec = recordEvents(engine);
    await unwrap(engine.api.call('settings.set', { snmpIntervalSec: 10 }));
    await engine.start();
    const cred = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
    host = (await unwrap(engine.api.call('devices.create', { name: 'srv', address: lab.hosts.srv ?? '', credentialIds: [cred.id] }))).id;
    const parts = await unwrap(engine.api.call('templates.create', { id: 'parts-only', name: 'Parts only', includes: ['host-resources', 'if-mib'] }));
    await unwrap(engine.api.call('templates.apply', { templateId: parts.id, deviceIds: [host] }));
  });
  afterAll(async () => {
    rec?.stop();
    await engine?.close();
    await lab?.destroy();
  });

  it('polls the included parts: CPU per core, memory and disks in bytes and %, interfaces with their speed', async () => {
    const rows = engine.areas.monitoring.items.ofDevice(host).map((r) => r.key);
    expect(rows.sort()).toEqual(['disks', 'interfaces', 'memory', 'processors']);
    await rec.waitFor('interface speed', () => rec.of('if_speed_bps', host, { interface: labIf }).length > 0, 30_000);
    await rec.waitFor('memory', () => rec.of('mem_used_pct', host).length > 0, 5_000);
    // Net-SNMP answers hrProcessorLoad once it has a minute of CPU history: ~70 s after it starts,
    // later on a loaded machine (its history fills from a timer that runs late there).
    await rec.waitFor('CPU per core', () => rec.of('cpu_util_pct', host).length > 0, 170_000);
    for (const s of rec.of('cpu_util_pct', host)) {
      expect(s.value).toBeGreaterThanOrEqual(0);
      expect(s.value).toBeLessThanOrEqual(100);
    }
    const mem = rec.of('memory_size_bytes', host)[0]?.value ?? 0;
    expect(mem).toBeGreaterThan(64 * 1024 ** 2);
    expect(rec.of('disk_used_pct', host).length).toBeGreaterThan(0);
    expect(rec.of('if_speed_bps', host, { interface: labIf })[0]?.value).toBeGreaterThan(0);
  }, 200_000);

  it('shows utilisation in % of the link speed on the port that is up, none on a port that is down', async () => {
    const speed = rec.of('if_speed_bps', host, { interface: labIf }).at(-1)?.value ?? 0;
    const socket = dgram.createSocket('udp4');
    const buf = Buffer.alloc(1400, 0x5a);
    const sentAt = Date.now();
    // Traffic for ~12 s (more than one poll interval), in awaited batches the veth does not drop.
    while (Date.now() - sentAt < 12_000) {
      await Promise.all(Array.from({ length: 50 }, () => new Promise<void>((resolve, reject) => socket.send(buf, 9, lab.hosts.srv, (err) => (err ? reject(err) : resolve())))));
    }
    socket.close();
    const util = await rec.waitFor('utilisation of the lab port', () => rec.of('if_in_util_pct', host, { interface: labIf }).find((s) => s.ts > sentAt + 6000 && s.value > 0), 40_000);
    const rate = rec.of('if_in_bps', host, { interface: labIf }).find((s) => s.ts === util.ts)?.value ?? NaN;
    // utilisation = rate / speed, in %.
    expect(util.value).toBeCloseTo((rate / speed) * 100, 6);
    console.log(`lab port ${labIf}: ${Math.round(rate)} bit/s of ${speed} bit/s = ${util.value.toFixed(4)} % utilisation`);
    // The lab's down ports (snmpd's other interfaces that are not up) never get a utilisation.
    const down = new Set(rec.of('if_oper_status', host).filter((s) => s.value !== 1).map((s) => s.labels.interface));
    for (const s of rec.of('if_in_util_pct', host)) expect(down.has(s.labels.interface)).toBe(false);
  });
});
