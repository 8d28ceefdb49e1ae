/**
 * The first-run path's steps (credential → sweep → add), from what exists: a step is done when its
 * result exists, and the current one is the first not done. "Add" points at the newest finished
 * scan that found hosts.
 */
import type { DiscoveryJob } from '../../main/api/discovery.ts';

export interface FirstRunStep {
  id: 'credential' | 'sweep' | 'add';
  done: boolean;
  current: boolean;
  /** For 'add': the scan to open, and how many live hosts it found. */
  jobId?: string;
  found?: number;
}

export function firstRunSteps(s: { credentials: number; jobs: readonly Pick<DiscoveryJob, 'id' | 'status' | 'alive' | 'createdAt'>[]; devices: number }): FirstRunStep[] {
  const scan = [...s.jobs].filter((j) => j.status !== 'running' && j.alive > 0).sort((a, b) => b.createdAt - a.createdAt)[0];
  const done = { credential: s.credentials > 0, sweep: scan !== undefined, add: s.devices > 0 };
  const order = ['credential', 'sweep', 'add'] as const;
  const current = order.find((id) => !done[id]);
  return order.map((id) => ({
    id,
    done: done[id],
    current: id === current,
    ...(id === 'add' && scan ? { jobId: scan.id, found: scan.alive } : {}),
  }));
}
