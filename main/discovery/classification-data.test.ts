/**
 * The classifier's data files against each other: hand-curated product models agree with the
 * vendors' product-registration MIBs, the generated OS families compile and keep the reference's
 * semantics for extra-GET rules, and the probes a host gets are bounded.
 */
import { describe, expect, it } from 'vitest';
import productsJson from '../../resources/classification/products.json' with { type: 'json' };
import { compileRules, shippedRules } from './classification-rules.ts';
import { classify } from './classifier.ts';
import { familyProbes, matchFamily, MAX_FAMILY_PROBES } from './os-families.ts';
import { productOf } from './product-registry.ts';

const digits = (s: string): string => s.replace(/\D/g, '');

describe('classification data', () => {
  it('every curated product model agrees with the name its vendor MIB registers for the OID', () => {
    const checked: string[] = [];
    for (const p of productsJson.products as { oid: string; model: string | null; match?: string }[]) {
      if (p.match === 'prefix' || !p.model) continue;
      const registered = productOf(p.oid);
      if (!registered?.exact) continue;
      // Registered names carry the model number ("catalyst2950t24" ~ "WS-C2950T-24").
      expect(digits(p.model), `${p.oid}: ${p.model} vs ${registered.name}`).toContain(digits(registered.name));
      checked.push(p.oid);
    }
    expect(checked.length).toBeGreaterThan(15);
  });

  it('the shipped OS families compile, the generic ones last', () => {
    const { families } = shippedRules();
    expect(families.length).toBeGreaterThan(600);
    expect(families.slice(-3).map((f) => f.id)).toEqual(['airos', 'freebsd', 'linux']);
    expect(families.slice(-3).every((f) => f.generic)).toBe(true);
  });

  it('a family needing an extra GET matches only with that value; a missing object is "false"', () => {
    const rules = compileRules(
      { enterprises: { enterprises: {} }, products: { products: [] }, sysDescr: { rules: [] }, services: { rules: [] }, ports: { rules: [] }, macVendors: { rules: [] },
        osFamilies: {
          families: [
            { id: 'widget', name: 'Acme Widget OS', vendor: 'Acme', os: 'Widget OS', kind: 'network', icon: 'acme', rules: [{ oid: ['.1.3.6.1.4.1.8072.3.2.10'], get: { oid: '1.3.6.1.4.1.99999.1.0', op: 'starts', value: 'WGT' } }], late: 1 },
            { id: 'gadget', name: 'Acme Gadget', vendor: 'Acme', os: 'Gadget', kind: 'power', icon: 'acme', rules: [{ descr: ['Linux'], get: { oid: '1.3.6.1.4.1.99999.2', op: '!=', value: false, next: true } }], late: 1 },
            { id: 'linux', name: 'Linux', vendor: null, os: 'Linux', kind: 'server', icon: null, rules: [{ regex: ['/^Linux/'] }], late: 2 },
          ],
        },
      },
      { nameOf: () => undefined },
    );
    const sys = { oid: '1.3.6.1.4.1.8072.3.2.10', descr: 'Linux box 5.10.0 #1 SMP x86_64' };
    // Without the extra values only the generic family can hold.
    expect(matchFamily(rules.families, sys.oid, sys.descr)?.family.id).toBe('linux');
    expect(familyProbes(rules.families, sys.oid, sys.descr)).toEqual([
      { oid: '1.3.6.1.4.1.99999.1.0', next: false },
      { oid: '1.3.6.1.4.1.99999.2', next: true },
    ]);
    expect(matchFamily(rules.families, sys.oid, sys.descr, { '1.3.6.1.4.1.99999.1.0': 'WGT-200 v1', '1.3.6.1.4.1.99999.2': null })?.family.id).toBe('widget');
    expect(matchFamily(rules.families, sys.oid, sys.descr, { '1.3.6.1.4.1.99999.1.0': 'XYZ', '1.3.6.1.4.1.99999.2': null })?.family.id).toBe('linux');
    // `!= false`: the object answers (any value).
    expect(matchFamily(rules.families, sys.oid, sys.descr, { '1.3.6.1.4.1.99999.1.0': null, '1.3.6.1.4.1.99999.2': '7' })?.family.id).toBe('gadget');
    const c = classify({ sysObjectID: sys.oid, sysDescr: sys.descr, sysServices: 4, evidence: { familyValues: { '1.3.6.1.4.1.99999.1.0': 'WGT-200 v1', '1.3.6.1.4.1.99999.2': null } } }, rules);
    expect(c).toMatchObject({ vendor: 'Acme', os: 'Widget OS' });
    expect(c.reasons).toContain('sysObjectID 1.3.6.1.4.1.8072.3.2.10 and 1.3.6.1.4.1.99999.1.0 starts "WGT" → Acme Widget OS (router)');
    expect(c.reasons).toContain('network device: sysServices layers 3 → router');
  });

  it('a Net-SNMP Linux host gets a bounded set of probes from the shipped families', () => {
    const probes = familyProbes(shippedRules().families, '1.3.6.1.4.1.8072.3.2.10', 'Linux host 5.10.0-21-amd64 #1 SMP Debian x86_64');
    expect(probes.length).toBeGreaterThan(5);
    expect(probes.length).toBeLessThanOrEqual(MAX_FAMILY_PROBES);
    expect(new Set(probes.map((p) => p.oid)).size).toBe(probes.length);
    // A Cisco IOS banner leaves nothing to ask.
    expect(familyProbes(shippedRules().families, '1.3.6.1.4.1.9.1.716', 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(55)SE7')).toEqual([]);
  });
});
