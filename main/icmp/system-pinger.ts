/**
 * The last-resort pinger: the system's `fping` (batches) or `ping` (one probe per process), for
 * a user without raw-socket privilege. On Linux these tools hold CAP_NET_RAW or use the kernel's
 * unprivileged ICMP datagram sockets themselves. Slower than raw, but correct.
 */
import { spawn } from 'node:child_process';
import { isAddressAllowed, refusedMessage } from '../lib/network-guard.ts';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import { delimiter, join } from 'node:path';
import type { Logger } from '../lib/logger.ts';
import { emptyResult, finishResult, probeTargets } from './probe-targets.ts';
import type { EchoOptions, EchoOutcome, Pinger, PingerCounters, PingMethodInfo, ProbeOptions, TargetResult } from './types.ts';

/** Full path of an executable on $PATH (plus /usr/sbin, /usr/bin, /bin), or null. */
export function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/bin'].filter(Boolean);
  for (const dir of dirs) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // Not here.
    }
  }
  return null;
}

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runTool(cmd: string, args: string[], signal: AbortSignal | undefined, onStdoutLine?: (line: string) => void): Promise<Spawned> {
  // net.isIP, not ipaddr.isValid: the latter reads a bare count such as '3' as an IPv4 address.
  const refused = args.find((a) => net.isIP(a) !== 0 && !isAddressAllowed(a));
  if (refused) return Promise.resolve({ code: 2, stdout: '', stderr: refusedMessage(refused) });
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const onAbort = (): void => void child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!onStdoutLine) return;
      partial += d;
      const lines = partial.split('\n');
      partial = lines.pop()!;
      for (const l of lines) onStdoutLine(l);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      resolve({ code: -1, stdout, stderr: err.message });
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses one iputils `ping -c1` run. */
export function parsePingOutput(text: string, address: string): EchoOutcome {
  const reply = /bytes from ([^\s:]+).*?time[=<]([\d.]+) ms/.exec(text);
  if (reply) return { status: 'reply', rttMs: Number(reply[2]), from: address, ttl: Number(/ttl=(\d+)/.exec(text)?.[1] ?? NaN) || null };
  const err = /From ([^\s:]+)(?: \([^)]*\))?:? icmp_seq=\d+ (.*)/.exec(text);
  if (err) {
    const what = err[2]!;
    const status = /Time to live exceeded/i.test(what) ? 'ttl-exceeded' : /unreachable/i.test(what) ? 'unreachable' : /too big|Frag needed/i.test(what) ? 'too-big' : null;
    if (status) return { status, rttMs: NaN, from: err[1]!, code: -1 };
  }
  return { status: 'timeout' };
}

/** Parses fping `-C N -q` summary lines ("198.18.1.10 : 0.05 - 0.04") into per-probe RTTs. */
export function parseFpingSummary(stderr: string): Map<string, Array<number | null>> {
  const out = new Map<string, Array<number | null>>();
  for (const line of stderr.split('\n')) {
    const m = /^(\S+)\s+:\s+((?:[\d.]+|-)(?:\s+(?:[\d.]+|-))*)\s*$/.exec(line);
    if (!m) continue;
    out.set(m[1]!, m[2]!.trim().split(/\s+/).map((v) => (v === '-' ? null : Number(v))));
  }
  return out;
}

export interface SystemPingerOptions {
  ratePerSec?: number;
  logger?: Logger;
  methodInfo?: PingMethodInfo;
  /** Override tool paths (tests). */
  fping?: string | null;
  ping?: string | null;
}

