/**
 * A strict BER check of an SNMP response before net-snmp decodes it.
 *
 * net-snmp's reader (asn1-ber) is lenient: it never checks that an element fits inside its parent,
 * a value cut short reads as null ('' once rendered), an empty OID reads as "0.NaN", subidentifiers
 * wrap at 32 bits, a Null with content or a wrong length leaves the rest of the packet misaligned,
 * and trailing bytes are ignored. So every datagram is walked here first: each TLV must lie inside
 * its parent and fill it exactly, INTEGERs and the SMI types must have their lengths and ranges,
 * OIDs must be well formed, types must be known, and nothing may follow the message. A fault names
 * what was wrong, where, and the request id (v1/v2c request-id, v3 msgID) when it can still be read,
 * so the request that the broken answer belongs to can fail with it.
 */

/** A broken message: what is wrong, the byte offset, and the request id if it could be read. */
export interface BerFault {
  ok: false;
  reason: string;
  offset: number;
  requestId?: number;
}

export type BerVerdict = { ok: true; requestId: number } | BerFault;

class Fault extends Error {
  readonly reason: string;
  readonly offset: number;
  constructor(reason: string, offset: number) {
    super(reason);
    this.reason = reason;
    this.offset = offset;
  }
}

/** One TLV: tag at `at`, content `start..end`. */
interface Tlv {
  tag: number;
  at: number;
  start: number;
  end: number;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
/** RFC 2578 section 3.5: at most 128 sub-identifiers in an OID. */
const MAX_OID_ARCS = 128;

const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

class Walker {
  private readonly buf: Buffer;
  /** What the outermost limit is called in messages ("packet", "decrypted scoped PDU"). */
  private readonly whole: string;

  constructor(buf: Buffer, whole: string) {
    this.buf = buf;
    this.whole = whole;
  }

