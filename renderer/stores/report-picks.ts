/**
 * The Reports page's pure choices: which discovery scans the changes report compares by default
 * (the latest two of the same targets), which scans each picker offers, and why "Upload" is off.
 */
import type { DiscoveryJob } from '../../main/api/discovery.ts';
import type { CentralTarget } from './central-store.ts';

/** The targets of a scan as one key (order-free), as the engine matches "the same targets". */
export const targetsKey = (job: Pick<DiscoveryJob, 'options'>): string => [...job.options.targets].sort().join(',');

/** Scans that can be compared (not running), newest first. */
export function comparableScans(jobs: readonly DiscoveryJob[]): DiscoveryJob[] {
  return jobs.filter((j) => j.status !== 'running').sort((a, b) => b.createdAt - a.createdAt);
}

/** The scan before `to` on the same targets, or undefined. */
export function previousScan(jobs: readonly DiscoveryJob[], to: DiscoveryJob): DiscoveryJob | undefined {
  return comparableScans(jobs).find((j) => j.id !== to.id && j.createdAt < to.createdAt && targetsKey(j) === targetsKey(to));
}

/** "to" as picked, else the latest scan; "from" as picked, else the scan before "to" on the same targets. */
export function resolveScanPair(jobs: readonly DiscoveryJob[], picked: { fromJobId?: string; toJobId?: string }): { to?: DiscoveryJob; from?: DiscoveryJob } {
  const scans = comparableScans(jobs);
  const to = picked.toJobId ? scans.find((j) => j.id === picked.toJobId) : scans[0];
  if (!to) return {};
  const from = picked.fromJobId ? scans.find((j) => j.id === picked.fromJobId) : previousScan(scans, to);
  return { to, from };
}

/** What the "from" picker offers: scans older than "to" (the same targets first). */
export function fromChoices(jobs: readonly DiscoveryJob[], to: DiscoveryJob | undefined): DiscoveryJob[] {
  if (!to) return [];
  const older = comparableScans(jobs).filter((j) => j.createdAt < to.createdAt);
  const key = targetsKey(to);
  return [...older.filter((j) => targetsKey(j) === key), ...older.filter((j) => targetsKey(j) !== key)];
}

/** Why a report cannot be uploaded to the central now, or undefined when it can. */
export function uploadUnavailable(target: CentralTarget | undefined): string | undefined {
  if (!target) return 'Loading the central server settings…';
  if (!target.url) return 'No central server is configured: set its URL and API token in Settings, Central server.';
  if (!target.hasToken) return 'The central server has no API token: add one in Settings, Central server.';
  if (!target.enabled) return 'Uploads to the central server are turned off in Settings, Central server.';
  return undefined;
}
