/**
 * The lab's ICMP echo responder, a standalone script run inside the lab namespace
 * (`ip netns exec wfl-NAME node icmp-responder.ts --seed 1`) after the namespace's kernel echo
 * replies were turned off (`net.ipv4.icmp_echo_ignore_all=1`). It answers every echo request the
 * namespace receives, for any local address, and drops or delays the replies of impaired
 * addresses: the userspace stand-in for `tc netem`, which this kernel lacks.
 *
 * Control protocol, one JSON object per line:
 *   stdin:  {"id":1,"op":"impair","address":"198.18.7.10","lossPct":20,"delayMs":30,"jitterMs":5}
 *           {"id":2,"op":"clear","address":"198.18.7.10"}
 *   stdout: {"ready":true} once the socket is open, then {"id":1,"ok":true} per command
 *           ({"id":1,"ok":false,"error":"..."} on a bad one).
 */
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

interface RawSocket {
  on(event: 'message', cb: (buf: Buffer, source: string) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  setOption(level: number, option: number, value: number): void;
  send(buf: Buffer, offset: number, length: number, address: string, before: null, after: (err: Error | null) => void): void;
}
interface RawSocketModule {
  createSocket(opts: { protocol: number }): RawSocket;
  createChecksum(buf: Buffer): number;
  Protocol: { ICMP: number };
  SocketLevel: { IPPROTO_IP: number };
  SocketOption: { IP_HDRINCL: number };
}

const raw = createRequire(import.meta.url)('raw-socket') as RawSocketModule;

interface Rule {
  lossPct: number;
  delayMs: number;
  jitterMs: number;
}

/** mulberry32: small, seedable, good enough for loss and jitter draws. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedArg = process.argv.indexOf('--seed');
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 1;
const random = seeded(seed);
// Loss and jitter draws come from one stream per flow (pinged address + ICMP identifier), each
// seeded alike: two pingers measuring the same impaired host side by side (ours and fping) see
// the same sequence of drops and delays, whatever the interleaving of their packets.
const flows = new Map<string, () => number>();
function flowRandom(target: string, request: Buffer): () => number {
  const key = `${target}|${request.readUInt16BE((request[0]! & 0x0f) * 4 + 4)}`;
  let r = flows.get(key);
  if (!r) {
    if (flows.size > 10_000) flows.clear();
    r = seeded(seed);
    flows.set(key, r);
  }
  return r;
}
const rules = new Map<string, Rule>();

const socket = raw.createSocket({ protocol: raw.Protocol.ICMP });
// We write the IP header ourselves so the reply's source is the address that was pinged (the
// lab hosts are /32s on one interface; the kernel would pick one of them for every reply).
socket.setOption(raw.SocketLevel.IPPROTO_IP, raw.SocketOption.IP_HDRINCL, 1);
socket.on('error', (err) => process.stderr.write(`icmp-responder: ${err.message}\n`));

function reply(request: Buffer): Buffer | null {
  const ihl = (request[0]! & 0x0f) * 4;
  const fragment = request.readUInt16BE(6) & 0x3fff;
  if (request.length < ihl + 8 || request[9] !== 1 || fragment !== 0) return null;
  if (request[ihl] !== 8 || request[ihl + 1] !== 0) return null; // echo request only
  const icmp = Buffer.from(request.subarray(ihl));
  icmp[0] = 0; // echo reply
  icmp.writeUInt16BE(0, 2);
  icmp.writeUInt16BE(raw.createChecksum(icmp), 2);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + icmp.length, 2);
  ip.writeUInt16BE(Math.floor(random() * 65536), 4);
  ip[8] = 64; // TTL
  ip[9] = 1; // ICMP
  request.copy(ip, 12, 16, 20); // source = the address that was pinged
  request.copy(ip, 16, 12, 16); // destination = the pinger
  ip.writeUInt16BE(raw.createChecksum(ip), 10);
  return Buffer.concat([ip, icmp]);
}

socket.on('message', (request, source) => {
  const out = reply(request);
  if (!out) return;
  const target = [request[16], request[17], request[18], request[19]].join('.');
  const rule = rules.get(target);
  const send = (): void => socket.send(out, 0, out.length, source, null, () => {});
  if (!rule) return send();
  const draw = flowRandom(target, request);
  if (draw() * 100 < rule.lossPct) return;
  const wait = Math.max(0, rule.delayMs + (draw() * 2 - 1) * rule.jitterMs);
  if (wait === 0) send();
  else setTimeout(send, wait);
});

function handle(line: string): void {
  let id: unknown = null;
  try {
    const msg = JSON.parse(line) as { id?: unknown; op?: unknown; address?: unknown; lossPct?: unknown; delayMs?: unknown; jitterMs?: unknown };
    id = msg.id ?? null;
    if (typeof msg.address !== 'string') throw new Error('address missing');
    if (msg.op === 'clear') rules.delete(msg.address);
    else if (msg.op === 'impair') {
      const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
      rules.set(msg.address, { lossPct: Math.min(100, num(msg.lossPct)), delayMs: num(msg.delayMs), jitterMs: num(msg.jitterMs) });
    } else throw new Error(`unknown op ${String(msg.op)}`);
    process.stdout.write(`${JSON.stringify({ id, ok: true })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ id, ok: false, error: (e as Error).message })}\n`);
  }
}

createInterface({ input: process.stdin }).on('line', handle).on('close', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