  /** The TLV at `pos`, which must end by `limit` (the end of `parent`). */
  tlv(pos: number, limit: number, what: string, parent: string): Tlv {
    const buf = this.buf;
    if (pos >= limit) throw new Fault(`${what} is missing (${parent} ends first)`, pos);
    const tag = buf[pos] as number;
    if ((tag & 0x1f) === 0x1f) throw new Fault(`${what} has a multi-byte tag`, pos);
    if (pos + 1 >= limit) throw new Fault(`${what} length is missing (the ${this.beyond(pos + 2, parent)} ends first)`, pos);
    const first = buf[pos + 1] as number;
    let start = pos + 2;
    let len = first;
    if (first & 0x80) {
      const n = first & 0x7f;
      if (n === 0) throw new Fault(`${what} has an indefinite length (not allowed in SNMP)`, pos + 1);
      if (n > 4) throw new Fault(`${what} has a ${n}-byte length field`, pos + 1);
      if (start + n > limit) throw new Fault(`${what} length field runs past the end of the ${this.beyond(start + n, parent)}`, pos + 1);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] as number);
      start += n;
    }
    const end = start + len;
    if (end > limit) throw new Fault(`${what} length runs past the end of the ${this.beyond(end, parent)}`, pos + 1);
    return { tag, at: pos, start, end };
  }

  /** The name of what a too-long element runs past: the whole buffer or its parent. */
  private beyond(end: number, parent: string): string {
    return end > this.buf.length ? this.whole : parent;
  }

  expect(t: Tlv, tag: number, what: string): void {
    if (t.tag !== tag) throw new Fault(`${what} has tag ${hex(t.tag)} (expected ${hex(tag)})`, t.at);
  }

  /** Nothing may follow the last child inside `parent`. */
  filled(pos: number, end: number, parent: string): void {
    if (pos !== end) throw new Fault(`${end - pos} unexpected byte(s) at the end of the ${parent}`, pos);
  }

  /** A signed two's-complement INTEGER within min..max, at most `maxLen` content bytes. */
  integer(t: Tlv, what: string, min: number, max: number, maxLen = 5): number {
    const len = t.end - t.start;
    if (len === 0) throw new Fault(`${what} is empty (an INTEGER needs at least one byte)`, t.at);
    if (len > maxLen) throw new Fault(`${what} is ${len} bytes long (at most ${maxLen})`, t.at);
    let v = BigInt((this.buf[t.start] as number) & 0x80 ? -1 : 0);
    for (let i = t.start; i < t.end; i++) v = (v << 8n) | BigInt(this.buf[i] as number);
    if (v < BigInt(min) || v > BigInt(max)) throw new Fault(`${what} ${v} is outside ${min}..${max}`, t.at);
    return Number(v);
  }

  /** An unsigned SMI integer (Counter32, Gauge32, TimeTicks, Counter64) of at most `bits` bits. */
  unsigned(t: Tlv, what: string, bits: 32 | 64): void {
    const len = t.end - t.start;
    const maxLen = bits / 8 + 1;
    if (len === 0) throw new Fault(`${what} is empty`, t.at);
    if (len > maxLen) throw new Fault(`${what} is ${len} bytes long (at most ${maxLen})`, t.at);
    const lead = this.buf[t.start] as number;
    if (lead & 0x80) throw new Fault(`${what} is negative (${hex(lead)}... in two's complement)`, t.at);
    if (len === maxLen && lead !== 0) throw new Fault(`${what} does not fit in ${bits} bits`, t.at);
  }

  /** An OBJECT IDENTIFIER: complete subidentifiers, each 0..2^32-1, minimally encoded, first one X.Y with X <= 2. */
  oid(t: Tlv, what: string): void {
    const buf = this.buf;
    if (t.end === t.start) throw new Fault(`${what} is empty`, t.at);
    let arcs = 0;
    let value = 0;
    let fresh = true;
    for (let i = t.start; i < t.end; i++) {
      const b = buf[i] as number;
      if (fresh && b === 0x80) throw new Fault(`${what} has a subidentifier with a leading 0x80 byte`, i);
      if (value > UINT32_MAX >>> 7) throw new Fault(`${what} has a subidentifier above ${UINT32_MAX}`, i);
      value = value * 128 + (b & 0x7f);
      fresh = (b & 0x80) === 0;
      if (!fresh) continue;
      // The first subidentifier holds two arcs: 40 * X + Y with X in 0..2 (Y < 40 unless X is 2;
      // net-snmp renders it as value/40 . value%40, so anything above 2.39 would come out wrong).
      if (arcs === 0 && value >= 120) throw new Fault(`${what} starts with subidentifier ${value} (not 0.x, 1.x or 2.x below 2.40)`, t.start);
      arcs += arcs === 0 ? 2 : 1;
      value = 0;
    }
    if (!fresh) throw new Fault(`${what} ends in the middle of a subidentifier`, t.end - 1);
    if (arcs > MAX_OID_ARCS) throw new Fault(`${what} has ${arcs} subidentifiers (at most ${MAX_OID_ARCS})`, t.at);
  }

  /** A varbind value of one of the SNMP (SMIv2) types. */
  value(t: Tlv): void {
    const len = t.end - t.start;
    switch (t.tag) {
      case 0x02:
        this.integer(t, 'Integer value', INT32_MIN, INT32_MAX);
        return;
      case 0x04: // OctetString
      case 0x44: // Opaque
        return;
      case 0x06:
        this.oid(t, 'OID value');
        return;
      case 0x40:
        if (len !== 4) throw new Fault(`IpAddress value is ${len} bytes long (expected 4)`, t.at);
        return;
      case 0x41:
        return this.unsigned(t, 'Counter32 value', 32);
      case 0x42:
        return this.unsigned(t, 'Gauge32 value', 32);
      case 0x43:
        return this.unsigned(t, 'TimeTicks value', 32);
      case 0x46:
        return this.unsigned(t, 'Counter64 value', 64);
      case 0x05: // Null
      case 0x80: // noSuchObject
      case 0x81: // noSuchInstance
      case 0x82: // endOfMibView
        if (len !== 0) throw new Fault(`${VALUE_NAMES[t.tag] ?? 'value'} has ${len} content byte(s) (expected none)`, t.at);
        return;
      default:
        throw new Fault(`varbind value has type ${hex(t.tag)}, not an SNMP type`, t.at);
    }
  }

  /** A response PDU (GetResponse or Report) that must fill `limit`; returns its request-id. */
  pdu(pos: number, limit: number, parent: string): number {
    const pdu = this.tlv(pos, limit, 'PDU', parent);
    if (pdu.tag !== 0xa2 && pdu.tag !== 0xa8) throw new Fault(`PDU type ${hex(pdu.tag)} is not a response or report`, pdu.at);
    const id = this.tlv(pdu.start, pdu.end, 'request-id', 'PDU');
    this.expect(id, 0x02, 'request-id');
    const requestId = this.integer(id, 'request-id', INT32_MIN, INT32_MAX);
    const status = this.tlv(id.end, pdu.end, 'error-status', 'PDU');
    this.expect(status, 0x02, 'error-status');
    this.integer(status, 'error-status', 0, 18);
    const index = this.tlv(status.end, pdu.end, 'error-index', 'PDU');
    this.expect(index, 0x02, 'error-index');
    this.integer(index, 'error-index', 0, INT32_MAX);
    const list = this.tlv(index.end, pdu.end, 'varbind list', 'PDU');
    this.expect(list, 0x30, 'varbind list');
    let p = list.start;
    while (p < list.end) {
      const vb = this.tlv(p, list.end, 'varbind', 'varbind list');
      this.expect(vb, 0x30, 'varbind');
      const name = this.tlv(vb.start, vb.end, 'OID', 'varbind');
      this.expect(name, 0x06, 'OID');
      this.oid(name, 'OID');
      const value = this.tlv(name.end, vb.end, 'varbind value', 'varbind');
      this.value(value);
      this.filled(value.end, vb.end, 'varbind');
      p = vb.end;
    }
    this.filled(list.end, pdu.end, 'PDU');
    this.filled(pdu.end, limit, parent);
    return requestId;
  }

  /** contextEngineID, contextName and the PDU, filling `t`. */
  scopedPdu(t: Tlv): number {
    const engine = this.tlv(t.start, t.end, 'context engine ID', 'scoped PDU');
    this.expect(engine, 0x04, 'context engine ID');
    const name = this.tlv(engine.end, t.end, 'context name', 'scoped PDU');
    this.expect(name, 0x04, 'context name');
    return this.pdu(name.end, t.end, 'scoped PDU');
  }

  /** The USM security parameters inside their OCTET STRING. */
  usm(t: Tlv): void {
    const seq = this.tlv(t.start, t.end, 'USM security parameters', 'security parameters');
    this.expect(seq, 0x30, 'USM security parameters');
    this.filled(seq.end, t.end, 'security parameters');
    const fields: [string, number, number?][] = [
      ['engine ID', 0x04, 32],
      ['engine boots', 0x02],
      ['engine time', 0x02],
      ['user name', 0x04, 32],
      ['authentication parameters', 0x04],
      ['privacy parameters', 0x04],
    ];
    let p = seq.start;
    for (const [what, tag, maxLen] of fields) {
      const f = this.tlv(p, seq.end, what, 'USM security parameters');
      this.expect(f, tag, what);
      if (tag === 0x02) this.integer(f, what, 0, INT32_MAX);
      else if (maxLen !== undefined && f.end - f.start > maxLen) throw new Fault(`${what} is ${f.end - f.start} bytes long (at most ${maxLen})`, f.at);
      p = f.end;
    }
    this.filled(p, seq.end, 'USM security parameters');
  }

  /** A whole SNMP message; returns the request-id (v1/v2c) or msgID (v3). */
  message(): number {
    const buf = this.buf;
    const msg = this.tlv(0, buf.length, 'message', this.whole);
    this.expect(msg, 0x30, 'message');
    this.filled(msg.end, buf.length, this.whole);
    const ver = this.tlv(msg.start, msg.end, 'version', 'message');
    this.expect(ver, 0x02, 'version');
    const version = this.integer(ver, 'version', INT32_MIN, INT32_MAX);
    if (version === 0 || version === 1) {
      const community = this.tlv(ver.end, msg.end, 'community', 'message');
      this.expect(community, 0x04, 'community');
      return this.pdu(community.end, msg.end, 'message');
    }
    if (version !== 3) throw new Fault(`unknown SNMP version ${version}`, ver.at);
    const header = this.tlv(ver.end, msg.end, 'header data', 'message');
    this.expect(header, 0x30, 'header data');
    const id = this.tlv(header.start, header.end, 'msgID', 'header data');
    this.expect(id, 0x02, 'msgID');
    const msgId = this.integer(id, 'msgID', 0, INT32_MAX);
    const max = this.tlv(id.end, header.end, 'msgMaxSize', 'header data');
    this.expect(max, 0x02, 'msgMaxSize');
    this.integer(max, 'msgMaxSize', 484, INT32_MAX);
    const flags = this.tlv(max.end, header.end, 'msgFlags', 'header data');
    this.expect(flags, 0x04, 'msgFlags');
    if (flags.end - flags.start !== 1) throw new Fault(`msgFlags is ${flags.end - flags.start} bytes long (expected 1)`, flags.at);
    const model = this.tlv(flags.end, header.end, 'msgSecurityModel', 'header data');
    this.expect(model, 0x02, 'msgSecurityModel');
    if (this.integer(model, 'msgSecurityModel', 0, INT32_MAX) !== 3) throw new Fault('msgSecurityModel is not USM (3)', model.at);
    this.filled(model.end, header.end, 'header data');
    const params = this.tlv(header.end, msg.end, 'security parameters', 'message');
    this.expect(params, 0x04, 'security parameters');
    this.usm(params);
    const data = this.tlv(params.end, msg.end, 'scoped PDU', 'message');
    if ((buf[flags.start] as number) & 0x02) this.expect(data, 0x04, 'encrypted PDU');
    else {
      this.expect(data, 0x30, 'scoped PDU');
      this.scopedPdu(data);
    }
    this.filled(data.end, msg.end, 'message');
    return msgId;
  }
}

