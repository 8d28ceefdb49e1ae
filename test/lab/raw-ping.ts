/**
 * A tiny raw-socket ICMP echo client for lab self-tests: sends one echo request and resolves with
 * the round-trip time, accepting only a reply whose ICMP checksum verifies (the way a strict
 * pinger does), or null on timeout. Needs root; run it where the probe side is (root-probe mode).
 */
import { createRequire } from 'node:module';

interface RawSocket {
  on(event: 'message', cb: (buf: Buffer, source: string) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  send(buf: Buffer, offset: number, length: number, address: string, before: null, after: (err: Error | null) => void): void;
  close(): void;
}
interface RawSocketModule {
  createSocket(opts: { protocol: number }): RawSocket;
  createChecksum(buf: Buffer): number;
  Protocol: { ICMP: number };
}

const raw = createRequire(import.meta.url)('raw-socket') as RawSocketModule;

/** Result of one {@link rawPing}: RTT in ms, or null when no valid reply came in time. */
export interface RawPingResult {
  rttMs: number | null;
  /** Replies from the target that matched id/seq but failed the checksum. */
  badChecksums: number;
}

/** Sends one ICMP echo request to `address` and waits up to `timeoutMs` for a valid reply. */
export function rawPing(address: string, timeoutMs = 1_000): Promise<RawPingResult> {
  const socket = raw.createSocket({ protocol: raw.Protocol.ICMP });
  const id = Math.floor(Math.random() * 65536);
  const seq = 1;
  const req = Buffer.alloc(40);
  req[0] = 8;
  req.writeUInt16BE(id, 4);
  req.writeUInt16BE(seq, 6);
  req.write('wardflux-lab-raw-ping', 8);
  req.writeUInt16BE(raw.createChecksum(req), 2);
  let badChecksums = 0;
  return new Promise((resolve, reject) => {
    let start = 0;
    const done = (rttMs: number | null): void => {
      clearTimeout(timer);
      socket.close();
      resolve({ rttMs, badChecksums });
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.on('error', (e) => {
      clearTimeout(timer);
      socket.close();
      reject(e);
    });
    socket.on('message', (buf, source) => {
      if (source !== address) return;
      const icmp = buf.subarray((buf[0]! & 0x0f) * 4);
      if (icmp[0] !== 0 || icmp.readUInt16BE(4) !== id || icmp.readUInt16BE(6) !== seq) return;
      // The one's-complement sum over a packet with a correct checksum is 0.
      if (raw.createChecksum(icmp) !== 0) {
        badChecksums++;
        return;
      }
      done(Number(process.hrtime.bigint() - BigInt(start)) / 1e6);
    });
    start = Number(process.hrtime.bigint());
    socket.send(req, 0, req.length, address, null, (err) => {
      if (err) reject(err);
    });
  });
}
