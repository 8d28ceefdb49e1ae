/**
 * What the ping panel draws, from the probes as they arrived: one RTT series per target in
 * sequence order (replies only: a lost or unreachable probe has no round-trip time to plot),
 * the lost probes as their own marks, and the replies table by target, then sequence.
 */
import type { PingProbe, Run } from './diagnostics-store.ts';

export interface PingView {
  /** Target addresses, in the order the run was started with (then any others): one series each. */
  targets: string[];
  /** One row per sequence number, ascending: `index`, and each target's RTT where it replied. */
  rows: Array<{ index: number } & Record<string, number>>;
  /** Probes without a reply (no reply, unreachable, error …), by target then sequence. */
  lost: PingProbe[];
  /** Replies received. */
  replies: number;
  /** Probes in the replies table: the latest `limit` that arrived, by target then sequence. */
  table: PingProbe[];
  /** True when older probes are not in the table. */
  truncated: boolean;
  /** Lowest and highest sequence number seen (the x domain shared by the RTT chart and the loss marks). */
  domain: [number, number];
}

export const TABLE_LIMIT = 200;

export function pingView(run: Pick<Run, 'targets' | 'probes'>, limit = TABLE_LIMIT): PingView {
  const targets = [...new Set([...run.targets.map((t) => t.address), ...run.probes.map((p) => p.target)])];
  const order = new Map(targets.map((t, i) => [t, i]));
  const byTargetThenSeq = (a: PingProbe, b: PingProbe): number => order.get(a.target)! - order.get(b.target)! || a.index - b.index;

  const byIndex = new Map<number, { index: number } & Record<string, number>>();
  const lost: PingProbe[] = [];
  let replies = 0;
  for (const p of run.probes) {
    const row = byIndex.get(p.index) ?? { index: p.index };
    byIndex.set(p.index, row);
    if (p.status === 'reply' && p.rttMs !== null) {
      row[p.target] = p.rttMs;
      replies++;
    } else {
      lost.push(p);
    }
  }
  const rows = [...byIndex.values()].sort((a, b) => a.index - b.index);
  return {
    targets,
    rows,
    lost: lost.sort(byTargetThenSeq),
    replies,
    table: run.probes.slice(-limit).sort(byTargetThenSeq),
    truncated: run.probes.length > limit,
    domain: rows.length > 0 ? [rows[0]!.index, rows[rows.length - 1]!.index] : [0, 0],
  };
}
