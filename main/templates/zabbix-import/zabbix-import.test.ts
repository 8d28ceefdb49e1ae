import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TemplateBody } from '../../api/templates.ts';
import { ValidationError } from '../../errors.ts';
import { mapTemplate } from './import-template.ts';
import { createMacroResolver } from './macros.ts';
import { parseSnmpOid } from './snmp-oid.ts';
import { parseZabbixExport } from './zabbix-export.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../test/fixtures/zabbix-templates/${name}`, import.meta.url)), 'utf8');
const mapped = (name: string) => {
  const { export: e, format } = parseZabbixExport(fixture(name));
  const t = e.templates[0];
  if (!t) throw new Error('no template');
  return { format, version: e.version, ...mapTemplate(t, e.triggers ?? []) };
};
const reasons = (m: ReturnType<typeof mapped>) => Object.fromEntries(m.notMapped.map((n) => [n.name, n.reason]));

describe('snmp_oid forms', () => {
  it('reads plain OIDs, get[], walk[], discovery[] and rejects textual OIDs', () => {
    expect(parseSnmpOid('.1.3.6.1.2.1.1.3.0')).toEqual({ form: 'oid', oid: '1.3.6.1.2.1.1.3.0', perRow: false });
    expect(parseSnmpOid('1.3.6.1.2.1.2.2.1.8.{#SNMPINDEX}')).toEqual({ form: 'oid', oid: '1.3.6.1.2.1.2.2.1.8', perRow: true });
    expect(parseSnmpOid('get[1.3.6.1.2.1.1.5.0]')).toEqual({ form: 'oid', oid: '1.3.6.1.2.1.1.5.0', perRow: false });
    expect(parseSnmpOid('walk[1.3.6.1.2.1.2.2.1.2, 1.3.6.1.2.1.2.2.1.8]')).toEqual({ form: 'walk', oids: ['1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.8'] });
    expect(parseSnmpOid('discovery[{#IFNAME},1.3.6.1.2.1.31.1.1.1.1,{#IFALIAS},1.3.6.1.2.1.31.1.1.1.18]')).toEqual({
      form: 'discovery',
      columns: [
        { macro: '{#IFNAME}', oid: '1.3.6.1.2.1.31.1.1.1.1' },
        { macro: '{#IFALIAS}', oid: '1.3.6.1.2.1.31.1.1.1.18' },
      ],
    });
    expect(parseSnmpOid('IF-MIB::ifDescr.1')).toMatchObject({ form: 'unsupported', reason: expect.stringContaining('textual OID') });
    expect(parseSnmpOid('discovery[{#A}]')).toMatchObject({ form: 'unsupported' });
  });
});

describe('macros', () => {
  it('resolves plain and context macros, a per-row context to the plain default, and names the missing one', () => {
    const m = createMacroResolver([{ macro: '{$T}', value: '80' }, { macro: '{$T:"CPU"}', value: '70' }]);
    expect(m.resolve('{$T}')).toEqual({ ok: true, text: '80' });
    expect(m.resolve('{$T:"CPU"}')).toEqual({ ok: true, text: '70' });
    expect(m.resolve('{$T:"{#IFNAME}"}')).toEqual({ ok: true, text: '80' });
    expect(m.resolve('{$NOPE}>1')).toEqual({ ok: false, missing: '{$NOPE}' });
  });
});

describe('export parsing', () => {
  it('refuses what is not a Zabbix 6.0+ template export, saying why', () => {
    expect(() => parseZabbixExport('a: 1')).toThrow(/no zabbix_export/);
    expect(() => parseZabbixExport("zabbix_export:\n  version: '5.2'\n  templates:\n    - template: X\n")).toThrow(/Zabbix 5.2; templates from Zabbix 6.0/);
    expect(() => parseZabbixExport("zabbix_export:\n  version: '6.0'\n  hosts: []\n")).toThrow(ValidationError);
    expect(() => parseZabbixExport('<zabbix_export><version>6.0</version>')).toThrow(ValidationError);
  });

  it('reads the XML form like the YAML form (same template, item for item)', () => {
    const y = mapped('huawei-vrp-snmp.6.0.yaml');
    const x = mapped('huawei-vrp-snmp.6.0.xml');
    expect(x.format).toBe('xml');
    expect(y.format).toBe('yaml');
    expect(x.body).toEqual(y.body);
    expect(x.notMapped).toEqual(y.notMapped);
  });
});