const VALUE_NAMES: Record<number, string> = { 0x05: 'Null value', 0x80: 'noSuchObject', 0x81: 'noSuchInstance', 0x82: 'endOfMibView' };

/**
 * The request-id (v1/v2c) or msgID (v3) of a message that may be broken after it: lengths are
 * only checked against the buffer, so a truncated or mangled answer can still be matched to its
 * request. Undefined when even that much cannot be read.
 */
export function peekRequestId(buf: Buffer): number | undefined {
  const at = (pos: number): { tag: number; start: number; end: number } | undefined => {
    if (pos + 2 > buf.length) return undefined;
    const first = buf[pos + 1] as number;
    let start = pos + 2;
    let len = first;
    if (first & 0x80) {
      const n = first & 0x7f;
      if (n === 0 || n > 4 || start + n > buf.length) return undefined;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] as number);
      start += n;
    }
    return { tag: buf[pos] as number, start, end: start + len };
  };
  const int = (t: { tag: number; start: number; end: number } | undefined, min: number): number | undefined => {
    if (!t || t.tag !== 0x02 || t.end > buf.length || t.end - t.start < 1 || t.end - t.start > 5) return undefined;
    let v = BigInt((buf[t.start] as number) & 0x80 ? -1 : 0);
    for (let i = t.start; i < t.end; i++) v = (v << 8n) | BigInt(buf[i] as number);
    return v >= BigInt(min) && v <= BigInt(INT32_MAX) ? Number(v) : undefined;
  };
  const msg = at(0);
  if (!msg || msg.tag !== 0x30) return undefined;
  const ver = at(msg.start);
  const version = int(ver, INT32_MIN);
  if (!ver || version === undefined) return undefined;
  if (version === 3) {
    const header = at(ver.end);
    if (!header || header.tag !== 0x30) return undefined;
    return int(at(header.start), 0);
  }
  if (version !== 0 && version !== 1) return undefined;
  const community = at(ver.end);
  if (!community || community.tag !== 0x04 || community.end > buf.length) return undefined;
  const pdu = at(community.end);
  if (!pdu || (pdu.tag & 0xe0) !== 0xa0) return undefined;
  return int(at(pdu.start), INT32_MIN);
}

