import type { Credential } from '../../../main/api/credentials.ts';
import { LIMITS } from '../../lib/discovery.ts';

/** The credential ids a scan tries, in order: the technician's pick, or the first stored ones (name order) until they pick. */
export function credentialOrder(picked: string[] | null, credentials: readonly Credential[]): string[] {
  return picked ?? credentials.slice(0, LIMITS.maxCredentials).map((c) => c.id);
}
