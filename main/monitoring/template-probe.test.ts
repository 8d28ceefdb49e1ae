/**
 * The template test (poll once) with the real poller against a captured Net-SNMP agent (the fake
 * agent serving test/fixtures/snmp/'s two snmpwalk captures, 15 s apart): an imported Zabbix
 * template's values with their units, and the reasons of those without one.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Template, TemplateBody } from '../api/templates.ts';
import { silentLogger } from '../lib/logger.ts';
import { createSnmpClient, type SnmpClient } from '../snmp/client.ts';
import { type FakeAgent, startFakeAgent } from '../snmp/testing/fake-agent.ts';
import { loadSnmpwalkFile } from '../snmp/testing/snmpwalk-text.ts';
import { mapTemplate } from '../templates/zabbix-import/import-template.ts';
import { parseZabbixExport } from '../templates/zabbix-import/zabbix-export.ts';
import { probeTemplate } from './template-probe.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIRST = loadSnmpwalkFile(path.join(ROOT, 'test/fixtures/snmp/net-snmp-5.9.3-linux.walk'));
const LATER = loadSnmpwalkFile(path.join(ROOT, 'test/fixtures/snmp/net-snmp-5.9.3-linux.later.walk'));

function imported(file: string): Template {
  const { export: e } = parseZabbixExport(readFileSync(path.join(ROOT, 'test/fixtures/zabbix-templates', file), 'utf8'));
  const m = mapTemplate(e.templates[0] as NonNullable<(typeof e.templates)[0]>);
  return { ...TemplateBody.parse(m.body), id: m.body.id, builtIn: false, createdAt: null, updatedAt: null };
}

describe('template test against a captured agent', () => {
  let agent: FakeAgent;
  let client: SnmpClient;
  const mib = new Map(FIRST);

  beforeAll(async () => {
    agent = await startFakeAgent(mib, 'public');
    client = createSnmpClient({ defaults: { timeoutMs: 1000, retries: 0 } });
  });
  afterAll(async () => {
    client.close();
    await agent.close();
  });

  it('gives every value with its unit, rates from two readings, and why the others have none', async () => {
    let now = 1_700_000_000_000;
    const template = imported('site-linux-router.7.0.yaml');
    const result = await probeTemplate(template, `127.0.0.1:${agent.port}`, [{ id: 'c1', version: '2c', community: 'public' }], {
      client,
      clock: { now: () => now },
      logger: silentLogger(),
      // The second reading is the later capture, 15 s on.
      sleep: async () => {
        for (const [k, v] of LATER) mib.set(k, v);
        now += 15_000;
      },
    });
    expect(result.status).toBe('ok');
    const by = (key: string, row?: string) => result.values.find((v) => v.key === key && v.row === row);
    expect(by('vm_memory_free')).toEqual({ key: 'vm_memory_free', name: 'Free memory', unit: 'B', value: expect.any(Number) });
    expect((by('vm_memory_free')?.value ?? 0) % 1024).toBe(0);
    expect(by('proc_num')).toMatchObject({ value: null, reason: 'no such object (noSuchObject)' });
    expect(by('missing_object')).toMatchObject({ value: null, reason: 'no such object (noSuchObject)' });
    // The filter keeps lo and eth0 (not ifb0, ifb1, wfl1p); status is a state, traffic a rate in bit/s.
    expect([...new Set(result.values.filter((v) => v.table === 'net_if_discovery').map((v) => v.row))].sort()).toEqual(['eth0', 'lo']);
    expect(by('net_if_status', 'eth0')).toMatchObject({ table: 'net_if_discovery', name: 'Operational status', value: 1, state: 'up' });
    expect(by('net_if_in', 'eth0')).toMatchObject({ unit: 'bps', value: expect.any(Number) });
    expect(by('net_if_in', 'eth0')?.value).toBeGreaterThan(0);
  });

  it('names a wrong type: text where a number was expected', async () => {
    const template: Template = {
      ...TemplateBody.parse({ name: 'Wrong type', items: [{ key: 'descr_as_number', name: 'sysDescr as a number', oid: '1.3.6.1.2.1.1.1.0', mib: 'SNMPv2-MIB::sysDescr', valueType: 'gauge', unit: 'V' }] }),
      id: 'wrong-type',
      builtIn: false,
      createdAt: null,
      updatedAt: null,
    };
    const result = await probeTemplate(template, `127.0.0.1:${agent.port}`, [{ id: 'c1', version: '2c', community: 'public' }], { client, clock: { now: () => Date.now() }, logger: silentLogger() });
    expect(result.status).toBe('ok');
    expect(result.values).toEqual([{ key: 'descr_as_number', name: 'sysDescr as a number', unit: 'V', value: null, reason: 'wrong type: OctetString "WARD FLUX fixture agent: Net-SNMP snmpd on Debian 12" is not a number' }]);
  });

  it('text read as a state (textMap) and as a number: the value and its state, or the text no entry matches', async () => {
    const template: Template = {
      ...TemplateBody.parse({
        name: 'Text values',
        items: [
          { key: 'site_state', name: 'Site by its location', oid: '1.3.6.1.2.1.1.6.0', mib: 'SNMPv2-MIB::sysLocation', valueType: 'state', transforms: [{ type: 'textMap', map: { 'lab bench, rack 1': 1 } }], states: { '1': 'lab' } },
          { key: 'rack_number', name: 'Rack number', oid: '1.3.6.1.2.1.1.6.0', mib: 'SNMPv2-MIB::sysLocation', valueType: 'gauge', transforms: [{ type: 'number' }] },
          { key: 'name_state', name: 'Name as a state', oid: '1.3.6.1.2.1.1.5.0', mib: 'SNMPv2-MIB::sysName', valueType: 'state', transforms: [{ type: 'textMap', map: { other: 1 } }] },
        ],
      }),
      id: 'text-values',
      builtIn: false,
      createdAt: null,
      updatedAt: null,
    };
    const result = await probeTemplate(template, `127.0.0.1:${agent.port}`, [{ id: 'c1', version: '2c', community: 'public' }], { client, clock: { now: () => Date.now() }, logger: silentLogger() });
    expect(result.values.find((v) => v.key === 'site_state')).toMatchObject({ value: 1, state: 'lab' });
    expect(result.values.find((v) => v.key === 'rack_number')).toMatchObject({ value: 1 });
    expect(result.values.find((v) => v.key === 'name_state')).toMatchObject({ value: null, reason: 'text "fixture-linux" is not in the item\'s text map' });
  });

  it('says timeout for every value when the device does not answer', async () => {
    agent.mode = 'silent';
    try {
      const template = imported('huawei-vrp-snmp.6.0.yaml');
      const result = await probeTemplate(template, `127.0.0.1:${agent.port}`, [{ id: 'c1', version: '2c', community: 'public' }], { client, clock: { now: () => Date.now() }, logger: silentLogger() });
      expect(result.status).toBe('timeout');
      expect(result.values.length).toBe(5);
      expect(new Set(result.values.map((v) => v.reason))).toEqual(new Set(['timeout: the device did not answer']));
    } finally {
      agent.mode = 'normal';
    }
  });
});