/** Checks one SNMP response datagram strictly (see the file comment). */
export function checkSnmpMessage(buf: Buffer): BerVerdict {
  try {
    return { ok: true, requestId: new Walker(buf, 'packet').message() };
  } catch (err) {
    if (!(err instanceof Fault)) throw err;
    const requestId = peekRequestId(buf);
    return { ok: false, reason: err.reason, offset: err.offset, ...(requestId === undefined ? {} : { requestId }) };
  }
}

/**
 * Checks a decrypted SNMPv3 scoped PDU. Up to `padding` bytes may follow it (DES pads to 8-byte
 * blocks). Undefined when the plaintext does not even start like a scoped PDU (the usual outcome
 * of a wrong privacy key), otherwise the verdict.
 */
export function checkScopedPdu(buf: Buffer, padding = 7): { ok: true } | { ok: false; reason: string; offset: number } | undefined {
  const w = new Walker(buf, 'decrypted scoped PDU');
  let outer: Tlv;
  try {
    outer = w.tlv(0, buf.length, 'scoped PDU', 'decrypted scoped PDU');
  } catch {
    return undefined;
  }
  if (outer.tag !== 0x30 || buf.length - outer.end > padding) return undefined;
  try {
    w.scopedPdu(outer);
    return { ok: true };
  } catch (err) {
    if (!(err instanceof Fault)) throw err;
    return { ok: false, reason: err.reason, offset: err.offset };
  }
}
