/**
 * SNMPv3 DES privacy on Node 17+. OpenSSL 3 moved single DES ('des-cbc') to its legacy provider,
 * which Node loads only with `--openssl-legacy-provider`. Without it, net-snmp's DES fails on
 * every packet. DES-CBC with key K equals triple DES (EDE) with K|K|K, which the default provider
 * still has: so when 'des-cbc' is missing we give net-snmp DES functions built on 'des-ede3-cbc'.
 * If neither exists (a FIPS build), DES credentials fail early with a typed error saying why.
 */
import crypto from 'node:crypto';
import { SnmpError } from './errors.ts';
import { netSnmp } from './net-snmp-lib.ts';

/** How DES privacy works in this process. */
export type DesSupport = 'native' | 'triple-des' | 'none';

let state: DesSupport | undefined;

function hasCipher(name: string): boolean {
  if (!crypto.getCiphers().includes(name)) return false;
  try {
    // getCiphers() lists names the build knows even when no loaded provider implements them.
    crypto.createCipheriv(name, Buffer.alloc(name === 'des-cbc' ? 8 : 24), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}

function desCipher(decrypt: boolean, key: Buffer, iv: Buffer): crypto.Cipheriv | crypto.Decipheriv {
  const k3 = Buffer.concat([key, key, key]);
  const c = decrypt ? crypto.createDecipheriv('des-ede3-cbc', k3, iv) : crypto.createCipheriv('des-ede3-cbc', k3, iv);
  c.setAutoPadding(false);
  return c;
}

/** RFC 3414 8.1.1: key = first 8 bytes of the localized key, pre-IV = the next 8, IV = pre-IV xor salt. */
function keyAndPreIv(privPassword: string, authProtocol: number, engineId: Buffer): { key: Buffer; preIv: Buffer } {
  const localized = netSnmp.Authentication.passwordToKey(authProtocol, privPassword, engineId);
  return { key: localized.subarray(0, 8), preIv: localized.subarray(8, 16) };
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) out[i] = (a[i] as number) ^ (b[i] as number);
  return out;
}

function installTripleDes(): void {
  const des = netSnmp.Encryption.algorithms[netSnmp.PrivProtocols.des];
  if (!des) return;
  const encryptPdu = (scopedPdu: Buffer, _priv: number, privPassword: string, authProtocol: number, engine: { engineID: Buffer }) => {
    const { key, preIv } = keyAndPreIv(privPassword, authProtocol, engine.engineID);
    // Salt: engine boots (we keep no state, so 1, as net-snmp does) then 4 random bytes.
    const salt = Buffer.concat([Buffer.from([0, 0, 0, 1]), crypto.randomBytes(4)]);
    const padded = Buffer.alloc(Math.ceil(scopedPdu.length / 8) * 8);
    scopedPdu.copy(padded);
    const c = desCipher(false, key, xor(preIv, salt));
    return { encryptedPdu: Buffer.concat([c.update(padded), c.final()]), msgPrivacyParameters: salt };
  };
  const decryptPdu = (encryptedPdu: Buffer, _priv: number, salt: Buffer, privPassword: string, authProtocol: number, engine: { engineID: Buffer }) => {
    const { key, preIv } = keyAndPreIv(privPassword, authProtocol, engine.engineID);
    if (salt.length !== 8 || encryptedPdu.length % 8 !== 0) throw new Error('bad DES privacy parameters or length');
    const d = desCipher(true, key, xor(preIv, salt));
    return Buffer.concat([d.update(encryptedPdu), d.final()]);
  };
  des.encryptPdu = encryptPdu as unknown as typeof des.encryptPdu;
  des.decryptPdu = decryptPdu as unknown as typeof des.decryptPdu;
}

/** Detects (once) how DES can work here, installing the triple-DES path when needed. */
export function desSupport(): DesSupport {
  if (state) return state;
  if (hasCipher('des-cbc')) state = 'native';
  else if (hasCipher('des-ede3-cbc')) {
    installTripleDes();
    state = 'triple-des';
  } else state = 'none';
  return state;
}

/** Throws a typed `unsupported` error when DES privacy cannot work in this process. */
export function assertDesAvailable(target: string): void {
  if (desSupport() !== 'none') return;
  throw new SnmpError(
    'unsupported',
    `${target}: SNMPv3 DES privacy needs the DES cipher, which this Node/OpenSSL build does not provide. Start WARD FLUX with NODE_OPTIONS=--openssl-legacy-provider, or use AES on the device.`,
  );
}
