/**
 * SNMPv3 authPriv answers: net-snmp decrypts the scoped PDU and reads it with its lenient reader,
 * after our BER check of the datagram (which can only see the encrypted bytes). This wraps its
 * decryptPdu so the plaintext is checked strictly too (ber-check.ts). A plaintext that does not
 * start like a scoped PDU is what a wrong privacy key gives: it stays a decryption failure. One
 * that does but is broken inside fails the request as a malformed response (errors.ts maps it).
 */
import { checkScopedPdu } from './ber-check.ts';
import { MALFORMED_SCOPED_PDU } from './errors.ts';
import { netSnmp } from './net-snmp-lib.ts';

let installed = false;

/** Installs the check once per process (idempotent). */
export function installStrictDecryption(): void {
  if (installed) return;
  installed = true;
  const encryption = netSnmp.Encryption;
  const decrypt = encryption.decryptPdu;
  encryption.decryptPdu = (...args) => {
    const plain = decrypt.apply(encryption, args);
    const verdict = checkScopedPdu(plain);
    if (verdict === undefined) throw new Error('the decrypted bytes are not a scoped PDU');
    if (!verdict.ok) throw new Error(`${MALFORMED_SCOPED_PDU}${verdict.reason}`);
    return plain;
  };
}
