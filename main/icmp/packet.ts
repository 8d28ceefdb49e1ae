/**
 * ICMP and ICMPv6 echo packets: encoding requests, decoding what a raw socket receives (echo
 * replies and the errors that quote one of our probes), and the Internet checksum. Pure code.
 *
 * Our payload starts with a 16-byte key so a reply is tied to exactly one probe even when the
 * 16-bit sequence number wraps or a late reply arrives: magic 'WFLX', a 32-bit token unique per
 * probe, and the 64-bit send time in nanoseconds (informational).
 */

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACHABLE = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP6_DEST_UNREACHABLE = 1;
export const ICMP6_PACKET_TOO_BIG = 2;
export const ICMP6_TIME_EXCEEDED = 3;
export const ICMP6_ECHO_REQUEST = 128;
export const ICMP6_ECHO_REPLY = 129;

const MAGIC = 0x57464c58; // 'WFLX'
/** Bytes of our key at the start of every payload. */
export const KEY_BYTES = 16;
/** Smallest payload we send (the key must fit). */
export const MIN_PAYLOAD = KEY_BYTES;

export type IpFamily = 4 | 6;

/** RFC 1071 one's-complement sum; 0 when computed over a packet whose checksum is correct. */
export function internetChecksum(buf: Uint8Array, start = 0, end = buf.length): number {
  let sum = 0;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (buf[i]! << 8) | buf[i + 1]!;
  if (i < end) sum += buf[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export interface EchoRequest {
  family: IpFamily;
  identifier: number;
  sequence: number;
  token: number;
  /** Payload bytes after the 8-byte ICMP header (>= MIN_PAYLOAD). */
  payloadSize: number;
  /** Send time in ns, written into the payload. */
  sentNs?: bigint;
}

/**
 * An echo request. For IPv4 the checksum is filled in; for ICMPv6 the kernel computes it (raw
 * ICMPv6 sockets always do, RFC 3542), so it stays 0 there.
 */
export function encodeEchoRequest(req: EchoRequest): Buffer {
  if (req.payloadSize < MIN_PAYLOAD) throw new RangeError(`payload must be at least ${MIN_PAYLOAD} bytes`);
  const buf = Buffer.alloc(8 + req.payloadSize);
  buf[0] = req.family === 4 ? ICMP_ECHO_REQUEST : ICMP6_ECHO_REQUEST;
  buf.writeUInt16BE(req.identifier & 0xffff, 4);
  buf.writeUInt16BE(req.sequence & 0xffff, 6);
  buf.writeUInt32BE(MAGIC, 8);
  buf.writeUInt32BE(req.token >>> 0, 12);
  buf.writeBigUInt64BE(req.sentNs ?? 0n, 16);
  // Recognisable filler, like ping's incrementing bytes.
  for (let i = 8 + KEY_BYTES; i < buf.length; i++) buf[i] = i & 0xff;
  if (req.family === 4) buf.writeUInt16BE(internetChecksum(buf), 2);
  return buf;
}

/** What a received packet means for us. */
export type Decoded =
  | { kind: 'reply'; identifier: number; sequence: number; token: number | null; ttl: number | null; checksumOk: boolean }
  | {
      kind: 'error';
      /** 'ttl-exceeded' (time exceeded in transit), 'unreachable' (any destination unreachable code), 'too-big'. */
      error: 'ttl-exceeded' | 'unreachable' | 'too-big';
      type: number;
      code: number;
      /** The quoted original's destination, and the echo or UDP fields that identify our probe. */
      original: QuotedProbe;
    }
  | { kind: 'other' };

/** Our probe as quoted inside an ICMP error. */
export type QuotedProbe =
  | { protocol: 'icmp'; destination: string; identifier: number; sequence: number; token: number | null }
  | { protocol: 'udp'; destination: string; sourcePort: number; destinationPort: number };

function ipv4String(buf: Buffer, at: number): string {
  return `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`;
}

function ipv6String(buf: Buffer, at: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(buf.readUInt16BE(at + i).toString(16));
  // Compress the longest run of zero groups, as inet_ntop does.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

function keyToken(buf: Buffer, at: number): number | null {
  if (buf.length < at + 8 || buf.readUInt32BE(at) !== MAGIC) return null;
  return buf.readUInt32BE(at + 4);
}

/** Decodes the quoted original datagram (an IP header and the start of its payload). */
function decodeQuoted(family: IpFamily, buf: Buffer, at: number): QuotedProbe | null {
  let proto: number;
  let dst: string;
  let l4: number;
  if (family === 4) {
    if (buf.length < at + 20) return null;
    const ihl = (buf[at]! & 0x0f) * 4;
    proto = buf[at + 9]!;
    dst = ipv4String(buf, at + 16);
    l4 = at + ihl;
  } else {
    if (buf.length < at + 40) return null;
    proto = buf[at + 6]!; // next header (extension headers are not used by our probes)
    dst = ipv6String(buf, at + 24);
    l4 = at + 40;
  }
  if (buf.length < l4 + 8) return null;
  if ((family === 4 && proto === 1 && buf[l4] === ICMP_ECHO_REQUEST) || (family === 6 && proto === 58 && buf[l4] === ICMP6_ECHO_REQUEST)) {
    return { protocol: 'icmp', destination: dst, identifier: buf.readUInt16BE(l4 + 4), sequence: buf.readUInt16BE(l4 + 6), token: keyToken(buf, l4 + 8) };
  }
  if (proto === 17) return { protocol: 'udp', destination: dst, sourcePort: buf.readUInt16BE(l4), destinationPort: buf.readUInt16BE(l4 + 2) };
  return null;
}

/**
 * Decodes one packet from a raw socket: for IPv4 it starts with the IP header, for ICMPv6 with
 * the ICMPv6 header (the kernel strips the IPv6 header and has already verified the checksum).
 */
export function decodePacket(family: IpFamily, packet: Buffer): Decoded {
  let at = 0;
  let ttl: number | null = null;
  if (family === 4) {
    if (packet.length < 20 || packet[0]! >> 4 !== 4) return { kind: 'other' };
    at = (packet[0]! & 0x0f) * 4;
    ttl = packet[8]!;
    if (packet[9] !== 1) return { kind: 'other' };
  }
  if (packet.length < at + 8) return { kind: 'other' };
  const type = packet[at]!;
  const code = packet[at + 1]!;
  const isReply = family === 4 ? type === ICMP_ECHO_REPLY : type === ICMP6_ECHO_REPLY;
  if (isReply) {
    return {
      kind: 'reply',
      identifier: packet.readUInt16BE(at + 4),
      sequence: packet.readUInt16BE(at + 6),
      token: keyToken(packet, at + 8),
      ttl,
      checksumOk: family === 6 || internetChecksum(packet, at) === 0,
    };
  }
  const error: 'ttl-exceeded' | 'unreachable' | 'too-big' | null =
    family === 4
      ? type === ICMP_TIME_EXCEEDED ? 'ttl-exceeded' : type === ICMP_DEST_UNREACHABLE ? 'unreachable' : null
      : type === ICMP6_TIME_EXCEEDED ? 'ttl-exceeded' : type === ICMP6_DEST_UNREACHABLE ? 'unreachable' : type === ICMP6_PACKET_TOO_BIG ? 'too-big' : null;
  if (!error) return { kind: 'other' };
  const original = decodeQuoted(family, packet, at + 8);
  if (!original) return { kind: 'other' };
  return { kind: 'error', error, type, code, original };
}
