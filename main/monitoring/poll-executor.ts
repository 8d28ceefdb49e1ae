/**
 * The seam between the scheduler and the protocols. The scheduler decides *when* and *what*
 * (one job per device and protocol holding every item due); a poller decides *how* (SNMP GET of
 * the items' OIDs, an ICMP echo burst, ...) and RETURNS what it found (`PollResult`: samples,
 * whether the device answered, its identity when read) without any I/O on the store; the poll
 * sink (poll-sink.ts) writes it. The scheduler itself only sees the outcome (`PollExecutor`).
 */
import type { DeviceEvidence } from '../discovery/device-evidence.ts';
import type { Labels } from '../metrics/labels.ts';
import type { ProbeCounts } from './loss-window.ts';

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

/** One sample a poll made, by series name and labels (the sink resolves the series). */
export interface PollSample {
  name: string;
  labels: Labels;
  ts: number;
  value: number;
}

/**
 * Whether the device answered this poll (for the availability state machine). ICMP: any echo
 * reply (`degraded` is set by the poll sink from the windowed loss, loss-window.ts); SNMP: any
 * answer, even an error such as a wrong v3 password. Absent from a result when nothing was asked of the device (no address, no credential).
 */
export interface Reachability {
  answered: boolean;
  at: number;
  degraded?: boolean;
}

/** A device's SNMP system group as read by the poller. */
export interface SystemInfo {
  sysDescr: string | null;
  sysObjectID: string | null;
  sysName: string | null;
  sysLocation: string | null;
  sysServices: number | null;
  /** What the evidence round read with it (ENTITY chassis, UPS ident, ...: main/discovery/evidence-read.ts). */
  evidence?: DeviceEvidence;
}

/** What one poll found: the outcome for the scheduler plus what the sink writes. */
export interface PollResult extends PollOutcome {
  samples: PollSample[];
  reachability?: Reachability;
  /** The system group, when this poll (re)read it. */
  identity?: SystemInfo;
  /** ICMP: what the check's probes measured (the sink's loss window, loss-window.ts). */
  probes?: ProbeCounts;
}

/** A protocol's poller: no I/O on the store, everything it learns is in the result. */
export interface Poller {
  protocol: Protocol;
  /** Must not throw for device problems (return a timeout or error result). */
  poll(job: PollJob): Promise<PollResult>;
}
