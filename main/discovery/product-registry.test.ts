import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRODUCT_OIDS_FILE } from '../../scripts/generate-product-oids.ts';
import { createProductRegistry, productModelName, productOf, productRegistry, productRegistryLoaded } from './product-registry.ts';
import { countProductTable, type ProductTableFile } from './product-table.ts';

const TABLE: ProductTableFile = {
  _about: {
    source: 'test',
    repository: 'https://example.invalid/mibs',
    commit: '0000000000000000000000000000000000000000',
    rule: 'test',
    modulesParsed: 2,
    counts: { entries: 3, groups: 2, withDescription: 1, byEnterprise: { '99999': 3 } },
    skipped: { lfsPointers: [], absent: [] },
  },
  modules: ['ACME-PRODUCTS-MIB', 'ACME-OTHER-MIB'],
  products: {
    '1.3.6.1.4.1.99999.1': { '24': ['acmeSwitch24', 0, 'Acme Switch 24 ports'], '100': ['acmeRouterFamily', 1] },
    '1.3.6.1.4.1.99999.1.100': { '1': ['acmeRouter1', 1] },
  },
};

describe('product registry', () => {
  // First in this file: nothing before it has looked an OID up.
  it('loads the shipped table on the first lookup, once', () => {
    expect(productRegistryLoaded()).toBe(false);
    expect(productOf('1.3.6.1.4.1.9.1.716')?.name).toBe('catalyst296024TT');
    expect(productRegistryLoaded()).toBe(true);
    expect(productRegistry()).toBe(productRegistry());
  });

  it('finds an exact registration, else the longest registered prefix', () => {
    const r = createProductRegistry(TABLE);
    expect(r.productOf('1.3.6.1.4.1.99999.1.24')).toEqual({ oid: '1.3.6.1.4.1.99999.1.24', name: 'acmeSwitch24', module: 'ACME-PRODUCTS-MIB', descr: 'Acme Switch 24 ports', exact: true });
    expect(r.productOf('1.3.6.1.4.1.99999.1.100.1')).toMatchObject({ name: 'acmeRouter1', module: 'ACME-OTHER-MIB', descr: null, exact: true });
    // A newer router of the family: the family, not exact.
    expect(r.productOf('1.3.6.1.4.1.99999.1.100.7')).toEqual({ oid: '1.3.6.1.4.1.99999.1.100', name: 'acmeRouterFamily', module: 'ACME-OTHER-MIB', descr: null, exact: false });
    expect(r.productOf('1.3.6.1.4.1.99999.1.24.3.1')).toMatchObject({ oid: '1.3.6.1.4.1.99999.1.24', exact: false });
    // The written forms of one OID.
    expect(r.productOf('.1.3.6.1.4.1.99999.1.24')?.exact).toBe(true);
    expect(r.productOf('iso.3.6.1.4.1.99999.1.24')?.exact).toBe(true);
    expect(r.productOf(' 1.3.6.1.4.1.99999.1.024 ')?.name).toBe('acmeSwitch24');
    // Nothing registered, or not an OID.
    expect(r.productOf('1.3.6.1.4.1.99999.2.1')).toBeNull();
    expect(r.productOf('1.3.6.1.4.1.99999')).toBeNull();
    expect(r.productOf('1.3.6.1.4.1.99999.1')).toBeNull();
    expect(r.productOf('')).toBeNull();
    expect(r.productOf('1.3.6.x')).toBeNull();
    expect(r.size).toBe(3);
  });

  it('names the model as a technician reads it: a prefix that repeats the vendor goes, the rest stays as registered', () => {
    expect(productModelName('ciscoISR4451X', 'Cisco')).toBe('ISR4451X');
    expect(productModelName('ciscoISR4451X', 'ciscoSystems')).toBe('ISR4451X');
    expect(productModelName('jnxProductNameEX4300', 'Juniper Networks')).toBe('EX4300');
    expect(productModelName('jnxProductNameEX4300', null)).toBe('EX4300');
    expect(productModelName('hpSwitchJ9773A', 'HP')).toBe('J9773A');
    expect(productModelName('hpSwitchJ9773A', 'Hewlett-Packard')).toBe('J9773A');
    expect(productModelName('aristaDCS7050SX64', 'Arista Networks, Inc.')).toBe('DCS7050SX64');
    expect(productModelName('tplink-tlsl5428', 'TP-Link')).toBe('tlsl5428');
    expect(productModelName('arubaWiredSwitchJL375A', 'Aruba')).toBe('JL375A');
    // Kept whole: no vendor prefix, or the prefix is not the vendor's.
    expect(productModelName('catalyst296024TT', 'Cisco')).toBe('catalyst296024TT');
    expect(productModelName('hpSwitchJ9773A', 'Cisco')).toBe('hpSwitchJ9773A');
    expect(productModelName('hpSwitchJ9773A')).toBe('hpSwitchJ9773A');
    expect(productModelName('masterSwitchrPDU', 'APC')).toBe('masterSwitchrPDU');
    expect(productModelName('s5000', 'Force10')).toBe('s5000');
  });

  it('the shipped table holds registrations as the vendors\' MIBs assign them', () => {
    // CISCO-PRODUCTS-MIB: catalyst296024TT ::= { ciscoProducts 716 }, ciscoProducts = 1.3.6.1.4.1.9.1 (CISCO-SMI).
    expect(productOf('1.3.6.1.4.1.9.1.716')).toMatchObject({ name: 'catalyst296024TT', module: 'CISCO-PRODUCTS-MIB', exact: true });
    expect(productOf('1.3.6.1.4.1.9.1.716')?.descr).toMatch(/^Catalyst 2960 24 10\/100/);
    // ARISTA-PRODUCTS-MIB: aristaDCS7050SX64 ::= { aristaProducts 3011 7050 3741 64 }, aristaProducts = 30065.1.
    expect(productOf('1.3.6.1.4.1.30065.1.3011.7050.3741.64')).toMatchObject({ name: 'aristaDCS7050SX64', module: 'ARISTA-PRODUCTS-MIB', exact: true });
    // JUNIPER-CHASSIS-DEFINES-MIB: jnxProductNameEX4300 ::= { jnxProductName 63 }, jnxProductName = 2636.1.1.1.2.
    expect(productOf('1.3.6.1.4.1.2636.1.1.1.2.63')).toMatchObject({ name: 'jnxProductNameEX4300', module: 'JUNIPER-CHASSIS-DEFINES-MIB', exact: true });
    // HP-ICF-OID: hpSwitchJ9773A ::= { hpEtherSwitch 137 }, hpEtherSwitch = 11.2.3.7.11.
    const hp = productOf('1.3.6.1.4.1.11.2.3.7.11.137');
    expect(hp).toMatchObject({ name: 'hpSwitchJ9773A', module: 'HP-ICF-OID', exact: true });
    expect(hp?.descr).toContain('J9773A HP 2530-24G-PoE+');
    // Component subtrees are not products: Juniper's PIC types (jnxPic, 2636.1.1.3.3.12.1).
    expect(productOf('1.3.6.1.4.1.2636.1.1.3.3.12.1.1')).toBeNull();
  });

  it('the shipped file agrees with its _about (CI has no MIB snapshot to regenerate it from)', () => {
    const text = readFileSync(PRODUCT_OIDS_FILE, 'utf8');
    expect(text.length).toBeLessThan(1.5 * 1024 * 1024);
    const file = JSON.parse(text) as ProductTableFile;
    expect(file._about.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(file._about.repository).toBe('https://github.com/netdisco/netdisco-mibs');
    expect(file._about.counts).toEqual(countProductTable(file));
    // Every module index points at a module, every module is used, every key is an OID arc.
    const used = new Set<number>();
    for (const [group, entries] of Object.entries(file.products)) {
      expect(group).toMatch(/^1\.3\.6\.1\.4\.1\.\d+(\.\d+)*$/);
      for (const [arc, [name, m, descr]] of Object.entries(entries)) {
        expect(arc).toMatch(/^\d+$/);
        expect(name).toMatch(/^[A-Za-z][\w-]*$/);
        expect(file.modules[m]).toBeDefined();
        used.add(m);
        if (descr !== undefined) expect(descr.length).toBeLessThanOrEqual(80);
      }
    }
    expect(used.size).toBe(file.modules.length);
  });
});