describe('official Zabbix templates', () => {
  it('Linux by SNMP (8.0 export): the SNMP items with units and transforms, and every other item and trigger listed with its reason', () => {
    const m = mapped('linux-snmp.8.0.yaml');
    expect(TemplateBody.safeParse(m.body).success).toBe(true);
    expect(m.body.items?.map((i) => i.key)).toEqual([
      'system_contact',
      'system_cpu_intr',
      'system_cpu_switches',
      'system_descr',
      'system_hw_uptime',
      'system_name',
      'system_net_uptime',
      'system_objectid',
      'system_swap_free',
      'system_swap_total',
      'vm_memory_buffers',
      'vm_memory_cached',
      'vm_memory_free',
      'vm_memory_total',
    ]);
    const byKey = new Map(m.body.items?.map((i) => [i.key, i]));
    expect(byKey.get('system_cpu_intr')).toMatchObject({ oid: '1.3.6.1.4.1.2021.11.59.0', valueType: 'counter', transforms: [{ type: 'rate' }] });
    expect(byKey.get('system_hw_uptime')).toMatchObject({ oid: '1.3.6.1.2.1.25.1.1.0', mib: 'HOST-RESOURCES-MIB::hrSystemUptime', unit: 's', transforms: [{ type: 'scale', factor: 0.01 }], intervalSec: 30 });
    expect(byKey.get('vm_memory_total')).toMatchObject({ mib: 'UCD-SNMP-MIB::memTotalReal', unit: 'B', valueType: 'gauge', transforms: [{ type: 'scale', factor: 1024 }] });
    expect(byKey.get('system_name')).toMatchObject({ valueType: 'text', oid: '1.3.6.1.2.1.1.5.0', intervalSec: 900 });
    const why = reasons(m);
    expect(Object.keys(why)).toHaveLength(15);
    expect(why['ICMP ping']).toMatch(/simple check/);
    expect(why['Load average (1m avg)']).toMatch(/dependent item of system.cpu.load.walk \(preprocessing: JSONPATH\)/);
    expect(why['Number of CPUs']).toMatch(/JAVASCRIPT/);
    expect(why['Memory utilization']).toMatch(/calculated item/);
    expect(why['SNMP agent availability']).toMatch(/internal/);
    expect(why['SNMP walk system CPUs']).toMatch(/walk item nothing mappable reads/);
    expect(why['Linux: System name has changed']).toMatch(/complex expression/);
    expect(why['Linux: High memory utilization']).toMatch(/its item vm.memory.util\[snmp\] was not imported/);
    expect(why['Linux: Unavailable by ICMP ping']).toMatch(/its item icmpping was not imported/);
    expect(m.alerts).toEqual([]);
    expect(m.notes).toContainEqual({ name: 'System contact details', note: expect.stringMatching(/discard unchanged/) });
  });

  it('Huawei VRP by SNMP (6.0 export): discovery[] rules become tables with their filters; a global-regexp filter and a macro without default are reported', () => {
    const m = mapped('huawei-vrp-snmp.6.0.yaml');
    expect(m.version).toBe('6.0');
    expect(m.body.items).toHaveLength(3);
    expect(m.body.tables).toHaveLength(2);
    const [mpu, ifs] = m.body.tables ?? [];
    expect(mpu).toMatchObject({
      key: 'mpu_discovery',
      kind: 'generic',
      index: { oid: '1.3.6.1.2.1.47.1.1.1.1.7' },
      nameColumns: [{ oid: '1.3.6.1.2.1.47.1.1.1.1.7' }],
      filters: [{ oid: '1.3.6.1.2.1.47.1.1.1.1.7', pattern: '(MPU.*|SRU.*)' }],
      columns: [{ key: 'system_cpu_util', oid: '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5', mib: 'HUAWEI-ENTITY-EXTENT-MIB::hwEntityCpuUsage', unit: '%' }],
    });
    expect(ifs).toMatchObject({
      kind: 'interface',
      label: 'interface',
      index: { oid: '1.3.6.1.2.1.2.2.1.8' },
      nameColumns: [{ oid: '1.3.6.1.2.1.31.1.1.1.1' }],
      aliasColumn: { oid: '1.3.6.1.2.1.31.1.1.1.18' },
      filters: [{ oid: '1.3.6.1.2.1.2.2.1.7', pattern: '(1|3)' }],
      columns: [{ key: 'net_if_speed', oid: '1.3.6.1.2.1.31.1.1.1.15', unit: 'bps', transforms: [{ type: 'scale', factor: 1_000_000 }] }],
    });
    expect(m.notMapped).toEqual([{ kind: 'trigger', name: '{#ENT_NAME}: High CPU utilization', reason: expect.stringMatching(/\{\$CPU.UTIL.CRIT\} has no default/) }]);
    expect(m.notes).toContainEqual({ name: 'Network Interfaces Discovery', note: expect.stringMatching(/@Network interfaces for discovery not kept/) });
  });

  it('Cisco IOS by SNMP (8.0 export): get[] items from ENTITY-MIB and SNMPv2-MIB; ICMP, traps, unused walks and change triggers listed', () => {
    const m = mapped('cisco-ios-snmp.8.0.yaml');
    expect(TemplateBody.safeParse(m.body).success).toBe(true);
    expect(m.body.items?.map((i) => [i.key, i.oid, i.valueType])).toEqual([
      ['system_contact', '1.3.6.1.2.1.1.4.0', 'text'],
      ['system_descr', '1.3.6.1.2.1.1.1.0', 'text'],
      ['system_hw_model', '1.3.6.1.2.1.47.1.1.1.1.13.1', 'text'],
      ['system_hw_serialnumber', '1.3.6.1.2.1.47.1.1.1.1.11.1', 'text'],
      ['system_hw_uptime', '1.3.6.1.2.1.25.1.1.0', 'gauge'],
      ['system_location', '1.3.6.1.2.1.1.6.0', 'text'],
      ['system_name', '1.3.6.1.2.1.1.5.0', 'text'],
      ['system_net_uptime', '1.3.6.1.2.1.1.3.0', 'gauge'],
    ]);
    expect(m.body.items?.find((i) => i.key === 'system_hw_model')).toMatchObject({ mib: 'ENTITY-MIB::systemHwModel', intervalSec: 3600 });
    const why = reasons(m);
    expect(Object.keys(why)).toHaveLength(16);
    expect(why['SNMP traps (fallback)']).toMatch(/traps are not received/);
    expect(why['ICMP loss']).toMatch(/simple check/);
    expect(why['Cisco IOS: SNMP walk fans']).toMatch(/walk item nothing mappable reads/);
    expect(why['Cisco IOS: High ICMP ping loss']).toMatch(/complex expression/);
    expect(why['Cisco IOS: High ICMP ping response time']).toMatch(/its item icmppingsec was not imported/);
    expect(why['Cisco IOS: Device has been replaced']).toMatch(/complex expression/);
    expect(m.alerts).toEqual([]);
  });

  it('maps a prototype trigger once its macro has a default', () => {
    const { export: e } = parseZabbixExport(fixture('huawei-vrp-snmp.6.0.yaml'));
    const t = e.templates[0];
    if (!t) throw new Error('no template');
    const m = mapTemplate({ ...t, macros: [{ macro: '{$CPU.UTIL.CRIT}', value: '90' }] });
    expect(m.alerts).toEqual([
      { name: 'High CPU utilization', severity: 'warning', itemKey: 'system_cpu_util', condition: { kind: 'threshold', metric: 'system_cpu_util', op: 'above', value: 90, forSec: 300 }, expression: expect.stringContaining('min(') },
    ]);
    expect(TemplateBody.parse(m.body).alerts).toHaveLength(1);
  });
});

