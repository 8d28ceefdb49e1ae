/**
 * On-link subnets: ARP is the truth. An address of a directly connected subnet that stayed silent
 * to ICMP is checked against the kernel's neighbour table before anything else is sent to it:
 * - FAILED / INCOMPLETE (the kernel asked, nobody answered) → `no-host`: no TCP probes;
 * - resolved and confirmed during the sweep → `answered`: a host is there (it drops ICMP). The
 *   proof: an entry the table read at the sweep's start (the baseline) did not have resolved, or
 *   one confirmed more recently than the baseline says, or (no baseline) confirmed since the start;
 * - anything else (no entry, an old or static one, the table unreadable) → `unknown`: the caller
 *   probes as it would off-link.
 * Reads are batched: the addresses that arrive within `batchMs` share one read of the table.
 */
import { UNANSWERED_STATES, type NeighborState } from '../neighbors.ts';

export type ArpVerdict = 'no-host' | 'answered' | 'unknown';

export interface ArpGateOptions {
  read: () => Promise<ReadonlyMap<string, NeighborState>>;
  /** Seconds since the sweep started: a neighbour confirmed longer ago proves nothing about now. */
  sweepAgeSec: () => number;
  /** The table as it was when the sweep started (null: unreadable). */
  baseline?: ReadonlyMap<string, NeighborState> | null;
  onVerdict: (address: string, verdict: ArpVerdict) => void;
  /** Wait this long for more addresses before reading the table (default 50 ms). */
  batchMs?: number;
}

export interface ArpGate {
  push(address: string): void;
  /** Resolves when every address pushed so far has its verdict. */
  close(): Promise<void>;
}

const RESOLVED_STATES = new Set(['REACHABLE', 'STALE', 'DELAY', 'PROBE']);

/** The verdict for one address from its neighbour entry now and at the sweep's start (undefined: none). */
export function arpVerdict(entry: NeighborState | undefined, sweepAgeSec: number, baseline?: ReadonlyMap<string, NeighborState> | null): ArpVerdict {
  if (!entry) return 'unknown';
  if (UNANSWERED_STATES.has(entry.state)) return 'no-host';
  if (!RESOLVED_STATES.has(entry.state) || entry.confirmedAgoSec === undefined) return 'unknown';
  if (baseline) {
    const before = baseline.get(entry.address);
    // Resolved now, not at the start: the kernel asked during the sweep and got an answer.
    if (!before || UNANSWERED_STATES.has(before.state)) return 'answered';
    // Without a new answer the age only grows; a younger confirmation is a new answer.
    if (before.confirmedAgoSec !== undefined && entry.confirmedAgoSec < before.confirmedAgoSec) return 'answered';
  }
  // `ip -s` counts whole seconds (N: N to N+1 s ago), so only N + 1 within the sweep proves the
  // answer came during it: an entry cached from a moment before (REACHABLE lasts ~30 s with no
  // new ARP) may belong to a host that has gone since.
  return entry.confirmedAgoSec + 1 <= sweepAgeSec ? 'answered' : 'unknown';
}

export function createArpGate(o: ArpGateOptions): ArpGate {
  const batchMs = o.batchMs ?? 50;
  let queue: string[] = [];
  let running: Promise<void> | null = null;

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, batchMs));
      const batch = queue;
      queue = [];
      let table: ReadonlyMap<string, NeighborState> | null = null;
      try {
        table = await o.read();
      } catch {
        // No table: nothing can be decided from it.
      }
      const age = o.sweepAgeSec();
      for (const a of batch) o.onVerdict(a, table ? arpVerdict(table.get(a), age, o.baseline) : 'unknown');
    }
  };

  const kick = (): void => {
    if (running || queue.length === 0) return;
    running = flush().finally(() => {
      running = null;
      kick();
    });
  };

  return {
    push(address) {
      queue.push(address);
      kick();
    },
    async close() {
      while (running) await running;
    },
  };
}
