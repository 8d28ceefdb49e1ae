/**
 * Inventory from the SNMP evidence round, end to end against real Net-SNMP agents: a stack whose
 * ENTITY-MIB row 1 is the stack and whose chassis is row 1001 (served with snmpd's `override`),
 * a UPS with UPS-MIB ident, and the discovery lab's usual hosts. The scan's results carry serial,
 * model and firmware; "add to monitoring" puts them on the device; the inventory report shows them
 * (CSV, JSON). The job records the evidence round's cost per host, printed for the record.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { DiscoveryHost, DiscoveryJob } from '../../main/api/discovery.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { testEngine } from '../support/engine.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { DISCOVERY_HOSTS, waitForEvent } from './discovery-support.ts';
import type { LabHostSpec } from './lab-spec.ts';

const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const UPS = '1.3.6.1.2.1.33.1.1';

const STACK: LabHostSpec = {
  name: 'stack',
  octet: 30,
  snmp: {
    sysDescr: 'Stackable switch, firmware 16.12.4',
    sysObjectID: '1.3.6.1.4.1.99999.1.7',
    sysName: 'stack-sw1',
    sysServices: 6,
    objects: [
      { oid: `${ENT}.2.1`, type: 'octet_str', value: 'c38xx Stack' },
      { oid: `${ENT}.5.1`, type: 'integer', value: 11 },
      { oid: `${ENT}.7.1`, type: 'octet_str', value: 'Stack' },
      { oid: `${ENT}.2.1001`, type: 'octet_str', value: 'WS-C3850-48P-E' },
      { oid: `${ENT}.5.1001`, type: 'integer', value: 3 },
      { oid: `${ENT}.7.1001`, type: 'octet_str', value: 'Switch 1' },
      { oid: `${ENT}.8.1001`, type: 'octet_str', value: 'V07' },
      { oid: `${ENT}.10.1001`, type: 'octet_str', value: '16.12.4' },
      { oid: `${ENT}.11.1001`, type: 'octet_str', value: 'FOC1234X0AB' },
      { oid: `${ENT}.12.1001`, type: 'octet_str', value: 'Cisco Systems Inc.' },
      { oid: `${ENT}.13.1001`, type: 'octet_str', value: 'WS-C3850-48P' },
      { oid: `${ENT}.2.1002`, type: 'octet_str', value: 'Switch 1 - Power Supply A' },
      { oid: `${ENT}.5.1002`, type: 'integer', value: 6 },
      // LLDP: bridge and router enabled (bits 2 and 4 of the first octet, MSB first).
      { oid: '1.0.8802.1.1.2.1.3.6.0', type: 'hex', value: '2800' },
      { oid: '1.3.6.1.2.1.17.1.2.0', type: 'integer', value: 52 },
    ],
  },
};

const UPS_HOST: LabHostSpec = {
  name: 'ups',
  octet: 31,
  snmp: {
    sysDescr: 'UPS network management card',
    sysObjectID: '1.3.6.1.4.1.99999.2.1',
    sysName: 'ups-1',
    sysServices: 72,
    objects: [
      { oid: `${UPS}.1.0`, type: 'octet_str', value: 'APC' },
      { oid: `${UPS}.2.0`, type: 'octet_str', value: 'Smart-UPS 1500' },
      { oid: `${UPS}.3.0`, type: 'octet_str', value: 'UPS 08.3' },
      { oid: `${UPS}.4.0`, type: 'octet_str', value: 'v6.8.2' },
    ],
  },
};

describeLab('discovery: inventory from the evidence round, on the result, the device and the report', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let job: DiscoveryJob;
  let results: Map<string, DiscoveryHost>;
  const dir = tempDir();

  beforeAll(async () => {
    const usual = DISCOVERY_HOSTS.filter((h) => ['router', 'switch', 'linux', 'windows', 'printer'].includes(h.name));
    lab = await createLab({ name: 'disc-inv', probe: 'root', hosts: [...usual, STACK, UPS_HOST] });
    engine = await testEngine({ icmp: { method: 'raw', ratePerSec: 5000 }, logger: createLogger({ level: 'error' }) });
    const cred = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
    const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 60_000, 'discovery.finished');
    await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], credentialIds: [cred.id], ratePps: 2000, timeoutMs: 500, retries: 1, reverseDns: false }));
    job = await finished;
    const page = await unwrap(engine.api.call('discovery.get', { jobId: job.id, limit: 1000 }));
    results = new Map(page.results.map((h) => [h.address, h]));
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await lab?.destroy();
    dir.cleanup();
  });

  it('the stack: its chassis at index 1001 gives model, serial, firmware and hardware revision; the UPS its model and software', () => {
    expect(results.get(lab.hosts.stack!)).toMatchObject({ sysName: 'stack-sw1', model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    expect(results.get(lab.hosts.ups!)).toMatchObject({ sysName: 'ups-1', model: 'Smart-UPS 1500', serial: null, firmware: 'UPS 08.3', hardwareRev: null });
    // Net-SNMP on Linux has no chassis row: nothing is invented.
    expect(results.get(lab.hosts.linux!)).toMatchObject({ serial: null, hardwareRev: null });
  });

  it('the job records the evidence round per host (a GET, a GETNEXT beside it for some OS-family probes, a GETBULK for the stack), well within a timeout', () => {
    const ev = job.evidence!;
    // router, switch, linux, windows, printer, stack, ups answered public.
    expect(ev.hosts).toBe(7);
    expect(ev.requests).toBeGreaterThanOrEqual(8);
    expect(ev.requests).toBeLessThanOrEqual(2 * ev.hosts + 1);
    const meanMs = ev.totalMs / ev.hosts;
    process.stdout.write(`evidence round: ${ev.hosts} hosts, ${ev.requests} requests, mean ${meanMs.toFixed(1)} ms per host, max ${ev.maxMs.toFixed(1)} ms\n`);
    expect(ev.maxMs).toBeLessThan(500);
  });

  it('"add to monitoring" puts the inventory on the device; the inventory report shows it (CSV, JSON)', async () => {
    const added = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId: job.id, addresses: [lab.hosts.stack!, lab.hosts.ups!] }));
    const [stack, ups] = await Promise.all(added.results.map((r) => unwrap(engine.api.call('devices.get', { id: r.deviceId! }))));
    expect(stack).toMatchObject({ model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    expect(ups).toMatchObject({ model: 'Smart-UPS 1500', firmware: 'UPS 08.3' });

    const report = async (format: 'csv' | 'json'): Promise<string> => {
      const gen = await unwrap(engine.api.call('reports.generate', { kind: 'inventory', from: Date.now() - 86_400_000, to: Date.now() + 60_000, format }));
      await engine.areas.reports.wait(gen.reportId);
      const dl = await unwrap(engine.api.call('reports.download', { id: gen.reportId }));
      return dl.content;
    };
    const csv = (await report('csv')).split(/\r?\n/);
    expect(csv[0]).toMatch(/,Model,Serial,Firmware,HW rev,/);
    expect(csv.find((l) => l.startsWith('stack-sw1,'))).toMatch(/,WS-C3850-48P,FOC1234X0AB,16\.12\.4,V07,/);
    const json = JSON.parse(await report('json')) as { tables: { devices: Array<Record<string, unknown>> } };
    expect(json.tables.devices.find((d) => d.name === 'ups-1')).toMatchObject({ model: 'Smart-UPS 1500', serial: null, firmware: 'UPS 08.3' });
  });

  it('`wardflux discover --csv` and `--json` carry the inventory', async () => {
    const env = { ...process.env, WARD_DATA_DIR: dir.dir };
    const args = ['discover', lab.hosts.stack!, '-c', 'public', '--no-dns', '--timeout', '500'];
    const csv = await runCli([...args, '--csv'], env);
    expect(csv.code, csv.stderr).toBe(0);
    const [header, row] = csv.stdout.trim().split('\n');
    expect(header).toMatch(/,model,serial,firmware,hardware_rev,/);
    expect(row).toContain(',WS-C3850-48P,FOC1234X0AB,16.12.4,V07,');
    const json = await runCli([...args, '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as { job: DiscoveryJob; results: DiscoveryHost[] };
    expect(out.results[0]).toMatchObject({ serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    expect(out.job.evidence).toMatchObject({ hosts: 1 });
    expect(out.job.evidence!.requests).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
