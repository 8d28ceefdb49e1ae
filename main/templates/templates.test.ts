import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateBody } from '../api/templates.ts';
import { BUILTIN_TEMPLATE_SOURCES, FALLBACK_TEMPLATE_ID, loadBuiltinTemplates } from './builtin.ts';
import { pickTemplate } from './pick.ts';
import { resolveTemplate } from './resolve.ts';
import { columnsToWalk, computeDerived, expandTableRows, type PolledValue } from './table-rows.ts';

const builtins = loadBuiltinTemplates();
const byId = (id: string) => builtins.find((t) => t.id === id) as (typeof builtins)[number];
/** A built-in with its includes merged, as it is applied and polled. */
const resolved = (id: string) => ({ ...byId(id), ...resolveTemplate(id, byId) });

describe('built-in templates', () => {
  it('every JSON file in resources/templates is listed and valid', () => {
    const dir = path.join(import.meta.dirname, '../../resources/templates');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(Object.keys(BUILTIN_TEMPLATE_SOURCES).sort()).toEqual(files);
    expect(builtins.map((t) => t.id).sort()).toEqual(files);
  });

  it('the five original templates get their interfaces from the if-mib part, merged once', () => {
    const ifMib = byId('if-mib').tables.find((t) => t.key === 'interfaces');
    expect(ifMib).toBeDefined();
    for (const id of ['generic-snmp', 'cisco-ios', 'linux-net-snmp', 'windows', 'printer']) {
      expect(byId(id).includes, id).toContain('if-mib');
      expect(byId(id).tables.find((x) => x.key === 'interfaces'), id).toBeUndefined();
      const r = resolved(id);
      expect(r.tables.filter((x) => x.key === 'interfaces'), id).toEqual([ifMib]);
    }
    // What they polled before is still there (keys of the old files).
    expect(resolved('windows').tables.map((t) => t.key)).toEqual(['processors', 'memory', 'disks', 'interfaces']);
    expect(resolved('printer').items.map((i) => i.key)).toEqual(['uptime_sec', 'printer_page_count', 'printer_status', 'printer_device_status']);
    expect(resolved('printer').tables.map((t) => t.key)).toEqual(['supplies', 'interfaces']);
    expect(resolved('linux-net-snmp').tables.map((t) => t.key)).toEqual(['disks', 'interfaces']);
    // cisco-ios also includes the cisco-envmon part (temperatures, fans, power supplies), before if-mib.
    expect(resolved('cisco-ios').tables.map((t) => t.key)).toEqual(['cpus', 'memory_pools', 'envmon_temperatures', 'envmon_fans', 'envmon_power_supplies', 'interfaces']);
  });

  it('prefer 64-bit counters with a 32-bit fallback for traffic', () => {
    const ifs = byId('if-mib').tables[0];
    const inBps = ifs?.columns.find((c) => c.key === 'if_in_bps');
    expect(inBps).toMatchObject({ mib: 'IF-MIB::ifHCInOctets', counterBits: 64, fallback: { mib: 'IF-MIB::ifInOctets', counterBits: 32 } });
    expect(inBps?.transforms).toEqual([{ type: 'rate' }, { type: 'scale', factor: 8 }]);
  });

  it('rejects duplicate keys and derived items naming unknown items', () => {
    const base = { name: 'x', items: [{ key: 'a', name: 'A', oid: '1.3.6.1.2.1.1.3.0', mib: 'SNMPv2-MIB::sysUpTime', valueType: 'gauge' }] };
    expect(TemplateBody.safeParse({ ...base, items: [...base.items, ...base.items] }).success).toBe(false);
    const r = TemplateBody.safeParse({ ...base, derived: [{ key: 'p', name: 'P', percent: { part: ['a'], whole: ['nope'] } }] });
    expect(r.success).toBe(false);
    expect(TemplateBody.safeParse({ ...base, items: [{ ...base.items[0], oid: 'not.an.oid' }] }).success).toBe(false);
    expect(TemplateBody.safeParse(base).success).toBe(true);
  });
});

