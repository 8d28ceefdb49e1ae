import type { Credential } from '../../../main/api/credentials.ts';
import { LIMITS } from '../../lib/discovery.ts';

/**
 * The credential ids a scan tries, in order: the technician's pick (remembered across a reload;
 * one deleted since is left out once the list is known), or the first stored ones (name order)
 * until they pick.
 */
export function credentialOrder(picked: string[] | null, credentials: readonly Credential[], listed = true): string[] {
  if (picked === null) return credentials.slice(0, LIMITS.maxCredentials).map((c) => c.id);
  if (!listed) return picked;
  const known = new Set(credentials.map((c) => c.id));
  return picked.filter((id) => known.has(id));
}
