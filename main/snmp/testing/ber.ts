/** A minimal BER encoder/decoder for the fake agent in tests (SNMP v1/v2c messages only). */

export function encLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

export function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encLength(body.length), body]);
}

/** Two's complement, minimal length (signed) — also used for the unsigned application types. */
export function encInt(tag: number, value: number | bigint): Buffer {
  let v = BigInt(value);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (!(v === 0n && (bytes[0] as number) < 0x80) && !(v === -1n && (bytes[0] as number) >= 0x80));
  return tlv(tag, Buffer.from(bytes));
}

export function encOid(oid: string, tag = 0x06): Buffer {
  const arcs = oid.split('.').map(Number);
  const out: number[] = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0)];
  for (const a of arcs.slice(2)) {
    const chunk: number[] = [a & 0x7f];
    let x = Math.floor(a / 128);
    while (x > 0) {
      chunk.unshift((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    out.push(...chunk);
  }
  return tlv(tag, Buffer.from(out));
}

export const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));

interface Tlv {
  tag: number;
  body: Buffer;
  end: number;
}

export function readTlv(buf: Buffer, pos: number): Tlv {
  const tag = buf[pos] as number;
  let len = buf[pos + 1] as number;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] as number);
    start += n;
  }
  return { tag, body: buf.subarray(start, start + len), end: start + len };
}

export function decInt(body: Buffer): number {
  let v = 0;
  for (const b of body) v = v * 256 + b;
  if (body.length > 0 && ((body[0] as number) & 0x80) !== 0) v -= 2 ** (8 * body.length);
  return v;
}

export function decOid(body: Buffer): string {
  const first = body[0] as number;
  const arcs = [Math.floor(first / 40), first % 40];
  let v = 0;
  for (const b of body.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

/** A decoded v1/v2c request. */
export interface SnmpRequest {
  version: number;
  community: string;
  pduType: number;
  requestId: number;
  /** For GETBULK: non-repeaters and max-repetitions; otherwise error-status and error-index. */
  field2: number;
  field3: number;
  oids: string[];
}

export function decodeRequest(buf: Buffer): SnmpRequest {
  const msg = readTlv(buf, 0);
  const b = msg.body;
  const ver = readTlv(b, 0);
  const comm = readTlv(b, ver.end);
  const pdu = readTlv(b, comm.end);
  const p = pdu.body;
  const id = readTlv(p, 0);
  const f2 = readTlv(p, id.end);
  const f3 = readTlv(p, f2.end);
  const vbl = readTlv(p, f3.end);
  const oids: string[] = [];
  let pos = 0;
  while (pos < vbl.body.length) {
    const vb = readTlv(vbl.body, pos);
    oids.push(decOid(readTlv(vb.body, 0).body));
    pos = vb.end;
  }
  return { version: decInt(ver.body), community: comm.body.toString('latin1'), pduType: pdu.tag, requestId: decInt(id.body), field2: decInt(f2.body), field3: decInt(f3.body), oids };
}

/** A GetResponse carrying `varbinds` (each already an encoded value TLV). */
export function encodeResponse(req: { version: number; community: string; requestId: number }, varbinds: [string, Buffer][], errorStatus = 0, errorIndex = 0): Buffer {
  const vbl = seq(...varbinds.map(([oid, value]) => seq(encOid(oid), value)));
  const pdu = tlv(0xa2, Buffer.concat([encInt(0x02, req.requestId), encInt(0x02, errorStatus), encInt(0x02, errorIndex), vbl]));
  return seq(encInt(0x02, req.version), tlv(0x04, Buffer.from(req.community, 'latin1')), pdu);
}
