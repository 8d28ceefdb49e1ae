/**
 * An official Zabbix template (an excerpt of "Linux by SNMP", test/fixtures/zabbix-templates/)
 * imported through the contract and tested against a real Net-SNMP snmpd in the lab: every
 * SNMP item it maps has a value with its unit from the agent (text items their text), the
 * interrupt counter a rate from the two readings; a site's 7.0 template's interface table gives
 * rows and says which objects the agent lacks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/zabbix-templates');

describeLab('templates: a Zabbix import tested against snmpd', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let credentialId: string;

  beforeAll(async () => {
    lab = await createLab({ name: 'zbx-import', probe: 'root', hosts: [{ name: 'srv', snmp: { sysName: 'lab-linux', sysDescr: 'Linux lab-linux' } }] });
    engine = await testEngine({ pollers: false });
    credentialId = (await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }))).id;
  });
  afterAll(async () => {
    await engine?.close();
    await lab?.destroy();
  });

  it('Linux by SNMP: every mapped item has its value and unit from the real agent', async () => {
    const report = await unwrap(engine.api.call('templates.import', { content: readFileSync(path.join(FIXTURES, 'linux-snmp.8.0.yaml'), 'utf8') }));
    expect(report.templates[0]).toMatchObject({ stored: true, templateId: 'zbx-linux-by-snmp', counts: { items: 14 } });
    const r = await unwrap(engine.api.call('templates.test', { templateId: 'zbx-linux-by-snmp', address: lab.hosts.srv ?? '', credentialIds: [credentialId] }));
    expect(r.status).toBe('ok');
    const by = new Map(r.values.map((v) => [v.key, v]));
    expect(by.get('system_name')).toMatchObject({ text: 'lab-linux', value: null });
    expect(by.get('system_descr')).toMatchObject({ text: 'Linux lab-linux' });
    expect(by.get('system_objectid')?.text).toMatch(/^1\.3\.6\.1\.4\.1\./);
    const uptime = by.get('system_net_uptime');
    expect(uptime).toMatchObject({ unit: 's' });
    expect(uptime?.value).toBeGreaterThan(0);
    expect(uptime?.value).toBeLessThan(3600);
    for (const key of ['vm_memory_total', 'vm_memory_free', 'vm_memory_buffers', 'vm_memory_cached']) {
      expect(by.get(key), key).toMatchObject({ unit: 'B' });
      expect(by.get(key)?.value ?? -1, key).toBeGreaterThan(0);
      expect((by.get(key)?.value ?? 1) % 1024, key).toBe(0);
    }
    expect(by.get('vm_memory_free')?.value ?? Infinity).toBeLessThanOrEqual(by.get('vm_memory_total')?.value ?? 0);
    // Two readings 2 s apart: interrupts and context switches per second (snmpd caches these
    // counters for a few seconds, so 0 is a fair rate; a missing rate would be null).
    expect(by.get('system_cpu_intr')?.value ?? -1).toBeGreaterThanOrEqual(0);
    expect(by.get('system_cpu_switches')?.value ?? -1).toBeGreaterThanOrEqual(0);
    // Nothing without a value or a reason.
    for (const v of r.values) expect(v.value !== null || v.text !== undefined || v.reason !== undefined, v.key).toBe(true);
  }, 60_000);

  it('a site 7.0 template: interface rows from the walk-based discovery, and the object the agent lacks named', async () => {
    const report = await unwrap(engine.api.call('templates.import', { content: readFileSync(path.join(FIXTURES, 'site-linux-router.7.0.yaml'), 'utf8') }));
    const id = report.templates[0]?.templateId ?? '';
    const r = await unwrap(engine.api.call('templates.test', { templateId: id, address: lab.hosts.srv ?? '', credentialIds: [credentialId] }));
    expect(r.status).toBe('ok');
    expect(r.values.find((v) => v.key === 'net_if_status' && v.row === 'lo')).toMatchObject({ table: 'net_if_discovery', value: 1 });
    expect(r.values.find((v) => v.key === 'net_if_in' && v.row === 'lo')).toMatchObject({ unit: 'bps', value: expect.any(Number) });
    expect(r.values.find((v) => v.key === 'missing_object')).toMatchObject({ value: null, reason: expect.stringMatching(/^no such object/) });
    expect(r.values.find((v) => v.key === 'proc_num')?.value ?? -1).toBeGreaterThan(0);
  }, 60_000);
});
