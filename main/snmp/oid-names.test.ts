import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { OID } from './mib2.ts';
import { oidToName, resolveOid } from './oid-names.ts';

describe('resolveOid', () => {
  it('accepts names with and without .0 and a MIB prefix', () => {
    expect(resolveOid('sysDescr')).toBe('1.3.6.1.2.1.1.1');
    expect(resolveOid('sysDescr', { scalarInstance: true })).toBe('1.3.6.1.2.1.1.1.0');
    expect(resolveOid('sysDescr.0')).toBe('1.3.6.1.2.1.1.1.0');
    expect(resolveOid('SNMPv2-MIB::sysDescr.0', { scalarInstance: true })).toBe('1.3.6.1.2.1.1.1.0');
    expect(resolveOid('IF-MIB::ifDescr')).toBe('1.3.6.1.2.1.2.2.1.2');
    expect(resolveOid('ifHCInOctets.3')).toBe('1.3.6.1.2.1.31.1.1.1.6.3');
    expect(resolveOid('ifTable', { scalarInstance: true })).toBe(OID.ifTable);
    expect(resolveOid('hrProcessorLoad')).toBe('1.3.6.1.2.1.25.3.3.1.2');
    expect(resolveOid('laTable')).toBe('1.3.6.1.4.1.2021.10');
  });
  it('accepts numeric OIDs with or without the leading dot', () => {
    expect(resolveOid('.1.3.6.1.2.1.1.5.0')).toBe('1.3.6.1.2.1.1.5.0');
    expect(resolveOid('1.3.6.1')).toBe('1.3.6.1');
  });
  it('rejects unknown names with a validation error', () => {
    expect(() => resolveOid('nosuchThing')).toThrow(ValidationError);
    expect(() => resolveOid('1.3..6')).toThrow(ValidationError);
  });
  it('names OIDs back', () => {
    expect(oidToName('1.3.6.1.2.1.2.2.1.2.7')).toBe('IF-MIB::ifDescr.7');
    expect(oidToName('.1.3.6.1.2.1.1.5.0')).toBe('SNMPv2-MIB::sysName.0');
    expect(oidToName('1.3.6.1.4.1.9.9.1')).toBe('SNMPv2-SMI::enterprises.9.9.1');
  });
});
