/**
 * Typed SNMP values. A {@link VarBind} is `{ oid, type, value }`, discriminated on `type`, built
 * from net-snmp's raw varbinds by {@link toVarBind}, which refuses what net-snmp's lenient reader
 * makes of broken encodings (a null string, a "0.NaN" OID, a fraction) instead of rendering it.
 */
import { Asn, type RawVarbind } from './net-snmp-lib.ts';
import { isValidOidText, normalizeOid } from './oid.ts';

/** How an OctetString's `value` was rendered: printable text, hex bytes, or a 6-byte MAC address. */
export type OctetFormat = 'text' | 'hex' | 'mac';

interface Base {
  /** Numeric OID without a leading dot. */
  oid: string;
}

export type IntegerVarBind = Base & { type: 'Integer'; value: number };
export type OctetStringVarBind = Base & { type: 'OctetString'; value: string; format: OctetFormat; bytes: Buffer };
export type OidVarBind = Base & { type: 'ObjectIdentifier'; value: string };
export type IpAddressVarBind = Base & { type: 'IpAddress'; value: string };
export type Counter32VarBind = Base & { type: 'Counter32'; value: number };
export type Gauge32VarBind = Base & { type: 'Gauge32'; value: number };
/** Hundredths of a second. */
export type TimeTicksVarBind = Base & { type: 'TimeTicks'; value: number };
export type Counter64VarBind = Base & { type: 'Counter64'; value: bigint };
/** Opaque: the raw bytes, in hex. */
export type OpaqueVarBind = Base & { type: 'Opaque'; value: string; bytes: Buffer };
export type NullVarBind = Base & { type: 'Null'; value: null };
/** The agent has no such object (v2c/v3 exception value): a result, not an error. */
export type NoSuchObjectVarBind = Base & { type: 'noSuchObject'; value: null };
/** The object exists but not this instance (v2c/v3 exception value). */
export type NoSuchInstanceVarBind = Base & { type: 'noSuchInstance'; value: null };
/** Nothing follows this OID in the agent's view (v2c/v3 exception value). */
export type EndOfMibViewVarBind = Base & { type: 'endOfMibView'; value: null };

export type VarBind =
  | IntegerVarBind
  | OctetStringVarBind
  | OidVarBind
  | IpAddressVarBind
  | Counter32VarBind
  | Gauge32VarBind
  | TimeTicksVarBind
  | Counter64VarBind
  | OpaqueVarBind
  | NullVarBind
  | NoSuchObjectVarBind
  | NoSuchInstanceVarBind
  | EndOfMibViewVarBind;

export type VarBindType = VarBind['type'];

/** True for noSuchObject, noSuchInstance and endOfMibView. */
export function isException(vb: VarBind): vb is NoSuchObjectVarBind | NoSuchInstanceVarBind | EndOfMibViewVarBind {
  return vb.type === 'noSuchObject' || vb.type === 'noSuchInstance' || vb.type === 'endOfMibView';
}

/** Printable ASCII plus tab, CR, LF; a trailing NUL (some agents add one) is tolerated. */
function isPrintable(bytes: Buffer): boolean {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b >= 0x20 && b < 0x7f) continue;
    if (b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return false;
  }
  return true;
}

/** Bytes as `de ad be ef`. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/** An OctetString rendered for people: text when printable, `aa:bb:cc:dd:ee:ff` for 6 binary bytes, hex otherwise. */
export function formatOctets(bytes: Buffer): { value: string; format: OctetFormat } {
  if (bytes.length === 6 && !isPrintable(bytes)) return { value: [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':'), format: 'mac' };
  if (isPrintable(bytes)) {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
    return { value: bytes.toString('latin1', 0, end), format: 'text' };
  }
  return { value: toHex(bytes), format: 'hex' };
}

/** A raw varbind net-snmp decoded into something that is not a value of its type. */
export class VarBindDecodeError extends Error {}

function bytesOf(v: unknown, what: string): Buffer {
  if (Buffer.isBuffer(v)) return v;
  throw new VarBindDecodeError(`${what} is not a byte string (${v === null ? 'cut short' : typeof v})`);
}

