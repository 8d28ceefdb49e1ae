/**
 * Vendor templates end to end: snmpsim serves five recordings of real devices (a FortiGate 60F,
 * an APC Smart-UPS, a Juniper EX3400, a Synology DiskStation, an HPE ProCurve 2910) on lab
 * addresses; the engine (pollers on, as the product runs) monitors each with its template through
 * the contract and stores what the template reads, with the recording's values: FortiGate
 * sessions and CPU, the UPS's battery charge and runtime, Junos module temperatures, the NAS's
 * system and disk status, the ProCurve's CPU and fans.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';
import { type Recorder, recordEvents } from './monitoring-support.ts';
import { startSnmpsim, type SnmpsimAgent } from './snmpsim-agent.ts';

const FIXTURES = new URL('../fixtures/templates/', import.meta.url).pathname;

/** Host name → its recording and the template that monitors it. */
const DEVICES = {
  fortigate: { recording: 'fortinet-fortigate-60f', template: 'fortinet-fortigate' },
  ups: { recording: 'apc-ups', template: 'apc-ups' },
  junos: { recording: 'juniper-junos-ex3400', template: 'juniper-junos' },
  nas: { recording: 'synology-dsm', template: 'synology-dsm' },
  procurve: { recording: 'hpe-procurve-e2910', template: 'hpe-procurve' },
} as const;
type Name = keyof typeof DEVICES;

describeLab('templates: vendor templates polled end to end from recordings served by snmpsim', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let rec: Recorder;
  const agents: SnmpsimAgent[] = [];
  const ids = {} as Record<Name, string>;

  beforeAll(async () => {
    const names = Object.keys(DEVICES) as Name[];
    lab = await createLab({ name: 'tpl-rec', probe: 'root', hosts: names.map((name, i) => ({ name, octet: 60 + i })) });
    for (const n of names) agents.push(await startSnmpsim(lab.labNamespace, lab.hosts[n]!, join(FIXTURES, `${DEVICES[n].recording}.snmprec`)));
    engine = await testEngine({ pollers: true, icmp: { method: 'raw' } });
    rec = recordEvents(engine);
    await unwrap(engine.api.call('settings.set', { snmpIntervalSec: 10 }));
    await engine.start();
    const cred = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
    for (const n of names) {
      ids[n] = (await unwrap(engine.api.call('devices.create', { name: n, address: lab.hosts[n]!, credentialIds: [cred.id] }))).id;
      await unwrap(engine.api.call('templates.apply', { templateId: DEVICES[n].template, deviceIds: [ids[n]] }));
    }
  }, 120_000);

  afterAll(async () => {
    rec?.stop();
    await engine?.close();
    await Promise.all(agents.map((a) => a.stop()));
    await lab?.destroy();
  });

  // The first stored sample (an object: a value of 0 counts as stored).
  const first = async (metric: string, device: Name, what: string): Promise<number> =>
    (await rec.waitFor(`${what} (${metric} of ${device})`, () => rec.of(metric, ids[device])[0], 60_000)).value;

  it('FortiGate: sessions and CPU as recorded', async () => {
    expect(await first('fortigate_sessions', 'fortigate', 'sessions')).toBeGreaterThan(0);
    const cpu = await first('cpu_util_pct', 'fortigate', 'CPU');
    expect(cpu).toBeGreaterThanOrEqual(0);
    expect(cpu).toBeLessThanOrEqual(100);
  }, 90_000);

  it('APC UPS: battery charge in %, runtime in seconds', async () => {
    const charge = await first('ups_battery_charge_pct', 'ups', 'battery charge');
    expect(charge).toBeGreaterThan(0);
    expect(charge).toBeLessThanOrEqual(100);
    expect(await first('ups_runtime_sec', 'ups', 'runtime')).toBeGreaterThan(60);
  }, 90_000);

  it('Junos: module temperatures in °C', async () => {
    const t = await first('sensor_celsius', 'junos', 'module temperature');
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(120);
  }, 90_000);

  it('Synology: system and disk status', async () => {
    expect(await first('syno_system_status', 'nas', 'system status')).toBe(1);
    const disks = await rec.waitFor('disk status rows', () => (rec.of('syno_disk_status', ids.nas).length > 0 ? rec.of('syno_disk_status', ids.nas) : undefined), 60_000);
    for (const d of disks) expect([1, 2, 3, 4, 5]).toContain(d.value);
  }, 90_000);

  it('ProCurve: CPU and fan states', async () => {
    const cpu = await first('cpu_util_pct', 'procurve', 'CPU');
    expect(cpu).toBeGreaterThanOrEqual(0);
    expect(cpu).toBeLessThanOrEqual(100);
    expect(await first('procurve_fan_status', 'procurve', 'fan state')).toBeGreaterThan(0);
  }, 90_000);
});
