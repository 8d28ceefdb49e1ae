/**
 * Loads the native raw-socket module at run time, inside a try: a runtime it was not built for
 * (or a machine without it) must still start the engine, on a fallback method.
 */
import { createRequire } from 'node:module';

export interface RawSocket {
  on(event: 'message', cb: (buf: Buffer, source: string) => void): this;
  on(event: 'error', cb: (err: Error) => void): this;
  on(event: 'close', cb: () => void): this;
  send(buf: Buffer, offset: number, length: number, address: string, before: (() => void) | null, after: (err: Error | null, bytes: number) => void): this;
  setOption(level: number, option: number, value: number): void;
  close(): this;
  /**
   * raw-socket's own members, used to move more than one datagram per event-loop turn (it sends
   * one queued datagram per writable event and reads one per readable event): onSendReady sends
   * the oldest queued datagram now; wrap.recv reads one waiting datagram into `buffer`, or throws
   * when none is waiting.
   */
  onSendReady?(): void;
  wrap?: { recv(buffer: Buffer, cb: (buffer: Buffer, bytes: number, source: string) => void): void };
  buffer?: Buffer;
}

export interface RawSocketModule {
  createSocket(options: { protocol: number; addressFamily?: number; bufferSize?: number }): RawSocket;
  AddressFamily: { IPv4: number; IPv6: number };
  Protocol: { ICMP: number; ICMPv6: number };
}

export type RawSocketLoad = { ok: true; module: RawSocketModule } | { ok: false; reason: string };

let cached: RawSocketLoad | null = null;

/** The raw-socket module, or why it cannot be used. Loaded once per process. */
export function loadRawSocket(): RawSocketLoad {
  if (cached) return cached;
  try {
    const mod = createRequire(import.meta.url)('raw-socket') as RawSocketModule;
    cached = { ok: true, module: mod };
  } catch (err) {
    cached = { ok: false, reason: `raw-socket could not be loaded (${(err as Error).message.split('\n')[0]})` };
  }
  return cached;
}
