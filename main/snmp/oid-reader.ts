/**
 * net-snmp decodes every OID it reads (each varbind's name, each OID value) with asn1-ber's
 * Reader.readOID: a Buffer view of the bytes, an array of sub-identifiers grown one push at a
 * time, a shift and two unshifts, then a join. A poll of interface tables reads thousands; with
 * 2,000 devices that was 40 % of everything the engine's old generation had to collect
 * (bench/scale --alloc-profile). This reads the same bytes into the same dotted string with no
 * object in between: the digits go into one scratch buffer, read back as one latin1 string.
 *
 * Same result as the original for every input, quirks included (the first byte is split as
 * value / 40 and value % 40, sub-identifiers wrap at 32 bits, trailing bytes of an unfinished
 * sub-identifier are ignored); what falls outside the common shape (an empty OID, no finished
 * sub-identifier, a text longer than the scratch) goes to the original. Installed once per process.
 */
import { berReaderPrototype, type BerReader } from './net-snmp-lib.ts';

const OID_TAG = 0x06;
/** 128 sub-identifiers of 10 digits and a dot each, with room to spare. */
const scratch = Buffer.allocUnsafe(2048);
const LIMIT = scratch.length - 24;

/** Writes `v` (0 .. 2^32-1) in decimal at `pos`; returns the position after it. */
function writeDecimal(pos: number, v: number): number {
  const start = pos;
  do {
    scratch[pos++] = 48 + (v % 10);
    v = Math.floor(v / 10);
  } while (v > 0);
  for (let i = start, j = pos - 1; i < j; i++, j--) {
    const t = scratch[i] as number;
    scratch[i] = scratch[j] as number;
    scratch[j] = t;
  }
  return pos;
}

/**
 * The dotted text of the OID content bytes buf[from .. to), or undefined when it is outside the
 * common shape (see the header). Exported for the tests.
 */
export function oidText(buf: Uint8Array, from: number, to: number): string | undefined {
  let pos = 0;
  let value = 0;
  let first = true;
  for (let i = from; i < to; i++) {
    const byte = (buf[i] as number) & 0xff;
    value <<= 7;
    value += byte & 0x7f;
    if ((byte & 0x80) === 0) {
      const v = value >>> 0;
      if (first) {
        pos = writeDecimal(pos, (v / 40) >> 0);
        scratch[pos++] = 46;
        pos = writeDecimal(pos, v % 40);
        first = false;
      } else {
        scratch[pos++] = 46;
        pos = writeDecimal(pos, v);
      }
      if (pos > LIMIT) return undefined;
      value = 0;
    }
  }
  return first ? undefined : scratch.toString('latin1', 0, pos);
}

let installed = false;

export function installOidReader(): void {
  if (installed) return;
  installed = true;
  const original = berReaderPrototype.readOID;
  berReaderPrototype.readOID = function readOID(this: BerReader, tag?: number): string | null {
    // Only the plain case; anything else (another tag, a truncated length) the original handles.
    if ((tag ?? OID_TAG) === OID_TAG && this.peek() === OID_TAG) {
      const start = this._offset;
      const o = this.readLength(this._offset + 1);
      if (o !== null && this.length > 0 && this.length <= this._size - o) {
        const text = oidText(this._buf, o, o + this.length);
        if (text !== undefined) {
          this._offset = o + this.length;
          return text;
        }
      }
      this._offset = start;
    }
    return original.call(this, tag);
  };
}
