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

  it('APC UPS SNMP (6.0 export): PowerNet-MIB items with value maps as states, last()=N and min(,{$TIME.PERIOD}) triggers as rules; a rule whose prototype is no column, find() and complex triggers listed', () => {
    const m = mapped('apc-ups-snmp.6.0.yaml');
    expect(m.version).toBe('6.0');
    expect(TemplateBody.safeParse(m.body).success).toBe(true);
    expect(m.body.items?.map((i) => [i.key, i.oid, i.valueType])).toEqual([
      ['battery_capacity', '1.3.6.1.4.1.318.1.1.1.2.3.1.0', 'gauge'],
      ['battery_replace_indicator', '1.3.6.1.4.1.318.1.1.1.2.2.4.0', 'state'],
      ['battery_status', '1.3.6.1.4.1.318.1.1.1.2.1.1.0', 'state'],
      ['battery_temperature', '1.3.6.1.4.1.318.1.1.1.2.3.2.0', 'gauge'],
      ['input_voltage', '1.3.6.1.4.1.318.1.1.1.3.3.1.0', 'gauge'],
      ['output_load', '1.3.6.1.4.1.318.1.1.1.4.3.3.0', 'gauge'],
      ['output_status', '1.3.6.1.4.1.318.1.1.1.4.1.1.0', 'state'],
      ['system_model', '1.3.6.1.4.1.318.1.1.1.1.1.1.0', 'text'],
      ['system_name', '1.3.6.1.2.1.1.5.0', 'text'],
      ['system_uptime', '1.3.6.1.2.1.1.3.0', 'gauge'],
    ]);
    const byKey = new Map(m.body.items?.map((i) => [i.key, i]));
    expect(byKey.get('battery_capacity')).toMatchObject({ mib: 'PowerNet-MIB::upsHighPrecBatteryCapacity', unit: '%', transforms: [{ type: 'scale', factor: 0.1 }] });
    expect(byKey.get('battery_status')).toMatchObject({ transforms: [], states: { '1': 'Unknown', '2': 'Normal', '3': 'Low', '4': 'In Fault Condition' } });
    expect(Object.keys(byKey.get('output_status')?.states ?? {})).toHaveLength(26);
    expect(byKey.get('system_uptime')).toMatchObject({ unit: 's', intervalSec: 30, transforms: [{ type: 'scale', factor: 0.01 }] });

    expect(m.body.tables).toHaveLength(1);
    expect(m.body.tables?.[0]).toMatchObject({
      key: 'battery_packs_discovery',
      kind: 'generic',
      index: { oid: '1.3.6.1.4.1.318.1.1.1.2.3.10.2.1.7' },
      nameColumns: [{ oid: '1.3.6.1.4.1.318.1.1.1.2.3.10.2.1.1' }, { oid: '1.3.6.1.4.1.318.1.1.1.2.3.10.2.1.2' }],
      filters: [],
      columns: [
        { name: 'Battery pack cartridge health', oid: '1.3.6.1.4.1.318.1.1.1.2.3.10.2.1.7', valueType: 'text' },
        { name: 'Battery temperature', oid: '1.3.6.1.4.1.318.1.1.1.2.3.10.2.1.5', unit: '℃', transforms: [{ type: 'scale', factor: 0.1 }] },
      ],
    });
    expect(m.notes).toContainEqual({ name: 'External battery packs discovery', note: expect.stringMatching(/NOT_MATCHES_REGEX \^\$ not kept/) });

    expect(m.alerts.map((a) => [a.name, a.severity, a.condition])).toEqual([
      ['Battery has low capacity', 'major', { kind: 'threshold', metric: 'battery_capacity', op: 'below', value: 50, forSec: 0 }],
      ['Battery needs replacement', 'major', { kind: 'state', metric: 'battery_replace_indicator', op: 'in', values: [2], forSec: 0 }],
      ['Battery has an internal error condition', 'minor', { kind: 'state', metric: 'battery_status', op: 'in', values: [4], forSec: 0 }],
      ['Battery is Low', 'minor', { kind: 'state', metric: 'battery_status', op: 'in', values: [3], forSec: 0 }],
      // min(…,{$TIME.PERIOD}) above: the period macro (15m) resolved to "for 900 s".
      ['Battery has high temperature', 'major', { kind: 'threshold', metric: 'battery_temperature', op: 'above', value: 55, forSec: 900 }],
      ['Output load is high', 'major', { kind: 'threshold', metric: 'output_load', op: 'above', value: 80, forSec: 900 }],
      ['UPS is Off', 'minor', { kind: 'state', metric: 'output_status', op: 'in', values: [7], forSec: 0 }],
      ['UPS is on battery', 'minor', { kind: 'state', metric: 'output_status', op: 'in', values: [3], forSec: 0 }],
      ['has been restarted', 'warning', { kind: 'threshold', metric: 'system_uptime', op: 'below', value: 600, forSec: 0 }],
      // The prototype's trigger watches every battery pack's row.
      ['Battery has high temperature', 'major', { kind: 'threshold', metric: 'battery_temperature_upshighprecbatterypacktemperature', op: 'above', value: 55, forSec: 900 }],
    ]);

    const why = reasons(m);
    expect(Object.keys(why)).toHaveLength(8);
    expect(why['SNMP traps (fallback)']).toMatch(/traps are not received/);
    expect(why['SNMP agent availability']).toMatch(/internal/);
    expect(why['External bad battery packs discovery']).toMatch(/none of its item prototypes can be mapped/);
    expect(why['External bad battery packs discovery: {#SNMPINDEX}: External battery packs bad']).toMatch(/its discovery rule was not mapped/);
    expect(why['Unacceptable input voltage']).toMatch(/complex expression/);
    expect(why['System name has changed']).toMatch(/complex expression/);
    expect(why['No SNMP data collection']).toMatch(/its item zabbix\[host,snmp,available\] was not imported/);
    expect(why['{#BATTERY_PACK}.{#CARTRIDGE_INDEX}: Battery lifetime is not okay']).toMatch(/not of the form .*find\(/);
  });

  it('Arista by SNMP (6.0 export): ENTITY-MIB and IF-MIB discovery[] rules as tables (4 of 12 filters kept), the dependent sensor rule and discovery[] items listed', () => {
    const m = mapped('arista-snmp.6.0.yaml');
    expect(m.version).toBe('6.0');
    expect(TemplateBody.safeParse(m.body).success).toBe(true);
    expect(m.body.items?.map((i) => [i.key, i.oid, i.valueType, i.intervalSec])).toEqual([
      ['system_descr', '1.3.6.1.2.1.1.1.0', 'text', 900],
      ['system_hw_uptime', '1.3.6.1.2.1.25.1.1.0', 'gauge', 30],
      ['system_name', '1.3.6.1.2.1.1.5.0', 'text', 900],
      ['system_net_uptime', '1.3.6.1.2.1.1.3.0', 'gauge', 30],
    ]);
    expect(m.notes).toContainEqual({ name: 'Uptime (hardware)', note: expect.stringMatching(/not supported/) });

    const [entity, ifs] = m.body.tables ?? [];
    expect(m.body.tables).toHaveLength(2);
    expect(entity).toMatchObject({
      key: 'entity_discovery',
      kind: 'generic',
      index: { oid: '1.3.6.1.2.1.47.1.1.1.1.5' },
      nameColumns: [{ oid: '1.3.6.1.2.1.47.1.1.1.1.7' }],
      filters: [{ oid: '1.3.6.1.2.1.47.1.1.1.1.5', pattern: '3' }],
      columns: [
        { key: 'system_hw_model', oid: '1.3.6.1.2.1.47.1.1.1.1.13', mib: 'ENTITY-MIB::entPhysicalModelName', valueType: 'text' },
        { key: 'system_hw_serialnumber', oid: '1.3.6.1.2.1.47.1.1.1.1.11', mib: 'ENTITY-MIB::entPhysicalSerialNum', valueType: 'text' },
      ],
    });
    expect(ifs).toMatchObject({
      key: 'net_if_discovery',
      kind: 'interface',
      index: { oid: '1.3.6.1.2.1.2.2.1.8' },
      nameColumns: [{ oid: '1.3.6.1.2.1.31.1.1.1.1' }],
      aliasColumn: { oid: '1.3.6.1.2.1.31.1.1.1.18' },
      // The first four MATCHES_REGEX conditions, in order (every NOT_MATCHES_REGEX one and the rest are notes).
      filters: [
        { oid: '1.3.6.1.2.1.2.2.1.7', pattern: '^.*' },
        { oid: '1.3.6.1.2.1.2.2.1.8', pattern: '^.*$' },
        { oid: '1.3.6.1.2.1.31.1.1.1.1', pattern: '^.*$' },
        { oid: '1.3.6.1.2.1.2.2.1.2', pattern: '.*' },
      ],
    });
    expect(ifs?.columns.map((c) => [c.key, c.oid, c.valueType, c.unit, c.transforms])).toEqual([
      ['net_if_in_errors', '1.3.6.1.2.1.2.2.1.14', 'counter', undefined, [{ type: 'rate' }]],
      ['net_if_in', '1.3.6.1.2.1.31.1.1.1.6', 'counter', 'bps', [{ type: 'rate' }, { type: 'scale', factor: 8 }]],
      ['net_if_out', '1.3.6.1.2.1.31.1.1.1.10', 'counter', 'bps', [{ type: 'rate' }, { type: 'scale', factor: 8 }]],
      ['net_if_speed', '1.3.6.1.2.1.31.1.1.1.15', 'gauge', 'bps', [{ type: 'scale', factor: 1_000_000 }]],
      ['net_if_status', '1.3.6.1.2.1.2.2.1.8', 'state', undefined, []],
    ]);
    expect(ifs?.columns.find((c) => c.key === 'net_if_status')?.states).toEqual({ '1': 'up', '2': 'down', '4': 'unknown', '5': 'dormant', '6': 'notPresent', '7': 'lowerLayerDown' });
    const ifNotes = m.notes.filter((n) => n.name === 'Network interfaces discovery').map((n) => n.note);
    expect(ifNotes).toHaveLength(8);
    expect(ifNotes.filter((n) => n.includes('(operator NOT_MATCHES_REGEX)'))).toHaveLength(6);
    expect(ifNotes.filter((n) => n.includes('(more than 4 filters)'))).toHaveLength(2);

    // Every trigger here is on an item not imported, a complex expression, or a rule not mapped.
    expect(m.alerts).toEqual([]);
    const why = reasons(m);
    expect(Object.keys(why)).toHaveLength(18);
    expect(why['ICMP ping']).toMatch(/simple check/);
    expect(why['Get sensors']).toMatch(/is not a single object/);
    expect(why['CPU utilization']).toMatch(/discovery\[\{#CPU.UTIL\},1.3.6.1.2.1.25.3.3.1.2\] is not a single object/);
    expect(why['High CPU utilization']).toMatch(/its item system.cpu.util was not imported/);
    expect(why['Fan discovery']).toMatch(/its master item sensors.get is not an SNMP walk\[\] item/);
    expect(why['Fan discovery: {#SENSOR_INFO}: Fan status']).toMatch(/its discovery rule was not mapped/);
    expect(why['{#SENSOR_INFO}: Fan is in critical state']).toMatch(/its discovery rule was not mapped/);
    expect(why['{#ENT_NAME}: Device has been replaced']).toMatch(/complex expression/);
    expect(why['Interface {#IFNAME}({#IFALIAS}): Link down']).toMatch(/not of the form/);
    expect(why['Interface {#IFNAME}({#IFALIAS}): High bandwidth usage']).toMatch(/not of the form/);
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