function integerOf(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new VarBindDecodeError(`${what} ${String(v)} is not an integer in ${min}..${max}`);
  return v;
}

/** A numeric OID whose arcs are all integers 0..2^32-1 (at least two of them). */
function oidOf(v: unknown, what: string): string {
  const s = typeof v === 'string' ? normalizeOid(v) : '';
  if (!isValidOidText(s)) throw new VarBindDecodeError(`${what} "${String(v)}" is not a valid OID`);
  return s;
}

/** Counter64 arrives as 1 to 9 big-endian bytes (a leading 0 keeps it positive). */
export function counter64FromBytes(bytes: Buffer): bigint {
  const lead = bytes[0];
  if (lead === undefined || bytes.length > 9 || lead & 0x80 || (bytes.length === 9 && lead !== 0)) {
    throw new VarBindDecodeError(`Counter64 value ${bytes.toString('hex') || '(empty)'} is not an unsigned 64-bit integer`);
  }
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;
const UINT32 = [0, 2 ** 32 - 1] as const;

/**
 * Converts one net-snmp varbind; throws VarBindDecodeError for a value that is not one of its type.
 * Unknown types (Boolean, BitString) come back as Opaque bytes.
 */
export function toVarBind(raw: RawVarbind): VarBind {
  const oid = oidOf(raw.oid, 'varbind OID');
  switch (raw.type) {
    case Asn.Integer:
      return { oid, type: 'Integer', value: integerOf(raw.value, 'Integer value', ...INT32) };
    case Asn.OctetString: {
      const bytes = bytesOf(raw.value, 'OctetString value');
      return { oid, type: 'OctetString', bytes, ...formatOctets(bytes) };
    }
    case Asn.OID:
      return { oid, type: 'ObjectIdentifier', value: oidOf(raw.value, 'OID value') };
    case Asn.IpAddress: {
      const value = String(raw.value);
      if (!/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(value) || value.split('.').some((b) => Number(b) > 255)) throw new VarBindDecodeError(`IpAddress value "${value}" is not an IPv4 address`);
      return { oid, type: 'IpAddress', value };
    }
    case Asn.Counter32:
      return { oid, type: 'Counter32', value: integerOf(raw.value, 'Counter32 value', ...UINT32) };
    case Asn.Gauge32:
      return { oid, type: 'Gauge32', value: integerOf(raw.value, 'Gauge32 value', ...UINT32) };
    case Asn.TimeTicks:
      return { oid, type: 'TimeTicks', value: integerOf(raw.value, 'TimeTicks value', ...UINT32) };
    case Asn.Counter64:
      return { oid, type: 'Counter64', value: counter64FromBytes(bytesOf(raw.value, 'Counter64 value')) };
    case Asn.Opaque: {
      const bytes = bytesOf(raw.value, 'Opaque value');
      return { oid, type: 'Opaque', value: toHex(bytes), bytes };
    }
    case Asn.Null:
      return { oid, type: 'Null', value: null };
    case Asn.NoSuchObject:
      return { oid, type: 'noSuchObject', value: null };
    case Asn.NoSuchInstance:
      return { oid, type: 'noSuchInstance', value: null };
    case Asn.EndOfMibView:
      return { oid, type: 'endOfMibView', value: null };
    default: {
      const bytes = Buffer.isBuffer(raw.value) ? raw.value : Buffer.from(String(raw.value ?? ''), 'latin1');
      return { oid, type: 'Opaque', value: toHex(bytes), bytes };
    }
  }
}

/** A JSON-safe copy: bigint as a decimal string, bytes as hex. For `--json` and the contract. */
export function varBindToJson(vb: VarBind): { oid: string; type: VarBindType; value: string | number | null; format?: OctetFormat; hex?: string } {
  switch (vb.type) {
    case 'Counter64':
      return { oid: vb.oid, type: vb.type, value: vb.value.toString() };
    case 'OctetString':
      return { oid: vb.oid, type: vb.type, value: vb.value, format: vb.format, hex: vb.bytes.toString('hex') };
    case 'Opaque':
      return { oid: vb.oid, type: vb.type, value: vb.value };
    default:
      return { oid: vb.oid, type: vb.type, value: vb.value };
  }
}