describe('a site template (7.0, walk-based)', () => {
  it('maps the walk-based discovery, the value map, simple triggers with macros, and lists the rest', () => {
    const m = mapped('site-linux-router.7.0.yaml');
    expect(TemplateBody.safeParse(m.body).success).toBe(true);
    expect(m.body.items?.map((i) => i.key)).toEqual(['vm_memory_free', 'proc_num', 'missing_object']);
    expect(m.body.tables).toHaveLength(1);
    expect(m.body.tables?.[0]).toMatchObject({
      kind: 'interface',
      index: { oid: '1.3.6.1.2.1.2.2.1.2' },
      nameColumns: [{ oid: '1.3.6.1.2.1.2.2.1.2' }],
      aliasColumn: { oid: '1.3.6.1.2.1.31.1.1.1.18' },
      filters: [{ oid: '1.3.6.1.2.1.2.2.1.2', pattern: '^(lo|eth|veth|ens)' }],
      columns: [
        { key: 'net_if_status', name: 'Operational status', oid: '1.3.6.1.2.1.2.2.1.8', valueType: 'state', states: { '1': 'up', '2': 'down', '7': 'lowerLayerDown' } },
        { key: 'net_if_in', name: 'Bits received', oid: '1.3.6.1.2.1.31.1.1.1.6', valueType: 'counter', unit: 'bps', transforms: [{ type: 'rate' }, { type: 'scale', factor: 8 }] },
      ],
    });
    expect(m.alerts.map((a) => [a.name, a.condition])).toEqual([
      ['Free memory is low', { kind: 'threshold', metric: 'vm_memory_free', op: 'below', value: 10 * 1024 * 1024, forSec: 0 }],
      ['Too many processes', { kind: 'threshold', metric: 'proc_num', op: 'above', value: 800, forSec: 600 }],
      // last()=0: exactly "the value is 0", a rule on a set of states.
      ['No processes reported', { kind: 'state', metric: 'proc_num', op: 'in', values: [0], forSec: 0 }],
      ['High inbound traffic', { kind: 'threshold', metric: 'net_if_in', op: 'above', value: 900_000_000, forSec: 300 }],
    ]);
    const why = reasons(m);
    expect(why).toEqual({
      'Memory in use': 'preprocessing JAVASCRIPT cannot be mapped',
      'Interfaces: Interface {#IFDESCR}: Errors': expect.stringMatching(/SNMP walk value/),
    });
  });
});
