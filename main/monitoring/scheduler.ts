import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import { fnv1a, nextSlot } from './jitter.ts';
import { createSemaphore as createLimiter, type Semaphore as Limiter } from '../lib/async/semaphore.ts';
import { MinHeap } from '../lib/async/min-heap.ts';
import type { PollExecutor, PollJob, PollOutcome, Protocol, ScheduledItem } from './poll-executor.ts';
import type { TimerHandle, Timers } from '../lib/async/timers.ts';
import { createBackoffPolicy } from './backoff-policy.ts';
import { createProtocolStats, type DeviceHealth, newDeviceHealth, type PollRecord, type ProtocolHealth, type ProtocolStats, type ReachabilityChange, recordDevicePoll } from './poll-health.ts';

export interface SchedulerOptions {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  executors?: PollExecutor[];
  /** Jobs running at once per protocol. Defaults: snmp 64, icmp 256. */
  concurrency?: Partial<Record<Protocol, number>>;
  /** Hard deadline of one job per protocol. Defaults: snmp 30 s, icmp 15 s. */
  jobTimeoutMs?: Partial<Record<Protocol, number>>;
  /** Consecutive timeouts before a device is marked unreachable and backed off. Default 3 (backoff-policy.ts). */
  unreachableAfter?: number;
  /** Longest wait between polls of an unreachable device. Default 15 min (backoff-policy.ts). */
  maxBackoffMs?: number;
  /** Spread of the first poll of a newly added device. Default 10 s (capped by the interval). */
  firstPollSpreadMs?: number;
  /** Items due within this much of each other are polled in the same job. Default 1 s. */
  groupWindowMs?: number;
  /** How long stop() waits for in-flight polls to honour their abort. Default 3 s. */
  stopGraceMs?: number;
  onPoll?: (record: PollRecord) => void;
  onReachability?: (change: { deviceId: string; protocol: Protocol; reachable: boolean; at: number }) => void;
}

/** The monitoring scheduler. A Service: start() arms timers, stop() aborts in-flight polls. */
export interface Scheduler extends Service {
  /** Replaces every item (e.g. after loading monitoring_items). Polling state of kept devices survives. */
  setItems(items: readonly ScheduledItem[]): void;
  /** Adds or changes items; a changed interval takes effect from the next poll. */
  upsertItems(items: readonly ScheduledItem[]): void;
  removeItems(ids: readonly string[]): void;
  removeDevice(deviceId: string): void;
  /** Plugs in the poller of a protocol (replacing any previous one); its items start being polled. */
  registerExecutor(executor: PollExecutor): void;
  /** Polls a device's items now, outside the schedule (and out of backoff). */
  pollNow(deviceId: string, protocol: Protocol): void;
  health(): ProtocolHealth[];
  deviceHealth(deviceId?: string): DeviceHealth[];
  /** Entries in the timeline of wake-ups, stale ones included (bounded by about twice the devices). */
  timelineSize(): number;
  /** Resolves when no job is queued or running. */
  idle(): Promise<void>;
}

const PROTOCOLS: Protocol[] = ['snmp', 'icmp'];

interface ItemState {
  item: ScheduledItem;
  nextDue: number;
}

interface DeviceState {
  key: string;
  deviceId: string;
  protocol: Protocol;
  phase: number;
  items: Map<string, ItemState>;
  /** Queued or running: a new job for this device waits for it. */
  busy: boolean;
  /** The wake-up time currently in the heap for this device (older heap entries are stale). */
  wakeAt: number | undefined;
  backoffUntil: number | undefined;
  health: DeviceHealth;
}

interface ProtocolState {
  limiter: Limiter;
  executor: PollExecutor | undefined;
  timeoutMs: number;
  stats: ProtocolStats;
}

