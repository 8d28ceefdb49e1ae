/**
 * Marketing names of OS releases from the version a sysDescr states: Windows prints its kernel
 * version and build ("Windows Version 6.3 (Build 17763 ...)"), a technician knows it as "Server
 * 2019". The table is data (resources/classification/windows-releases.json); this only looks it up.
 */
import type { WindowsRelease } from './classification-rules.ts';

/** Which edition the evidence shows (the sysObjectID of the Windows SNMP service says it); null: not known. */
export type WindowsEdition = 'client' | 'server' | null;

/**
 * "XP", "7 / Server 2008 R2", "Server 2019" for a kernel version and build; null when the table
 * has no entry (or none for that edition). The first entry whose kernel matches, and whose build
 * range holds the build (an entry with a range needs a known build), names the release.
 */
export function windowsReleaseName(releases: readonly WindowsRelease[], kernel: string, build: number | null, edition: WindowsEdition): string | null {
  const hit = releases.find((r) => r.kernel.includes(kernel) && (!r.builds || (build !== null && build >= r.builds[0] && build <= r.builds[1])));
  if (!hit) return null;
  if (edition === 'client') return hit.client ?? null;
  if (edition === 'server') return hit.server ?? null;
  return [hit.client, hit.server].filter(Boolean).join(' / ') || null;
}
