import { describe, expect, it } from 'vitest';
import { parseMib, resolveMibs } from '../../scripts/mib-reader.ts';
import { selectProducts } from '../../scripts/generate-product-oids.ts';

// Small MIB texts written for these tests (the shapes vendors' registration MIBs use).
const SMI = `
ACME-SMI DEFINITIONS ::= BEGIN
IMPORTS MODULE-IDENTITY, enterprises FROM SNMPv2-SMI;
acme MODULE-IDENTITY
    LAST-UPDATED "202401010000Z"
    ORGANIZATION "Acme"
    CONTACT-INFO "-- not a comment inside a string"
    DESCRIPTION "The Acme root."
    ::= { enterprises 99999 }
acmeProducts OBJECT IDENTIFIER ::= { acme 1 } -- product registrations
acmeMibs     OBJECT IDENTIFIER ::= { acme 2 }
END
`;

const PRODUCTS = `
-- ACME-PRODUCTS-MIB: product registrations
ACME-PRODUCTS-MIB DEFINITIONS ::= BEGIN
IMPORTS
    OBJECT-IDENTITY FROM SNMPv2-SMI
    acmeProducts,
    acmeMibs
        FROM ACME-SMI;

acmeSwitch24   OBJECT IDENTIFIER ::= { acmeProducts 24 }  -- Acme  Switch   24 ports
acmeSwitch48 OBJECT IDENTIFIER -- a comment -- ::= -- another
    { acmeProducts
      48 }
acmeRouterFamily OBJECT IDENTIFIER ::= { acmeProducts 100 }
acmeRouter1 OBJECT-IDENTITY
    STATUS current
    DESCRIPTION "The Acme Router 1,
                 a small router."
    ::= { acmeRouterFamily 1 }
acmeDeep OBJECT IDENTIFIER ::= { acmeProducts 7 1 2 }
acmeOrphan OBJECT IDENTIFIER ::= { acmeUnknownRoot 5 }
-- acmeCommented OBJECT IDENTIFIER ::= { acmeProducts 99 }
acmeMibObjects OBJECT IDENTIFIER ::= { acmeMibs 1 }
acmeValue OBJECT-TYPE
    SYNTAX INTEGER { up(1), down(2) }
    MAX-ACCESS read-only
    STATUS current
    DESCRIPTION "A MIB object."
    ::= { acmeMibObjects 1 }
END
`;

describe('MIB reader', () => {
  it('reads modules, imports and OID assignments, with comments stripped and values over several lines', () => {
    const [mod] = parseMib(PRODUCTS);
    expect(mod!.name).toBe('ACME-PRODUCTS-MIB');
    expect(mod!.imports.get('acmeProducts')).toBe('ACME-SMI');
    expect(mod!.imports.get('OBJECT-IDENTITY')).toBe('SNMPv2-SMI');
    const byName = new Map(mod!.assignments.map((a) => [a.name, a]));
    expect(byName.get('acmeSwitch24')).toMatchObject({ kind: 'object-identifier', parent: 'acmeProducts', subids: [24], comment: 'Acme Switch 24 ports' });
    expect(byName.get('acmeSwitch48')).toMatchObject({ parent: 'acmeProducts', subids: [48], comment: null });
    expect(byName.get('acmeRouter1')).toMatchObject({ kind: 'object-identity', parent: 'acmeRouterFamily', subids: [1], description: 'The Acme Router 1, a small router.' });
    expect(byName.get('acmeDeep')).toMatchObject({ subids: [7, 1, 2] });
    expect(byName.get('acmeValue')).toMatchObject({ kind: 'object-type', parent: 'acmeMibObjects', subids: [1] });
    expect(byName.has('acmeCommented')).toBe(false);
  });

  it('resolves parents across modules, from the roots, and reports what it cannot place', () => {
    const r = resolveMibs([...parseMib(PRODUCTS), ...parseMib(SMI)]);
    const oid = new Map(r.nodes.map((n) => [n.assignment.name, n.oid]));
    expect(oid.get('acme')).toBe('1.3.6.1.4.1.99999');
    expect(oid.get('acmeSwitch24')).toBe('1.3.6.1.4.1.99999.1.24');
    expect(oid.get('acmeSwitch48')).toBe('1.3.6.1.4.1.99999.1.48');
    expect(oid.get('acmeRouter1')).toBe('1.3.6.1.4.1.99999.1.100.1');
    expect(oid.get('acmeDeep')).toBe('1.3.6.1.4.1.99999.1.7.1.2');
    expect(r.unresolved).toEqual([{ module: 'ACME-PRODUCTS-MIB', name: 'acmeOrphan', missing: 'acmeUnknownRoot' }]);
    expect(r.oidOf('ACME-PRODUCTS-MIB', 'acmeProducts')).toBe('1.3.6.1.4.1.99999.1');
    expect(r.oidOf('ACME-PRODUCTS-MIB', 'nowhere')).toBeNull();
  });

  it('reads numeric and named-number values ({ iso org(3) dod(6) 1 }) and a cycle as unresolved', () => {
    const mods = parseMib(`
X-MIB DEFINITIONS ::= BEGIN
myInternet OBJECT IDENTIFIER ::= { iso org(3) dod(6) 1 }
myNumeric OBJECT IDENTIFIER ::= { 1 3 6 1 4 1 42 }
loopA OBJECT IDENTIFIER ::= { loopB 1 }
loopB OBJECT IDENTIFIER ::= { loopA 1 }
END`);
    const r = resolveMibs(mods);
    const oid = new Map(r.nodes.map((n) => [n.assignment.name, n.oid]));
    expect(oid.get('myInternet')).toBe('1.3.6.1');
    expect(oid.get('dod')).toBe('1.3.6');
    expect(oid.get('myNumeric')).toBe('1.3.6.1.4.1.42');
    expect(r.unresolved.map((u) => u.name).sort()).toEqual(['loopA', 'loopB']);
  });

  it('selects registrations: a whole module, or a subtree by depth, never a node with MIB objects below it', () => {
    const r = resolveMibs([...parseMib(PRODUCTS), ...parseMib(SMI)]);
    const whole = selectProducts(r, [{ module: 'ACME-PRODUCTS-MIB' }]).map((p) => [p.oid, p.name, p.descr]);
    expect(whole).toEqual([
      ['1.3.6.1.4.1.99999.1.7.1.2', 'acmeDeep', null],
      ['1.3.6.1.4.1.99999.1.24', 'acmeSwitch24', 'Acme Switch 24 ports'],
      ['1.3.6.1.4.1.99999.1.48', 'acmeSwitch48', null],
      ['1.3.6.1.4.1.99999.1.100', 'acmeRouterFamily', null],
      ['1.3.6.1.4.1.99999.1.100.1', 'acmeRouter1', 'The Acme Router 1, a small router.'],
    ]);
    const children = selectProducts(r, [{ module: 'ACME-SMI', subtree: 'acmeProducts', depth: 'children' }]).map((p) => p.name);
    expect(children).toEqual(['acmeSwitch24', 'acmeSwitch48', 'acmeRouterFamily']);
    expect(() => selectProducts(r, [{ module: 'ACME-SMI', subtree: 'acmeMibs', depth: 'all' }])).toThrow(/registers no product/);
    expect(() => selectProducts(r, [{ module: 'NO-SUCH-MIB' }])).toThrow(/NO-SUCH-MIB registers no product/);
  });
});
