import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { credentialKey, parseAuthProtocol, parsePrivProtocol, parseSecurityLevel, toNetSnmpUser } from './credentials.ts';
import { netSnmp } from './net-snmp-lib.ts';

describe('credentials', () => {
  it('accepts Net-SNMP protocol spellings', () => {
    expect(['MD5', 'SHA', 'SHA1', 'SHA-224', 'sha-256', 'SHA384', 'SHA-512'].map(parseAuthProtocol)).toEqual(['md5', 'sha', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']);
    expect(['DES', 'AES', 'AES-128', 'AES-256', 'AES-256-C', 'aes256r'].map(parsePrivProtocol)).toEqual(['des', 'aes', 'aes', 'aes256b', 'aes256r', 'aes256r']);
    expect(['noAuthNoPriv', 'authnopriv', 'AUTHPRIV'].map(parseSecurityLevel)).toEqual(['noAuthNoPriv', 'authNoPriv', 'authPriv']);
    expect(() => parsePrivProtocol('AES-192')).toThrow(/AES-192 is not supported/);
    expect(() => parseAuthProtocol('SHA-3')).toThrow(ValidationError);
  });
  it('maps to net-snmp users and checks what a level needs', () => {
    expect(toNetSnmpUser({ version: '3', username: 'u', securityLevel: 'authPriv', authProtocol: 'sha512', authKey: 'a'.repeat(8), privProtocol: 'aes256r', privKey: 'p'.repeat(8) })).toMatchObject({
      level: netSnmp.SecurityLevel.authPriv,
      authProtocol: netSnmp.AuthProtocols.sha512,
      privProtocol: netSnmp.PrivProtocols.aes256r,
    });
    expect(() => toNetSnmpUser({ version: '3', username: 'u', securityLevel: 'authNoPriv' })).toThrow(ValidationError);
  });
  it('keys credentials without exposing secrets', () => {
    expect(credentialKey({ id: 'abc', version: '2c', community: 'secret' })).toBe('id:abc');
    const k = credentialKey({ version: '2c', community: 'secret' });
    expect(k).not.toContain('secret');
    expect(k).toBe(credentialKey({ version: '2c', community: 'secret' }));
    expect(k).not.toBe(credentialKey({ version: '2c', community: 'other' }));
  });
});