export function createSystemPinger(options: SystemPingerOptions = {}): Pinger {
  const fping = options.fping === undefined ? findExecutable('fping') : options.fping;
  const ping = options.ping === undefined ? findExecutable('ping') : options.ping;
  const rate = options.ratePerSec ?? 1000;
  const methodInfo: PingMethodInfo = options.methodInfo ?? { method: 'system-ping', detail: `system tools: ${[fping, ping].filter(Boolean).join(', ') || 'none found'}` };
  const counters: PingerCounters = { sent: 0, replies: 0, late: 0, duplicates: 0, badChecksums: 0, errors: 0, inFlight: 0, queued: 0 };
  const closer = new AbortController();
  // One process per probe is heavy: keep a bounded number of them running.
  const maxProcs = 32;
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async (): Promise<() => void> => {
    if (running >= maxProcs) await new Promise<void>((r) => waiting.push(r));
    running++;
    return () => {
      running--;
      waiting.shift()?.();
    };
  };

  async function echo(address: string, o: EchoOptions = {}): Promise<EchoOutcome> {
    if (closer.signal.aborted || o.signal?.aborted) return { status: 'cancelled' };
    if (o.protocol === 'udp') return { status: 'error', message: 'UDP probes need raw sockets (run as root)' };
    const v6 = net.isIP(address) === 6;
    const timeoutMs = o.timeoutMs ?? 1000;
    const size = o.size ?? 56;
    const signal = o.signal ? AbortSignal.any([o.signal, closer.signal]) : closer.signal;
    const release = await slot();
    try {
      counters.sent++;
      const t0 = performance.now();
      if (ping) {
        const args = ['-n', '-c', '1', '-W', String(Math.max(0.001, timeoutMs / 1000)), '-s', String(size), ...(o.ttl ? ['-t', String(o.ttl)] : []), ...(v6 ? ['-6'] : ['-4']), address];
        const r = await runTool(ping, args, signal);
        if (signal.aborted) return { status: 'cancelled' };
        const out = parsePingOutput(r.stdout, address);
        if (out.status === 'reply') counters.replies++;
        if (out.status !== 'reply' && out.status !== 'timeout' && out.status !== 'cancelled' && out.status !== 'error') return { ...out, rttMs: performance.now() - t0 };
        if (out.status === 'timeout' && r.code !== 0 && r.code !== 1) return { status: 'error', message: r.stderr.trim() || `ping exited ${r.code}` };
        return out;
      }
      if (fping) {
        const args = ['-c', '1', '-t', String(timeoutMs), '-b', String(size), ...(o.ttl ? ['-H', String(o.ttl)] : []), '-e', address];
        const r = await runTool(fping, args, signal);
        if (signal.aborted) return { status: 'cancelled' };
        const m = /\[0\], \d+ bytes, ([\d.]+) ms/.exec(r.stdout);
        if (m) {
          counters.replies++;
          return { status: 'reply', rttMs: Number(m[1]), from: address, ttl: null };
        }
        const e = /ICMP (Time Exceeded|Unreachable[^ ]*|Host Unreachable|Network Unreachable) from (\S+)/i.exec(r.stderr);
        if (e) return { status: /Time Exceeded/i.test(e[1]!) ? 'ttl-exceeded' : 'unreachable', rttMs: performance.now() - t0, from: e[2]!, code: -1 };
        return { status: 'timeout' };
      }
      return { status: 'error', message: 'no ICMP method available: not root, and neither fping nor ping is installed' };
    } finally {
      release();
    }
  }

  async function probeWithFping(addresses: readonly string[], o: ProbeOptions): Promise<TargetResult[]> {
    const count = o.count ?? 1;
    const signal = o.signal ? AbortSignal.any([o.signal, closer.signal]) : closer.signal;
    const results = new Map<string, TargetResult>();
    // fping takes one family per run; split, and run both.
    const runOne = async (family: 4 | 6, list: string[]): Promise<void> => {
      if (!list.length) return;
      const args = [
        family === 6 ? '-6' : '-4', '-C', String(count), '-q',
        '-p', String(Math.max(1, Math.round(o.intervalMs ?? 1000))),
        '-t', String(o.timeoutMs ?? 1000),
        '-i', String(Math.max(0.1, 1000 / rate)),
        '-b', String(o.size ?? 56),
        ...(o.ttl ? ['-H', String(o.ttl)] : []),
        ...list,
      ];
      counters.sent += list.length * count;
      const r = await runTool(fping!, args, signal);
      const parsed = parseFpingSummary(r.stderr);
      for (const a of list) {
        const rtts = parsed.get(a);
        const res = emptyResult(a, count);
        if (rtts) rtts.slice(0, count).forEach((v, i) => (res.rtts[i] = v));
        const sent = signal.aborted && !rtts ? 0 : count;
        res.rtts.forEach((v, i) => {
          if (v !== null) counters.replies++;
          o.onProbe?.({ address: a, index: i, outcome: v === null ? { status: signal.aborted ? 'cancelled' : 'timeout' } : { status: 'reply', rttMs: v, from: a, ttl: null } });
        });
        results.set(a, finishResult(res, sent));
      }
    };
    const unique = [...new Set(addresses)];
    await Promise.all([runOne(4, unique.filter((a) => net.isIP(a) === 4)), runOne(6, unique.filter((a) => net.isIP(a) === 6))]);
    return addresses.map((a) => results.get(a) ?? finishResult(emptyResult(a, count), 0));
  }

  return {
    method: methodInfo.method,
    methodInfo,
    echo,
    probe: (addresses, o = {}) => {
      if ((o.count ?? 1) < 1) return Promise.reject(new RangeError('count must be at least 1'));
      // fping prints only a summary in batch mode; when a caller streams per-probe events for a
      // few targets (diagnostics), one ping per probe gives them live.
      if (fping && !(o.onProbe && addresses.length <= 4 && ping)) return probeWithFping(addresses, o);
      return probeTargets(echo, addresses, o);
    },
    counters: () => ({ ...counters }),
    close: () => closer.abort(),
  };
}
