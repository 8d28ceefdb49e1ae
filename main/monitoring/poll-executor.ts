/**
 * The seam between the scheduler and the protocols. The scheduler decides *when* and *what*
 * (one job per device and protocol holding every item due); an executor decides *how* (SNMP GET
 * of the items' OIDs, an ICMP echo burst, ...), writes the samples it makes to the metrics
 * store, and says how it went. The SNMP and ICMP pollers each provide one.
 */

export type Protocol = 'snmp' | 'icmp';

/** One thing to poll on a schedule. */
export interface ScheduledItem {
  /** Unique across the scheduler, e.g. `snmp:<monitoring_items.id>` or `icmp:<deviceId>`. */
  id: string;
  deviceId: string;
  protocol: Protocol;
  intervalMs: number;
  /** Whatever the executor needs (for SNMP: the monitoring item row); opaque to the scheduler. */
  payload?: unknown;
}

/** Every item of one device and protocol due now, polled together. */
export interface PollJob {
  deviceId: string;
  protocol: Protocol;
  items: readonly ScheduledItem[];
  /** When the earliest of these items was due (ms since the epoch). */
  dueAt: number;
  /** When the job got its concurrency slot and started. */
  startedAt: number;
  /** The latest time the job may finish; after it, `signal` aborts and the poll counts as a timeout. */
  deadline: number;
  /** Aborted at the deadline or when the scheduler stops: stop waiting for the device then. */
  signal: AbortSignal;
}

export type PollStatus = 'ok' | 'timeout' | 'error';

/**
 * How a poll went. `timeout`: the device did not answer (counts towards "unreachable");
 * `error`: it answered but the poll failed (auth, noSuchName, malformed answer); `ok`: samples made
 * (some items may still have been missing: list them in `message`).
 */
export interface PollOutcome {
  status: PollStatus;
  message?: string;
}

export interface PollExecutor {
  protocol: Protocol;
  /** Must not throw for device problems (return a timeout or error outcome); a throw is recorded as an error. */
  poll(job: PollJob): Promise<PollOutcome>;
}