/**
 * Per-item intervals, spread by a deterministic phase per device (FNV-1a of device id and
 * protocol), so a thousand devices do not fire in the same millisecond but one device's items
 * fall due together and go out as one job. Jobs wait for a per-protocol concurrency slot; each
 * has a hard deadline after which its slot is given back whatever the executor does, so a slow
 * or dead device only ever delays itself. A device that times out `unreachableAfter` times in a
 * row is marked unreachable and polled with exponential backoff until it answers again (the
 * policy: backoff-policy.ts; what is recorded of each poll: poll-health.ts).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, timers, logger } = options;
  const backoff = createBackoffPolicy({ unreachableAfter: options.unreachableAfter, maxBackoffMs: options.maxBackoffMs });
  const firstPollSpreadMs = options.firstPollSpreadMs ?? 10_000;
  const groupWindowMs = options.groupWindowMs ?? 1000;
  const defaultsConcurrency: Record<Protocol, number> = { snmp: 64, icmp: 256 };
  const defaultsTimeout: Record<Protocol, number> = { snmp: 30_000, icmp: 15_000 };

  const protocols = new Map<Protocol, ProtocolState>(
    PROTOCOLS.map((p) => [
      p,
      {
        limiter: createLimiter(options.concurrency?.[p] ?? defaultsConcurrency[p]),
        executor: undefined,
        timeoutMs: options.jobTimeoutMs?.[p] ?? defaultsTimeout[p],
        stats: createProtocolStats(),
      },
    ]),
  );
  for (const e of options.executors ?? []) (protocols.get(e.protocol) as ProtocolState).executor = e;

  const devices = new Map<string, DeviceState>();
  const itemDevice = new Map<string, string>();
  const heap = new MinHeap<DeviceState>();
  const inFlight = new Set<{ device: DeviceState; controller: AbortController; settled: Promise<void> }>();
  let idleWaiters: (() => void)[] = [];
  let pendingJobs = 0;
  let timer: TimerHandle | undefined;
  let timerAt: number | undefined;
  let running = false;

  const proto = (p: Protocol) => protocols.get(p) as ProtocolState;
  const deviceKey = (deviceId: string, protocol: Protocol) => `${protocol}|${deviceId}`;

  // ---- timeline -------------------------------------------------------------------------

  function wakeTime(d: DeviceState): number | undefined {
    if (!proto(d.protocol).executor || d.items.size === 0) return undefined;
    let at = Infinity;
    for (const s of d.items.values()) at = Math.min(at, s.nextDue);
    if (d.backoffUntil !== undefined) at = Math.max(at, d.backoffUntil);
    return at;
  }

  /**
   * Puts the device's next wake-up in the heap (stale entries are skipped when popped). A wake-up
   * already there is not pushed again: a reload of every item (a device added, settings saved)
   * re-plans every device, and a heap of stale copies would only grow.
   */
  function plan(d: DeviceState): void {
    const at = wakeTime(d);
    d.health.nextPollAt = at ?? null;
    if (at !== undefined && at === d.wakeAt) return arm();
    d.wakeAt = at;
    if (at === undefined) return;
    heap.push(at, d);
    // Stale entries of devices planned later than before wait for their time; keep them bounded.
    if (heap.size > 2 * devices.size + 1024) heap.retain((key, v) => v.wakeAt === key && devices.get(v.key) === v);
    arm();
  }

  function arm(): void {
    if (!running) return;
    // Drop stale heads so the timer is set for a real wake-up.
    while (heap.size > 0) {
      const top = heap.peekKey() as number;
      const d = heap.pop() as { key: number; value: DeviceState };
      if (d.value.wakeAt === top && devices.get(d.value.key) === d.value) {
        heap.push(top, d.value);
        break;
      }
    }
    const next = heap.peekKey();
    if (next === undefined) return;
    if (timer !== undefined && timerAt !== undefined && timerAt <= next) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timerAt = next;
    timer = timers.setTimeout(wake, next - clock.now());
  }

  function wake(): void {
    timer = undefined;
    timerAt = undefined;
    const now = clock.now();
    while (heap.size > 0 && (heap.peekKey() as number) <= now) {
      const { key, value: d } = heap.pop() as { key: number; value: DeviceState };
      if (d.wakeAt !== key || devices.get(d.key) !== d) continue;
      d.wakeAt = undefined;
      dispatch(d, now);
    }
    arm();
  }

  // ---- jobs -----------------------------------------------------------------------------

  function dispatch(d: DeviceState, now: number): void {
    const due: ItemState[] = [];
    for (const s of d.items.values()) if (s.nextDue <= now + groupWindowMs) due.push(s);
    if (due.length === 0) {
      plan(d);
      return;
    }
    // Next slot of every due item, whatever happens to this poll: missed slots are not caught up,
    // but counted (a wake-up later than an item's next slot: the event loop was blocked).
    // Due when the earliest item was, or when the device's backoff ended (waiting it out is not lag).
    const dueAt = Math.max(Math.min(...due.map((s) => s.nextDue)), d.backoffUntil ?? -Infinity);
    let missed = 0;
    for (const s of due) {
      // Slots inside a backoff were skipped on purpose.
      missed = Math.max(missed, Math.floor((now - Math.max(s.nextDue, d.backoffUntil ?? -Infinity)) / s.item.intervalMs));
      s.nextDue = nextSlot(now, s.item.intervalMs, d.phase);
    }
    if (missed > 0) proto(d.protocol).stats.miss(missed);
    if (d.busy) {
      proto(d.protocol).stats.skip();
      plan(d);
      return;
    }
    d.busy = true;
    pendingJobs++;
    const items = due.map((s) => s.item);
    proto(d.protocol).limiter.acquire((release) => runJob(d, items, dueAt, release));
    plan(d);
  }

  function runJob(d: DeviceState, items: ScheduledItem[], dueAt: number, release: () => void): void {
    const p = proto(d.protocol);
    const executor = p.executor;
    const startedAt = clock.now();
    const controller = new AbortController();
    let finished = false;
    let resolveSettled: () => void = () => {};
    const entry = { device: d, controller, settled: new Promise<void>((r) => (resolveSettled = r)) };
    inFlight.add(entry);

    const finish = (outcome: PollOutcome) => {
      if (finished) return;
      finished = true;
      timers.clearTimeout(deadlineTimer);
      release();
      record(d, { deviceId: d.deviceId, protocol: d.protocol, status: outcome.status, ...(outcome.message ? { message: outcome.message } : {}), items: items.length, dueAt, startedAt, durationMs: clock.now() - startedAt, lagMs: Math.max(0, startedAt - dueAt) });
    };
    const deadlineTimer = timers.setTimeout(() => {
      finish({ status: 'timeout', message: `poll did not finish within ${p.timeoutMs} ms` });
      controller.abort(new Error('poll deadline'));
    }, p.timeoutMs);

    const settle = () => {
      // The device stays busy until its executor really lets go, so it never has two polls at once.
      d.busy = false;
      pendingJobs--;
      inFlight.delete(entry);
      resolveSettled();
      if (pendingJobs === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
      }
    };

    if (!executor) {
      finish({ status: 'error', message: `no ${d.protocol} poller is registered` });
      settle();
      return;
    }
    const job: PollJob = { deviceId: d.deviceId, protocol: d.protocol, items, dueAt, startedAt, deadline: startedAt + p.timeoutMs, signal: controller.signal };
    let promise: Promise<PollOutcome>;
    try {
      promise = executor.poll(job);
    } catch (err) {
      promise = Promise.reject(err);
    }
    promise
      .then(
        (outcome) => finish(outcome),
        (err: unknown) => {
          logger.warn({ err, deviceId: d.deviceId, protocol: d.protocol }, 'poll executor threw');
          finish({ status: 'error', message: err instanceof Error ? err.message : String(err) });
        },
      )
      .finally(settle);
  }

  function record(d: DeviceState, r: PollRecord): void {
    proto(d.protocol).stats.record(r);
    const now = clock.now();
    const change = recordDevicePoll(d.health, r, backoff, now);
    const notify = (c: ReachabilityChange) => options.onReachability?.({ deviceId: d.deviceId, protocol: d.protocol, reachable: c.reachable, at: c.at });
    // Told before its backoff is set when it goes, after it is lifted when it comes back.
    if (change?.reachable === false) notify(change);
    // Backed off while unreachable, from the device's shortest interval; back on its schedule once it answers.
    const shortest = d.items.size ? Math.min(...[...d.items.values()].map((s) => s.item.intervalMs)) : undefined;
    const wait = backoff.backoffMs(d.health.consecutiveTimeouts, shortest);
    d.backoffUntil = wait === undefined ? undefined : now + wait;
    if (change?.reachable === true) notify(change);
    try {
      options.onPoll?.(r);
    } catch (err) {
      logger.warn({ err }, 'onPoll listener failed');
    }
    if (devices.get(d.key) === d) plan(d);
  }

  // ---- items ----------------------------------------------------------------------------

  function newDevice(deviceId: string, protocol: Protocol): DeviceState {
    const key = deviceKey(deviceId, protocol);
    return {
      key,
      deviceId,
      protocol,
      phase: fnv1a(key),
      items: new Map(),
      busy: false,
      wakeAt: undefined,
      backoffUntil: undefined,
      health: newDeviceHealth(deviceId, protocol),
    };
  }

  function firstDue(d: DeviceState, intervalMs: number, now: number): number {
    const spread = Math.max(1, Math.min(intervalMs, firstPollSpreadMs));
    return now + (d.phase % spread);
  }

  function upsert(items: readonly ScheduledItem[]): Set<DeviceState> {
    const touched = new Set<DeviceState>();
    const now = clock.now();
    for (const item of items) {
      if (!(item.intervalMs > 0)) throw new RangeError(`item ${item.id} has no positive interval`);
      const key = deviceKey(item.deviceId, item.protocol);
      const oldKey = itemDevice.get(item.id);
      if (oldKey !== undefined && oldKey !== key) removeItem(item.id);
      let d = devices.get(key);
      if (!d) {
        d = newDevice(item.deviceId, item.protocol);
        devices.set(key, d);
      }
      const existing = d.items.get(item.id);
      if (existing) {
        const intervalChanged = existing.item.intervalMs !== item.intervalMs;
        existing.item = item;
        if (intervalChanged) existing.nextDue = Math.min(existing.nextDue, nextSlot(now, item.intervalMs, d.phase));
      } else {
        // A device already being polled: the new item joins its next slot. A new device: soon.
        const others = [...d.items.values()];
        const nextDue = others.length > 0 && d.health.lastPollAt !== null ? nextSlot(now, item.intervalMs, d.phase) : firstDue(d, item.intervalMs, now);
        d.items.set(item.id, { item, nextDue });
      }
      d.health.items = d.items.size;
      itemDevice.set(item.id, key);
      touched.add(d);
    }
    return touched;
  }

  function removeItem(id: string): DeviceState | undefined {
    const key = itemDevice.get(id);
    if (key === undefined) return undefined;
    itemDevice.delete(id);
    const d = devices.get(key);
    if (!d) return undefined;
    d.items.delete(id);
    d.health.items = d.items.size;
    if (d.items.size === 0) {
      devices.delete(key);
      return undefined;
    }
    return d;
  }

  // ---- the service ----------------------------------------------------------------------

  return {
    name: 'monitoring-scheduler',

    start() {
      running = true;
      for (const d of devices.values()) plan(d);
      arm();
    },

    async stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      timerAt = undefined;
      for (const p of protocols.values()) p.limiter.clear();
      const settling = [...inFlight];
      for (const f of settling) f.controller.abort(new Error('scheduler stopped'));
      // Executors get a short grace to honour the abort; the engine's stop must not hang on a device.
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all(settling.map((f) => f.settled)),
        new Promise<void>((r) => {
          graceTimer = setTimeout(r, options.stopGraceMs ?? 3000);
          graceTimer.unref();
        }),
      ]);
      clearTimeout(graceTimer);
      // Jobs dropped from the limiter queue never ran: they are no longer pending, their devices not busy.
      pendingJobs = inFlight.size;
      const stillRunning = new Set([...inFlight].map((f) => f.device));
      for (const d of devices.values()) {
        d.busy = stillRunning.has(d);
        d.wakeAt = undefined;
      }
      heap.clear();
      if (pendingJobs === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
      }
    },

    setItems(items) {
      const keep = new Set(items.map((i) => i.id));
      for (const id of [...itemDevice.keys()]) if (!keep.has(id)) removeItem(id);
      for (const d of upsert(items)) plan(d);
    },

    upsertItems(items) {
      for (const d of upsert(items)) plan(d);
    },

    removeItems(ids) {
      for (const id of ids) {
        const d = removeItem(id);
        if (d) plan(d);
      }
    },

    removeDevice(deviceId) {
      for (const p of PROTOCOLS) {
        const d = devices.get(deviceKey(deviceId, p));
        if (!d) continue;
        for (const id of d.items.keys()) itemDevice.delete(id);
        devices.delete(d.key);
      }
    },

    registerExecutor(executor) {
      proto(executor.protocol).executor = executor;
      const now = clock.now();
      for (const d of devices.values()) {
        if (d.protocol !== executor.protocol) continue;
        // Items held for want of a poller are due now, not late: nobody could poll them.
        for (const s of d.items.values()) s.nextDue = Math.max(s.nextDue, now);
        plan(d);
      }
    },

    pollNow(deviceId, protocol) {
      const d = devices.get(deviceKey(deviceId, protocol));
      if (!d) return;
      const now = clock.now();
      d.backoffUntil = undefined;
      for (const s of d.items.values()) s.nextDue = Math.min(s.nextDue, now);
      plan(d);
    },

    health() {
      return PROTOCOLS.map((protocol) => {
        const p = proto(protocol);
        let count = 0;
        let unreachable = 0;
        for (const d of devices.values()) {
          if (d.protocol !== protocol) continue;
          count++;
          if (d.health.unreachableSince !== null) unreachable++;
        }
        return {
          protocol,
          hasExecutor: p.executor !== undefined,
          devices: count,
          unreachable,
          concurrency: p.limiter.max(),
          inFlight: p.limiter.active(),
          queued: p.limiter.queued(),
          ...p.stats.totals(),
          lag: p.stats.lag(),
          recent: p.stats.recent(),
        } satisfies ProtocolHealth;
      });
    },

    timelineSize: () => heap.size,

    deviceHealth(deviceId) {
      const out: DeviceHealth[] = [];
      if (deviceId === undefined) {
        for (const d of devices.values()) out.push({ ...d.health });
        return out;
      }
      // One device: by key, not a scan of every device (the poll-health writer asks this after each poll).
      for (const p of PROTOCOLS) {
        const d = devices.get(deviceKey(deviceId, p));
        if (d) out.push({ ...d.health });
      }
      return out;
    },

    idle() {
      if (pendingJobs === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
