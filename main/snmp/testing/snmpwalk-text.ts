/**
 * Reads the text `snmpwalk -On` prints (Net-SNMP, numeric OIDs, with or without MIBs loaded) into
 * the MIB the fake agent serves (fake-agent.ts: numeric OID -> encoded value TLV), so a capture
 * of a real agent (test/fixtures/snmp/*.walk) can be polled without the lab. Lines starting with
 * `#` are the capture's provenance header. A value type this reader does not know is an error
 * with its line number, not a silent gap.
 */
import fs from 'node:fs';
import { encInt, encOid, tlv } from './ber.ts';

const LINE = /^\.?(\d+(?:\.\d+)+) = (.*)$/;
/** What snmpwalk prints for the end of a walk or a hole: no value to serve. */
const NO_VALUE = /^(No more variables left|No Such Object|No Such Instance)/;

const TAG = { integer: 0x02, octets: 0x04, oid: 0x06, ipAddress: 0x40, counter32: 0x41, gauge32: 0x42, timeTicks: 0x43, opaque: 0x44, counter64: 0x46 } as const;

/** Hex pairs ("CE E7 E5 05 1F E3 "), as Hex-STRING and BITS print them. */
function hexBytes(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

/** A quoted STRING's body: Net-SNMP escapes `"` and `\` with a backslash. */
function unquote(body: string): Buffer {
  return Buffer.from(body.replace(/\\(["\\])/g, '$1'), 'latin1');
}

/** Whether a STRING value ends on this text: a closing quote not escaped. */
function closesString(text: string): boolean {
  const m = /(\\*)"$/.exec(text);
  return m !== null && (m[1] as string).length % 2 === 0;
}

function leadingInteger(text: string, line: number): bigint {
  // INTEGER: 72, INTEGER: up(1) (with MIBs), Gauge32: 100 percent (with units)
  const m = /^(?:[A-Za-z-]+\()?(-?\d+)\)?/.exec(text.trim());
  if (!m) throw new Error(`line ${line}: not a number: ${text}`);
  return BigInt(m[1] as string);
}

function encodeValue(type: string, text: string, line: number): Buffer {
  switch (type) {
    case 'STRING':
      return tlv(TAG.octets, unquote(text.replace(/^"/, '').replace(/"$/, '')));
    case 'Hex-STRING':
      return tlv(TAG.octets, hexBytes(text));
    case 'BITS':
      // BITS: 80 00 name(0) ...: the hex pairs, not the names after them.
      return tlv(TAG.octets, hexBytes(/^((?:[0-9A-Fa-f]{2}\s*)*)/.exec(text.trim())?.[1] ?? ''));
    case 'INTEGER':
      return encInt(TAG.integer, leadingInteger(text, line));
    case 'Counter32':
      return encInt(TAG.counter32, leadingInteger(text, line));
    case 'Gauge32':
    case 'UInteger32':
      return encInt(TAG.gauge32, leadingInteger(text, line));
    case 'Counter64':
      return encInt(TAG.counter64, leadingInteger(text, line));
    case 'Timeticks': {
      const m = /^\((\d+)\)/.exec(text.trim());
      if (!m) throw new Error(`line ${line}: not Timeticks: ${text}`);
      return encInt(TAG.timeTicks, BigInt(m[1] as string));
    }
    case 'OID':
      return encOid(text.trim().replace(/^\./, ''));
    case 'IpAddress':
      return tlv(TAG.ipAddress, Buffer.from(text.trim().split('.').map(Number)));
    case 'Opaque': {
      // Net-SNMP's opaque float (UCD-SNMP-MIB laLoadFloat): 9f 78 04 <IEEE 754 single>.
      const float = /^Float:\s*(\S+)/.exec(text.trim());
      if (float) {
        const f = Buffer.alloc(4);
        f.writeFloatBE(Number(float[1]));
        return tlv(TAG.opaque, Buffer.concat([Buffer.from([0x9f, 0x78, 0x04]), f]));
      }
      return tlv(TAG.opaque, hexBytes(text));
    }
    default:
      throw new Error(`line ${line}: value type "${type}" is not supported: ${text}`);
  }
}

/** The MIB of one `snmpwalk -On` capture: numeric OID (no leading dot) -> encoded value. */
export function parseSnmpwalkText(text: string): Map<string, Buffer> {
  const mib = new Map<string, Buffer>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const m = LINE.exec(raw);
    if (!m) throw new Error(`line ${i + 1}: not an snmpwalk -On line: ${raw}`);
    const oid = m[1] as string;
    let rest = m[2] as string;
    if (NO_VALUE.test(rest)) continue;
    if (rest === '""') {
      mib.set(oid, tlv(TAG.octets, Buffer.alloc(0)));
      continue;
    }
    const typed = /^([A-Za-z][\w-]*): ?(.*)$/.exec(rest);
    if (!typed) throw new Error(`line ${i + 1}: no value type: ${raw}`);
    const type = typed[1] as string;
    rest = typed[2] as string;
    const first = i + 1;
    if (type === 'STRING' && rest.startsWith('"')) {
      // A string with line breaks goes on until its closing quote.
      while ((rest.length < 2 || !closesString(rest)) && i + 1 < lines.length) rest += `\n${lines[++i] as string}`;
    } else if (type === 'Hex-STRING' || type === 'BITS' || type === 'Opaque') {
      // Long hex values continue on the next lines (hex pairs only).
      while (i + 1 < lines.length && /^([0-9A-Fa-f]{2} ?)+\s*$/.test(lines[i + 1] as string)) rest += ` ${lines[++i] as string}`;
    }
    mib.set(oid, encodeValue(type, rest, first));
  }
  return mib;
}

export function loadSnmpwalkFile(file: string): Map<string, Buffer> {
  return parseSnmpwalkText(fs.readFileSync(file, 'utf8'));
}
