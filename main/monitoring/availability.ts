/**
 * Device availability: ONE state machine for every source (ICMP monitor, SNMP poller), per device
 * and source: unknown / up / down with the failed checks in a row. Up after one answered check;
 * down after `downAfter(source)` unanswered ones in a row (ICMP: the "down after N failed checks"
 * setting; SNMP: never by count alone, the scheduler's "unreachable" verdict marks it down, see
 * `markDown`). Every observation is persisted in device_state (batched per tick), so a restart
 * resumes from the last known state; each change of up/down goes to `onChange` (alerts and the
 * public `device.availability` event, wired in engine.ts).
 */
import type { AvailabilityChange as AvailabilityEvent } from '../api/alerts.ts';
import type { Logger } from '../lib/logger.ts';
import type { DeviceStateRepo, SourceState, StateSource } from './device-state.ts';
import type { Reachability } from './poll-executor.ts';

export type Availability = 'unknown' | 'up' | 'down';

export interface AvailabilityState {
  status: Availability;
  /** Failed checks in a row (reset by a good one). */
  consecutiveFailures: number;
  /** When the status last changed (ms), null while unknown. */
  sinceMs: number | null;
}

export interface AvailabilityChange {
  from: Availability;
  to: Availability;
  atMs: number;
  consecutiveFailures: number;
}

export const initialAvailability: AvailabilityState = Object.freeze({ status: 'unknown', consecutiveFailures: 0, sinceMs: null });

/**
 * The transition for one check. `ok` is true when the check got an answer (degraded counts as
 * up: slow or lossy is not down). `downAfter` may be Infinity (never down by count). Pure.
 */
export function nextAvailability(state: AvailabilityState, ok: boolean, nowMs: number, downAfter = 2): { state: AvailabilityState; change: AvailabilityChange | null } {
  if (!(downAfter === Infinity || (Number.isInteger(downAfter) && downAfter >= 1))) throw new RangeError('downAfter must be a positive integer');
  if (ok) {
    if (state.status === 'up') return { state: { ...state, consecutiveFailures: 0 }, change: null };
    const change = { from: state.status, to: 'up' as const, atMs: nowMs, consecutiveFailures: 0 };
    return { state: { status: 'up', consecutiveFailures: 0, sinceMs: nowMs }, change };
  }
  const failures = state.consecutiveFailures + 1;
  if (state.status !== 'down' && failures >= downAfter) {
    return { state: { status: 'down', consecutiveFailures: failures, sinceMs: nowMs }, change: { from: state.status, to: 'down', atMs: nowMs, consecutiveFailures: failures } };
  }
  return { state: { ...state, consecutiveFailures: failures }, change: null };
}

export interface AvailabilityOptions {
  state: Pick<DeviceStateRepo, 'save' | 'ofSource'>;
  logger: Logger;
  /**
   * Unanswered checks in a row before a source says down. Read once per source per tick (a monitor
   * cycle's checks all land in one tick: one settings read for all of them, not one per device).
   */
  downAfter: (source: StateSource) => number;
  /** Each change to up or down, after it is in memory (persisted at the end of the tick). */
  onChange?: (change: AvailabilityEvent) => void;
}

export interface AvailabilityMachine {
  /** One check of a device by a source. Returns the change, if any. */
  observe(deviceId: string, source: StateSource, r: Reachability): AvailabilityChange | null;
  /** The source gave up on the device (the scheduler's unreachable verdict): down now, with its failure count. */
  markDown(deviceId: string, source: StateSource, at: number, consecutiveFailures: number): AvailabilityChange | null;
  get(deviceId: string, source: StateSource): AvailabilityState;
  /** Writes pending state now (otherwise at the end of the tick). */
  flush(): void;
  /** Forgets a device (deleted). */
  forget(deviceId: string): void;
}

const key = (deviceId: string, source: StateSource) => `${source}|${deviceId}`;
const machineState = (s: SourceState): AvailabilityState => ({ status: s.status === 'degraded' ? 'up' : s.status, consecutiveFailures: s.consecutiveFailures, sinceMs: s.since });

export function createAvailability(o: AvailabilityOptions): AvailabilityMachine {
  const states = new Map<string, SourceState>();
  for (const source of ['icmp', 'snmp'] as const) {
    for (const s of o.state.ofSource(source)) {
      // An ICMP verdict that never settled starts afresh (its count is not trusted across a restart).
      if (source === 'icmp' && s.status === 'unknown') continue;
      states.set(key(s.deviceId, source), s);
    }
  }
  let pending = new Map<string, SourceState>();
  let queued = false;
  /** downAfter per source for the current tick (cleared with the flush). */
  const downAfterNow = new Map<StateSource, number>();
  const downAfter = (source: StateSource): number => {
    let n = downAfterNow.get(source);
    if (n === undefined) downAfterNow.set(source, (n = o.downAfter(source)));
    return n;
  };

  function flush(): void {
    queued = false;
    downAfterNow.clear();
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending = new Map();
    try {
      o.state.save(batch);
    } catch (err) {
      o.logger.warn({ err, states: batch.length }, 'device state not saved');
    }
  }

  function put(s: SourceState, change: AvailabilityChange | null): AvailabilityChange | null {
    const k = key(s.deviceId, s.source);
    states.set(k, s);
    pending.set(k, s);
    // One transaction for every device a monitor cycle checked: they all land in this tick.
    if (!queued) {
      queued = true;
      queueMicrotask(flush);
    }
    if (change && change.to !== 'unknown') {
      try {
        o.onChange?.({ deviceId: s.deviceId, source: s.source, status: change.to, atMs: change.atMs, consecutiveFailures: change.consecutiveFailures });
      } catch (err) {
        o.logger.warn({ err, deviceId: s.deviceId }, 'availability listener failed');
      }
    }
    return change;
  }

  const get = (deviceId: string, source: StateSource): AvailabilityState => {
    const s = states.get(key(deviceId, source));
    return s ? machineState(s) : initialAvailability;
  };

  return {
    observe(deviceId, source, r) {
      const prev = states.get(key(deviceId, source));
      const { state, change } = nextAvailability(prev ? machineState(prev) : initialAvailability, r.answered, r.at, downAfter(source));
      return put(
        {
          deviceId,
          source,
          status: state.status === 'up' && r.degraded ? 'degraded' : state.status,
          since: state.sinceMs,
          consecutiveFailures: state.consecutiveFailures,
          lastCheckAt: r.at,
          lastSeenAt: r.answered ? r.at : (prev?.lastSeenAt ?? null),
        },
        change,
      );
    },
    markDown(deviceId, source, at, consecutiveFailures) {
      const prev = states.get(key(deviceId, source));
      const from = prev ? machineState(prev).status : 'unknown';
      const change = from === 'down' ? null : { from, to: 'down' as const, atMs: at, consecutiveFailures };
      return put({ deviceId, source, status: 'down', since: change ? at : (prev?.since ?? at), consecutiveFailures, lastCheckAt: at, lastSeenAt: prev?.lastSeenAt ?? null }, change);
    },
    get,
    flush,
    forget(deviceId) {
      for (const source of ['icmp', 'snmp'] as const) {
        states.delete(key(deviceId, source));
        pending.delete(key(deviceId, source));
      }
    },
  };
}
