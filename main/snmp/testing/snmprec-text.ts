/**
 * Reads snmpsim's .snmprec recordings (`OID|TAG|VALUE` per line; LibreNMS's tests/snmpsim/ and
 * our test/fixtures/devices/ use them) into the MIB the fake agent serves (fake-agent.ts: numeric
 * OID → encoded value TLV), so a recording of a real device can be polled without snmpsim. Lines
 * starting with `#` are the provenance header. Tags are BER types in decimal, `x` after the tag
 * means the value is hex: 2 INTEGER, 4 OCTET STRING, 5 NULL, 6 OBJECT IDENTIFIER, 64 IpAddress,
 * 65 Counter32, 66 Gauge32, 67 TimeTicks, 68 Opaque, 70 Counter64. A line this reader cannot
 * encode is an error with its line number, not a silent gap.
 */
import fs from 'node:fs';
import { encInt, encOid, tlv } from './ber.ts';

const INTEGER_TAGS = new Set([2, 65, 66, 67, 70]);

function encode(tag: number, hex: boolean, value: string, line: number): Buffer {
  const bytes = (): Buffer => (hex ? Buffer.from(value, 'hex') : Buffer.from(value, 'latin1'));
  if (INTEGER_TAGS.has(tag)) {
    const text = hex ? BigInt(`0x${value || '0'}`).toString() : value.trim();
    if (!/^-?\d+$/.test(text)) throw new Error(`line ${line}: not a number for tag ${tag}: ${value}`);
    return encInt(tag, BigInt(text));
  }
  switch (tag) {
    case 4:
    case 68:
      return tlv(tag, bytes());
    case 5:
      return tlv(5, Buffer.alloc(0));
    case 6:
      return encOid(value.trim().replace(/^\./, ''));
    case 64: {
      if (hex) return tlv(64, Buffer.from(value, 'hex'));
      const parts = value.trim().split('.').map(Number);
      if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`line ${line}: not an IpAddress: ${value}`);
      return tlv(64, Buffer.from(parts));
    }
    default:
      throw new Error(`line ${line}: snmprec tag ${tag} is not supported: ${value}`);
  }
}

/** The MIB of one .snmprec recording: numeric OID (no leading dot) -> encoded value. */
export function parseSnmprecText(text: string): Map<string, Buffer> {
  const mib = new Map<string, Buffer>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const m = /^\.?(\d+(?:\.\d+)+)\|(\d+)(x?)\|(.*)$/.exec(raw);
    if (!m) throw new Error(`line ${i + 1}: not an snmprec line: ${raw}`);
    mib.set(m[1] as string, encode(Number(m[2]), m[3] === 'x', m[4] as string, i + 1));
  }
  return mib;
}

export function loadSnmprecFile(file: string): Map<string, Buffer> {
  return parseSnmprecText(fs.readFileSync(file, 'utf8'));
}
