import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertDesAvailable, desSupport } from './des-support.ts';
import { netSnmp } from './net-snmp-lib.ts';

interface DesAlgo {
  encryptPdu(pdu: Buffer, p: number, pass: string, auth: number, engine: { engineID: Buffer }): { encryptedPdu: Buffer; msgPrivacyParameters: Buffer };
  decryptPdu(enc: Buffer, p: number, salt: Buffer, pass: string, auth: number, engine: { engineID: Buffer }): Buffer;
}

describe('DES privacy', () => {
  it('works in this process (native des-cbc or the triple-DES K|K|K path)', () => {
    const support = desSupport();
    expect(support).not.toBe('none');
    const des = netSnmp.Encryption.algorithms[netSnmp.PrivProtocols.des] as unknown as DesAlgo;
    const engine = { engineID: Buffer.from('80001f888054657374456e67696e65', 'hex') };
    const pdu = crypto.randomBytes(45);
    const { encryptedPdu, msgPrivacyParameters } = des.encryptPdu(pdu, netSnmp.PrivProtocols.des, 'privpass123', netSnmp.AuthProtocols.sha, engine);
    expect(encryptedPdu.length).toBe(48);
    const plain = des.decryptPdu(encryptedPdu, netSnmp.PrivProtocols.des, msgPrivacyParameters, 'privpass123', netSnmp.AuthProtocols.sha, engine);
    expect(plain.subarray(0, 45).equals(pdu)).toBe(true);
  });

  it('triple DES with K|K|K equals single DES (RFC test vector: FIPS 81 / NBS)', () => {
    // Known single-DES vector: key 0123456789abcdef, plaintext "Now is t", ECB -> 3fa40e8a984d4815.
    const key = Buffer.from('0123456789abcdef', 'hex');
    const c = crypto.createCipheriv('des-ede3-cbc', Buffer.concat([key, key, key]), Buffer.alloc(8));
    c.setAutoPadding(false);
    const out = Buffer.concat([c.update(Buffer.from('Now is t')), c.final()]);
    expect(out.toString('hex')).toBe('3fa40e8a984d4815');
  });

  it('uses native DES under --openssl-legacy-provider and triple DES without it', () => {
    const mod = fileURLToPath(new URL('./des-support.ts', import.meta.url));
    const script = `const { desSupport } = await import(${JSON.stringify(mod)}); process.stdout.write(desSupport());`;
    const run = (flags: string[]) => execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run(['--openssl-legacy-provider'])).toBe('native');
    // Node 17+ without the legacy provider: the triple-DES path (a build with native DES says 'native').
    expect(['triple-des', 'native']).toContain(run([]));
    expect(() => assertDesAvailable('x')).not.toThrow();
  });
});
