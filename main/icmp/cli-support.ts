/**
 * What the ping, traceroute and mtr commands share at run time: an in-process pinger (no
 * engine, no database) and Ctrl-C as cancel. Loaded by the commands on use.
 */
import { createLogger } from '../lib/logger.ts';
import { createPinger } from './create-pinger.ts';
import type { Pinger, PingMethod } from './types.ts';

/** Runs `fn` with a pinger and an AbortSignal that Ctrl-C fires; always closes the pinger. */
export async function withPinger<T>(opts: { method: string; logLevel: string; ratePerSec?: number }, fn: (pinger: Pinger, signal: AbortSignal) => Promise<T>): Promise<T> {
  const pinger = createPinger({
    method: opts.method as 'auto' | PingMethod,
    logger: createLogger({ level: opts.logLevel }),
    ...(opts.ratePerSec ? { ratePerSec: opts.ratePerSec } : {}),
  });
  const controller = new AbortController();
  const onInt = (): void => controller.abort();
  process.once('SIGINT', onInt);
  try {
    return await fn(pinger, controller.signal);
  } finally {
    process.off('SIGINT', onInt);
    pinger.close();
  }
}
