import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTERPRISES_FILE, loadEnterprisesTsv } from '../../scripts/generate-enterprises.ts';
import { shippedRules } from './classification-rules.ts';
import { classify } from './classifier.ts';
import { createEnterpriseRegistry, enterpriseRegistry, enterpriseRegistryLoaded } from './enterprise-registry.ts';
import { buildEnterpriseTable, serializeEnterpriseTable } from './enterprise-table.ts';

describe('IANA enterprise table', () => {
  // First in this file (vitest gives each file its own modules): nothing before it has looked a number up.
  it('is loaded on the first lookup of an uncurated number, not when the classifier loads or classifies curated ones', () => {
    shippedRules();
    classify({ sysObjectID: '1.3.6.1.4.1.9.1.716', sysDescr: 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(55)SE7' });
    classify({ sysObjectID: '1.3.6.1.4.1.8072.3.2.10' });
    expect(enterpriseRegistryLoaded()).toBe(false);
    classify({ sysObjectID: '1.3.6.1.4.1.42.2.1.1' });
    expect(enterpriseRegistryLoaded()).toBe(true);
    expect(enterpriseRegistry()).toBe(enterpriseRegistry());
  });

  it('matches the installed libwireshark-data registry (run `node scripts/generate-enterprises.ts` after updating it)', () => {
    // Throws, naming the package to install, when /usr/share/wireshark/enterprises.tsv is absent.
    const { tsv, file } = loadEnterprisesTsv();
    const fresh = serializeEnterpriseTable(buildEnterpriseTable(tsv, file));
    const committed = readFileSync(ENTERPRISES_FILE, 'utf8');
    // Compare cheaply first so a failure does not print a megabyte.
    expect(committed.length, 'resources/enterprises/enterprises.json is out of date: run node scripts/generate-enterprises.ts').toBe(fresh.length);
    expect(committed === fresh, 'resources/enterprises/enterprises.json is out of date: run node scripts/generate-enterprises.ts').toBe(true);
  });

  it('parses the registry file: comments, "formerly" notes, reserved and missing numbers', () => {
    const tsv = [
      '# generated from https://www.iana.org/assignments/enterprise-numbers/enterprise-numbers',
      '# (last updated 2024-08-23)',
      '',
      '0\tReserved',
      '1\tNxNetworks',
      '3\tCarnegie  Mellon ',
      '4\t---none---',
      '5\tVertiv\t# formerly \'Emerson Computer Power\'',
      '6\tSchool District # 37',
      'junk line',
    ].join('\n');
    const t = buildEnterpriseTable(tsv, 'test.tsv');
    expect(t.source).toBe('IANA Private Enterprise Numbers (test.tsv, last updated 2024-08-23)');
    expect(t.count).toBe(4);
    const r = createEnterpriseRegistry(t);
    expect([0, 1, 2, 3, 4, 5, 6, 7, -1, 1.5].map((n) => r.nameOf(n))).toEqual([
      undefined,
      'NxNetworks',
      undefined,
      'Carnegie Mellon',
      undefined,
      'Vertiv',
      'School District # 37',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('splits into blocks of 1000 numbers and finds numbers across them', () => {
    const tsv = ['999\tLast of block 0', '1000\tFirst of block 1', '2500\tMiddle of block 2'].join('\n');
    const t = buildEnterpriseTable(tsv, 'x');
    expect(t.blocks).toHaveLength(3);
    const r = createEnterpriseRegistry(t);
    expect([r.nameOf(999), r.nameOf(1000), r.nameOf(2500), r.nameOf(2501), r.nameOf(3000)]).toEqual(['Last of block 0', 'First of block 1', 'Middle of block 2', undefined, undefined]);
  });

  it('the shipped table knows the registry as registered', () => {
    const r = enterpriseRegistry();
    expect(r.size).toBeGreaterThan(60_000);
    expect(r.source).toMatch(/^IANA Private Enterprise Numbers \(libwireshark-data enterprises\.tsv, last updated \d{4}-\d{2}-\d{2}\)$/);
    expect(r.nameOf(9)).toBe('ciscoSystems');
    expect(r.nameOf(42)).toBe('Sun Microsystems');
    expect(r.nameOf(8072)).toBe('net-snmp');
    expect(r.nameOf(476)).toBe('Vertiv');
    expect(r.nameOf(0)).toBeUndefined();
    expect(r.nameOf(10_000_000)).toBeUndefined();
  });

  it('every curated enterprise is registered (the short names label real registry entries)', () => {
    const r = enterpriseRegistry();
    const unregistered = [...shippedRules().enterprises.keys()].filter((pen) => !r.nameOf(Number(pen)));
    expect(unregistered).toEqual([]);
  });
});
