/** The Pinger interface every ICMP method implements, and what its calls return. */
import type { PingStats } from './stats.ts';

/**
 * How echo requests leave the machine: 'raw' (raw-socket, needs root/CAP_NET_RAW), 'dgram'
 * (Linux unprivileged ICMP datagram sockets), 'system-ping' (spawning the system fping/ping).
 */
export type PingMethod = 'raw' | 'dgram' | 'system-ping';

/** Why the method in use was chosen (shown in health and the UI). */
export interface PingMethodInfo {
  method: PingMethod;
  /** One sentence for the user, e.g. "raw sockets not permitted (not root): using /usr/bin/fping". */
  detail: string;
}

export interface EchoOptions {
  /** Per-probe timeout, ms (default 1000). */
  timeoutMs?: number;
  /** ICMP payload bytes (default 56, like ping). */
  size?: number;
  /** IP TTL / hop limit (default the system's, 64). */
  ttl?: number;
  /** 'udp' sends a UDP datagram to a high port instead (traceroute -U); answers are ICMP errors. */
  protocol?: 'icmp' | 'udp';
  /** UDP destination port (default 33434). */
  port?: number;
  signal?: AbortSignal;
}

/** The outcome of one probe. `from` is who answered (the target, or a router for errors). */
export type EchoOutcome =
  | { status: 'reply'; rttMs: number; from: string; ttl: number | null }
  | { status: 'ttl-exceeded' | 'unreachable' | 'too-big'; rttMs: number; from: string; code: number }
  | { status: 'timeout' }
  | { status: 'cancelled' }
  /** The packet could not be sent (no route, ...). */
  | { status: 'error'; message: string };

export type EchoStatus = EchoOutcome['status'];

export interface ProbeOptions extends Omit<EchoOptions, 'protocol' | 'port'> {
  /** Probes per target (default 1). */
  count?: number;
  /** Time between two probes to the same target, ms (default 1000). */
  intervalMs?: number;
  /** Called as each probe finishes, in completion order. */
  onProbe?: (event: ProbeEvent) => void;
}

export interface ProbeEvent {
  address: string;
  /** 0-based probe number for this target. */
  index: number;
  outcome: EchoOutcome;
}

export interface TargetResult extends PingStats {
  address: string;
  /** RTT per probe in send order; null when lost. */
  rtts: Array<number | null>;
  /** The last ICMP error seen for this target (e.g. host unreachable from a router), if any. */
  lastError: { status: 'ttl-exceeded' | 'unreachable' | 'too-big' | 'error'; from: string | null; message?: string } | null;
}

/** Counters for tests and diagnostics of the pinger itself. */
export interface PingerCounters {
  sent: number;
  replies: number;
  /** Replies for a probe that had already timed out (or never existed). */
  late: number;
  duplicates: number;
  badChecksums: number;
  /** ICMP errors matched to one of our probes. */
  errors: number;
  inFlight: number;
  queued: number;
}

/** Sends ICMP probes. One per engine: every user shares its sockets and rate limit. */
export interface Pinger {
  readonly method: PingMethod;
  readonly methodInfo: PingMethodInfo;
  /** One probe. Never rejects for network conditions: those are outcomes. */
  echo(address: string, options?: EchoOptions): Promise<EchoOutcome>;
  /** `count` probes to each target (IP addresses), spaced by `intervalMs`; results in input order. */
  probe(addresses: readonly string[], options?: ProbeOptions): Promise<TargetResult[]>;
  counters(): PingerCounters;
  /** Closes sockets; pending probes end as 'cancelled'. */
  close(): void;
}
