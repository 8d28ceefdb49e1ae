/**
 * The engine's one Pinger, as a background service: created on first use (so an engine that
 * never pings opens no socket) and closed on stop. Whatever the method, the engine starts.
 */
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import { createPinger, type CreatePingerOptions } from './create-pinger.ts';
import type { Pinger, PingMethodInfo } from './types.ts';

export interface IcmpService extends Service {
  /** The shared pinger (scheduler, discovery and diagnostics all use this one). */
  pinger(): Pinger;
  /** The method in use and why: for the health output and the UI. */
  methodInfo(): PingMethodInfo;
}

export function createIcmp(options: { logger: Logger; method?: CreatePingerOptions['method']; ratePerSec?: number; pinger?: Pinger }): IcmpService {
  let pinger: Pinger | null = options.pinger ?? null;
  const get = (): Pinger => {
    pinger ??= createPinger({
      logger: options.logger,
      ...(options.method ? { method: options.method } : {}),
      ...(options.ratePerSec ? { ratePerSec: options.ratePerSec } : {}),
    });
    return pinger;
  };
  return {
    name: 'icmp',
    start: () => {
      const info = get().methodInfo;
      options.logger.info({ method: info.method, detail: info.detail }, 'ICMP method');
    },
    stop: () => {
      pinger?.close();
      pinger = null;
    },
    pinger: get,
    methodInfo: () => get().methodInfo,
  };
}
