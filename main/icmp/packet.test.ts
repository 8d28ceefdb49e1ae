import { describe, expect, it } from 'vitest';
import { decodePacket, encodeEchoRequest, internetChecksum } from './packet.ts';

/** An IPv4 header around `payload` (protocol ICMP unless given). */
function ipv4(src: string, dst: string, payload: Buffer, proto = 1, ttl = 64): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + payload.length, 2);
  h[8] = ttl;
  h[9] = proto;
  src.split('.').forEach((p, i) => (h[12 + i] = Number(p)));
  dst.split('.').forEach((p, i) => (h[16 + i] = Number(p)));
  h.writeUInt16BE(internetChecksum(h), 10);
  return Buffer.concat([h, payload]);
}

function asReply(req: Buffer): Buffer {
  const r = Buffer.from(req);
  r[0] = 0;
  r.writeUInt16BE(0, 2);
  r.writeUInt16BE(internetChecksum(r), 2);
  return r;
}

describe('Internet checksum', () => {
  it('matches RFC 1071 and verifies to 0', () => {
    // The RFC 1071 example bytes: sum 0xddf2, checksum ~ = 0x220d.
    expect(internetChecksum(Buffer.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]))).toBe(0x220d);
    const req = encodeEchoRequest({ family: 4, identifier: 0x1234, sequence: 7, token: 99, payloadSize: 56 });
    expect(internetChecksum(req)).toBe(0);
    expect(internetChecksum(Buffer.from([0xff]))).toBe(0x00ff);
  });
});

describe('echo request encoding', () => {
  it('writes type, id, seq, key and size', () => {
    const req = encodeEchoRequest({ family: 4, identifier: 0xbeef, sequence: 65535, token: 0xdeadbeef, payloadSize: 56 });
    expect(req.length).toBe(64);
    expect([req[0], req[1], req.readUInt16BE(4), req.readUInt16BE(6), req.readUInt32BE(12)]).toEqual([8, 0, 0xbeef, 65535, 0xdeadbeef]);
    const v6 = encodeEchoRequest({ family: 6, identifier: 1, sequence: 2, token: 3, payloadSize: 16 });
    expect([v6[0], v6.readUInt16BE(2)]).toEqual([128, 0]); // the kernel fills the ICMPv6 checksum
    expect(() => encodeEchoRequest({ family: 4, identifier: 1, sequence: 1, token: 1, payloadSize: 8 })).toThrow(RangeError);
  });
});

describe('decoding', () => {
  const req = encodeEchoRequest({ family: 4, identifier: 0x4242, sequence: 300, token: 555, payloadSize: 56 });

  it('decodes an echo reply with its key, TTL and checksum status', () => {
    const d = decodePacket(4, ipv4('198.18.1.10', '198.18.1.1', asReply(req), 1, 61));
    expect(d).toEqual({ kind: 'reply', identifier: 0x4242, sequence: 300, token: 555, ttl: 61, checksumOk: true });
    const bad = asReply(req);
    bad[30] = (bad[30]! + 1) & 0xff;
    expect(decodePacket(4, ipv4('198.18.1.10', '198.18.1.1', bad))).toMatchObject({ kind: 'reply', checksumOk: false });
  });

  it('decodes TTL exceeded and unreachable with the quoted probe', () => {
    const quoted = ipv4('198.18.1.1', '198.18.1.240', req, 1, 1);
    const err = Buffer.alloc(8);
    err[0] = 11;
    const te = decodePacket(4, ipv4('198.18.1.225', '198.18.1.1', Buffer.concat([err, quoted])));
    expect(te).toEqual({ kind: 'error', error: 'ttl-exceeded', type: 11, code: 0, original: { protocol: 'icmp', destination: '198.18.1.240', identifier: 0x4242, sequence: 300, token: 555 } });
    // Routers may quote only 8 bytes of the original ICMP: the key is then unknown.
    err[0] = 3;
    err[1] = 1;
    const short = decodePacket(4, ipv4('198.18.1.225', '198.18.1.1', Buffer.concat([err, quoted.subarray(0, 28)])));
    expect(short).toMatchObject({ kind: 'error', error: 'unreachable', code: 1, original: { sequence: 300, token: null } });
  });

  it('decodes a quoted UDP probe (traceroute -U)', () => {
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(40000, 0);
    udp.writeUInt16BE(33435, 2);
    const err = Buffer.alloc(8);
    err[0] = 3;
    err[1] = 3;
    const d = decodePacket(4, ipv4('198.18.1.240', '198.18.1.1', Buffer.concat([err, ipv4('198.18.1.1', '198.18.1.240', udp, 17)])));
    expect(d).toMatchObject({ kind: 'error', error: 'unreachable', code: 3, original: { protocol: 'udp', sourcePort: 40000, destinationPort: 33435, destination: '198.18.1.240' } });
  });

  it('decodes ICMPv6 replies and errors (no IP header on the socket)', () => {
    const v6 = encodeEchoRequest({ family: 6, identifier: 9, sequence: 10, token: 11, payloadSize: 16 });
    const reply = Buffer.from(v6);
    reply[0] = 129;
    expect(decodePacket(6, reply)).toMatchObject({ kind: 'reply', identifier: 9, sequence: 10, token: 11, ttl: null, checksumOk: true });
    const ip6 = Buffer.alloc(40);
    ip6[0] = 0x60;
    ip6[6] = 58;
    ip6[39] = 1; // destination ::1
    const err = Buffer.alloc(8);
    err[0] = 3; // time exceeded
    expect(decodePacket(6, Buffer.concat([err, ip6, v6]))).toMatchObject({ kind: 'error', error: 'ttl-exceeded', original: { destination: '::1', identifier: 9, sequence: 10, token: 11 } });
  });

  it('ignores what is not ours to decode', () => {
    expect(decodePacket(4, Buffer.alloc(10))).toEqual({ kind: 'other' });
    expect(decodePacket(4, ipv4('1.1.1.1', '2.2.2.2', req))).toEqual({ kind: 'other' }); // a request, not a reply
    expect(decodePacket(4, ipv4('1.1.1.1', '2.2.2.2', Buffer.alloc(8), 6))).toEqual({ kind: 'other' });
  });
});
