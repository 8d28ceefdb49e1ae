/**
 * Event-loop delay of this process (perf_hooks monitorEventLoopDelay, sampled every 10 ms by
 * libuv, off the JavaScript thread's work): read as a window since the last `take()`.
 */
import { monitorEventLoopDelay, type ELDHistogram } from 'node:perf_hooks';

export interface EventLoopWindow {
  /** Samples in the window; 0 before the first sample (then the figures are 0). */
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface EventLoopMonitor {
  start(): void;
  stop(): void;
  /** The window so far, without ending it. */
  peek(): EventLoopWindow;
  /** The window so far; the next one starts now. */
  take(): EventLoopWindow;
}

const NS_PER_MS = 1e6;

export function createEventLoopMonitor(resolutionMs = 10): EventLoopMonitor {
  let h: ELDHistogram | undefined;
  const read = (): EventLoopWindow => {
    if (!h || h.count === 0) return { samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
    return { samples: h.count, p50Ms: h.percentile(50) / NS_PER_MS, p99Ms: h.percentile(99) / NS_PER_MS, maxMs: h.max / NS_PER_MS };
  };
  return {
    start() {
      if (h) return;
      h = monitorEventLoopDelay({ resolution: resolutionMs });
      h.enable();
    },
    stop() {
      h?.disable();
      h = undefined;
    },
    peek: read,
    take() {
      const w = read();
      h?.reset();
      return w;
    },
  };
}