describe('pickTemplate', () => {
  const pick = (oid: string, descr: string) => pickTemplate(builtins, oid, descr, FALLBACK_TEMPLATE_ID);

  it('picks by sysObjectID prefix and sysDescr, with a reason', () => {
    expect(pick('1.3.6.1.4.1.9.1.1208', 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE')).toMatchObject({
      templateId: 'cisco-ios',
      reason: 'sysObjectID 1.3.6.1.4.1.9.1.1208 is under 1.3.6.1.4.1.9.1 and sysDescr matches /Cisco IOS/i',
    });
    expect(pick('.1.3.6.1.4.1.8072.3.2.10', 'Linux web01 6.1.0-18-amd64 #1 SMP x86_64').templateId).toBe('linux-net-snmp');
    expect(pick('1.3.6.1.4.1.311.1.1.3.1.2', 'Hardware: Intel64 Family 6 - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)').templateId).toBe('windows');
    expect(pick('1.3.6.1.4.1.11.2.3.9.1', 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153').templateId).toBe('printer');
    // A printer known only by its sysDescr.
    expect(pick('1.3.6.1.4.1.99999.1', 'Brother NC-8300h, Firmware Ver.1.03 MFP')).toMatchObject({ templateId: 'printer', reason: 'sysDescr matches /\\bMFP\\b/i' });
  });

  it('falls back to generic MIB-II, listing the other matches', () => {
    const r = pick('1.3.6.1.4.1.99999.1.1.2', 'Widget OS 1.0');
    expect(r).toMatchObject({ templateId: 'generic-snmp', reason: 'sysObjectID 1.3.6.1.4.1.99999.1.1.2 is under 1.3.6.1' });
    expect(pick('', '')).toMatchObject({ templateId: 'generic-snmp', reason: 'No sysObjectID or sysDescr known: generic MIB-II' });
    expect(pick('1.3.6.1.4.1.9.1.1', 'Cisco IOS').alternatives.map((a) => a.templateId)).toEqual(['generic-snmp']);
  });
});

describe('table rows', () => {
  const IF = '1.3.6.1.2.1.2.2.1';
  const IFX = '1.3.6.1.2.1.31.1.1.1';
  const cols = (entries: Record<string, Record<string, PolledValue>>) => new Map(Object.entries(entries).map(([k, v]) => [k, new Map(Object.entries(v))]));

  it('names interfaces by ifName then ifDescr, and prefers ifHC counters per row', () => {
    const table = byId('if-mib').tables[0]!;
    expect(columnsToWalk(table)).toContain(`${IF}.10`);
    // A linear transform's `when` column is walked with the table.
    const when = { oid: '1.3.6.1.4.1.3854.1.2.2.1.16.1.12', mib: 'SPAGENT-MIB::sensorProbeTempDegreeType', values: [0] };
    const probes = { ...table, columns: [{ ...table.columns[0]!, transforms: [{ type: 'linear' as const, factor: 5 / 9, offset: -160 / 9, when }] }] };
    expect(columnsToWalk(probes)).toContain(when.oid);
    const rows = expandTableRows(
      table,
      cols({
        [`${IF}.1`]: { '1': 1, '2': 2 },
        [`${IFX}.1`]: { '1': 'lo', '2': '' },
        [`${IF}.2`]: { '1': 'Loopback', '2': 'GigabitEthernet0/1' },
        [`${IFX}.18`]: { '2': 'uplink to core' },
        [`${IFX}.6`]: { '1': 100n },
        [`${IF}.10`]: { '1': 100, '2': 200 },
        [`${IFX}.15`]: { '1': 0, '2': 1000 },
        [`${IF}.5`]: { '1': 10_000_000, '2': 1_000_000_000 },
      }),
    );
    expect(rows.map((r) => r.labels)).toEqual([
      { interface: 'lo', index: '1' },
      { interface: 'GigabitEthernet0/1', index: '2', alias: 'uplink to core' },
    ]);
    const inOf = (i: number) => rows[i]?.columns.find((c) => c.item.key === 'if_in_bps');
    expect(inOf(0)).toMatchObject({ oid: `${IFX}.6.1`, counterBits: 64 });
    expect(inOf(1)).toMatchObject({ oid: `${IF}.10.2`, mib: 'IF-MIB::ifInOctets', counterBits: 32 });
    expect(rows[0]?.maxOctetsPerSec).toBe(1_250_000); // ifHighSpeed 0: ifSpeed 10 Mbit/s
    expect(rows[1]?.maxOctetsPerSec).toBe(125_000_000);
  });

  it('keeps only fixed disks from hrStorageTable', () => {
    const disks = byId('linux-net-snmp').tables.find((t) => t.key === 'disks')!;
    const S = '1.3.6.1.2.1.25.2.3.1';
    const rows = expandTableRows(
      disks,
      cols({
        [`${S}.1`]: { '1': 1, '31': 31 },
        [`${S}.2`]: { '1': '1.3.6.1.2.1.25.2.1.2', '31': '1.3.6.1.2.1.25.2.1.4' },
        [`${S}.3`]: { '1': 'Physical memory', '31': '/' },
      }),
    );
    expect(rows.map((r) => r.labels.storage)).toEqual(['/']);
  });

  it('computes percentages, skipping unknown (negative) values', () => {
    const d = { key: 'p', name: 'P', percent: { part: ['used'], whole: ['used', 'free'], invert: false } };
    expect(computeDerived(d, new Map([['used', 30], ['free', 70]]))).toBe(30);
    expect(computeDerived({ ...d, percent: { ...d.percent, invert: true } }, new Map([['used', 30], ['free', 70]]))).toBe(70);
    expect(computeDerived(d, new Map([['used', -2], ['free', 70]]))).toBeUndefined();
    expect(computeDerived(d, new Map([['used', 0], ['free', 0]]))).toBeUndefined();
    expect(computeDerived(d, new Map([['used', 1]]))).toBeUndefined();
  });
});
