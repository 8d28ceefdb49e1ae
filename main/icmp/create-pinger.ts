/**
 * Picks the best ICMP method this process may use and builds the Pinger: raw sockets when
 * raw-socket loads and the process may open them (root or CAP_NET_RAW), otherwise the system's
 * fping/ping. Never throws in 'auto' mode: the engine starts whatever it finds.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { createRawPinger } from './raw-pinger.ts';
import { loadRawSocket, type RawSocketLoad } from './raw-socket-loader.ts';
import { createSystemPinger, findExecutable } from './system-pinger.ts';
import type { Pinger, PingMethod } from './types.ts';

export interface CreatePingerOptions {
  /** 'auto' (default) picks the best available; a method forces it (tests, user setting). */
  method?: 'auto' | PingMethod;
  /** Packets per second for everything sent through this pinger (default 1000). */
  ratePerSec?: number;
  /** Packets the rate limiter lets out at once (default rate/50). */
  burst?: number;
  logger?: Logger;
  /** How raw-socket is loaded (tests simulate a runtime it was not built for). */
  loadRaw?: () => RawSocketLoad;
}

/** True when this process's group may open unprivileged ICMP datagram sockets (Linux). */
export function pingGroupAllows(gid = process.getgid?.() ?? -1): boolean {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ping_group_range', 'utf8').trim().split(/\s+/).map(Number);
    return gid >= lo! && gid <= hi!;
  } catch {
    return false;
  }
}

function systemDetail(why: string): string {
  const tools = [findExecutable('fping'), findExecutable('ping')].filter(Boolean);
  const dgram = pingGroupAllows()
    ? ' Unprivileged ICMP datagram sockets are allowed (ping_group_range), but Node cannot open them, so the system tools use them.'
    : '';
  return tools.length ? `${why}: using the system ${tools.join(' / ')}.${dgram}` : `${why}, and neither fping nor ping is installed: ICMP checks will fail.`;
}

export function createPinger(options: CreatePingerOptions = {}): Pinger {
  const method = options.method ?? 'auto';
  const common = { ...(options.ratePerSec === undefined ? {} : { ratePerSec: options.ratePerSec }), ...(options.logger ? { logger: options.logger } : {}) };
  let why = '';
  if (method === 'auto' || method === 'raw') {
    const loaded = (options.loadRaw ?? loadRawSocket)();
    if (loaded.ok) {
      try {
        return createRawPinger({ rawSocket: loaded.module, ...common, ...(options.burst ? { burst: options.burst } : {}) });
      } catch (err) {
        const msg = (err as Error).message;
        why = /not permitted|permission|EPERM|EACCES/i.test(msg) ? 'raw ICMP sockets are not permitted (not root, no CAP_NET_RAW)' : `raw ICMP socket failed (${msg})`;
      }
    } else why = loaded.reason;
    if (method === 'raw') throw new AppError('unavailable', `Raw ICMP is not available: ${why}.`);
  }
  if (method === 'dgram') {
    throw new AppError('unavailable', 'Unprivileged ICMP datagram sockets are not available in this build (Node has no API for them); use "system-ping".');
  }
  if (!why) why = 'system ping requested';
  const detail = systemDetail(why);
  options.logger?.warn({ method: 'system-ping', detail }, 'ICMP fallback in use');
  return createSystemPinger({ ...common, methodInfo: { method: 'system-ping', detail } });
}
