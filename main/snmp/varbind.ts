/**
 * Typed SNMP values. A {@link VarBind} is `{ oid, type, value }`, discriminated on `type`, built
 * from net-snmp's raw varbinds by {@link toVarBind}.
 */
import { Asn, type RawVarbind } from './net-snmp-lib.ts';
import { normalizeOid } from './oid.ts';

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

function asBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'string') return Buffer.from(v, 'latin1');
  return Buffer.alloc(0);
}

function asNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

/** Counter64 arrives as up to 9 big-endian bytes (a leading 0 keeps it positive). */
export function counter64FromBytes(bytes: Buffer): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n & 0xffff_ffff_ffff_ffffn;
}

/** Converts one net-snmp varbind. Unknown types (Boolean, BitString) come back as Opaque bytes. */
export function toVarBind(raw: RawVarbind): VarBind {
  const oid = normalizeOid(raw.oid);
  switch (raw.type) {
    case Asn.Integer:
      return { oid, type: 'Integer', value: asNumber(raw.value) };
    case Asn.OctetString: {
      const bytes = asBuffer(raw.value);
      return { oid, type: 'OctetString', bytes, ...formatOctets(bytes) };
    }
    case Asn.OID:
      return { oid, type: 'ObjectIdentifier', value: normalizeOid(String(raw.value)) };
    case Asn.IpAddress:
      return { oid, type: 'IpAddress', value: String(raw.value) };
    case Asn.Counter32:
      return { oid, type: 'Counter32', value: asNumber(raw.value) };
    case Asn.Gauge32:
      return { oid, type: 'Gauge32', value: asNumber(raw.value) };
    case Asn.TimeTicks:
      return { oid, type: 'TimeTicks', value: asNumber(raw.value) };
    case Asn.Counter64:
      return { oid, type: 'Counter64', value: counter64FromBytes(asBuffer(raw.value)) };
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
