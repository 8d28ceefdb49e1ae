/**
 * Device availability from monitor checks: down after N consecutive failed checks (default 2),
 * up again after one good one. Pure: the caller keeps the state and turns changes into events.
 */

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
 * Applies one check. `ok` is true when the check got at least one answer (degraded counts as
 * up: slow or lossy is not down). Returns the new state and the change, if any.
 */
export function nextAvailability(
  state: AvailabilityState,
  ok: boolean,
  nowMs: number,
  downAfter = 2,
): { state: AvailabilityState; change: AvailabilityChange | null } {
  if (!Number.isInteger(downAfter) || downAfter < 1) throw new RangeError('downAfter must be a positive integer');
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

/** Availability of many targets, keyed by the caller's id (device id). */
export interface AvailabilityTracker {
  /** Applies one check per target; returns the changes, in input order. */
  update(checks: Iterable<{ id: string; ok: boolean }>, nowMs: number): Array<AvailabilityChange & { id: string }>;
  get(id: string): AvailabilityState;
  /** Forgets a target (device deleted or no longer monitored). */
  remove(id: string): void;
  /** Seeds a target's state (e.g. restored from the store at start). */
  set(id: string, state: AvailabilityState): void;
}

export function createAvailabilityTracker(options: { downAfter?: number } = {}): AvailabilityTracker {
  const downAfter = options.downAfter ?? 2;
  const states = new Map<string, AvailabilityState>();
  return {
    update(checks, nowMs) {
      const changes: Array<AvailabilityChange & { id: string }> = [];
      for (const { id, ok } of checks) {
        const { state, change } = nextAvailability(states.get(id) ?? initialAvailability, ok, nowMs, downAfter);
        states.set(id, state);
        if (change) changes.push({ id, ...change });
      }
      return changes;
    },
    get: (id) => states.get(id) ?? initialAvailability,
    remove: (id) => void states.delete(id),
    set: (id, state) => void states.set(id, state),
  };
}
