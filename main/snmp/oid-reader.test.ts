import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { berReaderPrototype } from './net-snmp-lib.ts';
import { installOidReader, oidText } from './oid-reader.ts';

type Reader = { readOID(tag?: number): string | null; readSequence(): number | null; readInt(): number | null; offset: number };
const ber = createRequire(createRequire(import.meta.url).resolve('net-snmp'))('asn1-ber').Ber as {
  Reader: new (b: Buffer) => Reader;
  Writer: new () => { writeOID(oid: string): void; startSequence(): void; endSequence(): void; writeInt(n: number): void; buffer: Buffer };
};
// asn1-ber's own readOID, kept before ours is installed: the reference.
const original = berReaderPrototype.readOID;
const reference = (bytes: Buffer): string | null => original.call(new ber.Reader(bytes) as never);

/** TLV of an OID with these content bytes. */
const tlv = (content: number[]): Buffer => Buffer.from([0x06, content.length, ...content]);

/** A small deterministic generator (LCG). */
function rng(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('the OID reader', () => {
  it('decodes what asn1-ber encodes exactly as asn1-ber decodes it, for thousands of OIDs', () => {
    const r = rng(42);
    for (let n = 0; n < 5000; n++) {
      const parts = [Math.floor(r() * 3), Math.floor(r() * 40)];
      const len = 1 + Math.floor(r() * 30);
      for (let i = 0; i < len; i++) {
        const kind = r();
        parts.push(kind < 0.6 ? Math.floor(r() * 128) : kind < 0.9 ? Math.floor(r() * 100_000) : Math.floor(r() * 2 ** 32));
      }
      const w = new ber.Writer();
      w.writeOID(parts.join('.'));
      const bytes = w.buffer;
      expect(oidText(bytes, 2, bytes.length)).toBe(reference(bytes));
    }
  });

  it('keeps the quirks: a first byte over 80, a 33-bit sub-identifier, an unfinished last one', () => {
    for (const content of [[0x88, 0x37, 0x03], [0x2b, 0x90, 0x80, 0x80, 0x80, 0x01], [0x2b, 0x06, 0x81], [0x00], [0x7f, 0x7f], [0x2b, 0x8f, 0xff, 0xff, 0xff, 0x7f]]) {
      const bytes = tlv(content);
      expect(oidText(bytes, 2, bytes.length)).toBe(reference(bytes));
    }
  });

  it('leaves the odd shapes to the original: empty, no finished sub-identifier, too long', () => {
    expect(oidText(Buffer.from([]), 0, 0)).toBeUndefined();
    expect(oidText(Buffer.from([0x81, 0x82]), 0, 2)).toBeUndefined();
    const long = Buffer.from([0x2b, ...Array.from({ length: 300 }, () => [0x8f, 0xff, 0xff, 0xff, 0x7f]).flat()]);
    expect(oidText(long, 0, long.length)).toBeUndefined();
  });

  it('installed, net-snmp reads whole messages the same, and the odd shapes still through the original', () => {
    const w = new ber.Writer();
    w.startSequence();
    w.writeOID('1.3.6.1.2.1.31.1.1.1.6.1001');
    w.writeInt(7);
    w.writeOID('1.3.6.1.4.1.8072.3.2.10');
    w.endSequence();
    const message = w.buffer;
    const readAll = (): (string | number | null)[] => {
      const rd = new ber.Reader(message);
      rd.readSequence();
      return [rd.readOID(), rd.readInt(), rd.readOID(), rd.offset];
    };
    const before = readAll();
    installOidReader();
    expect(berReaderPrototype.readOID).not.toBe(original);
    expect(readAll()).toEqual(before);
    expect(before.slice(0, 3)).toEqual(['1.3.6.1.2.1.31.1.1.1.6.1001', 7, '1.3.6.1.4.1.8072.3.2.10']);
    // An empty OID and a truncated one: what asn1-ber gives (its own answer, however odd).
    for (const bytes of [Buffer.from([0x06, 0x00]), Buffer.from([0x06, 0x05, 0x2b])]) expect(new ber.Reader(bytes).readOID()).toBe(reference(bytes));
    // Another tag is asn1-ber's error.
    expect(() => new ber.Reader(Buffer.from([0x04, 0x01, 0x2b])).readOID()).toThrow(/Expected 0x6/);
  });
});
