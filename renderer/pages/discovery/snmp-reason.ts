/** What SNMP made of a discovered host, in the words the table and the details dialog show. */
import type { DiscoveryHost } from '../../../main/api/discovery.ts';

/** The whole message when SNMP gave nothing ("SNMP: no answer to public (v2c) (check ...)"); null when it answered, was not tried or is still running. */
export function snmpSilence(host: Pick<DiscoveryHost, 'snmpStatus'>): string | null {
  const s = host.snmpStatus;
  return s && s.state !== 'answered' && s.state !== 'not-tried' ? s.message : null;
}

/** The message without its closing advice, for the table's cell (the whole one is its tooltip). */
export const withoutAdvice = (message: string): string => message.replace(/ \(check [^)]*\)$/, '');

/** The details dialog's SNMP row: the credential that worked, or why none did. */
export function snmpText(host: Pick<DiscoveryHost, 'snmpVersion' | 'credentialLabel' | 'snmpStatus'>): string {
  if (host.snmpVersion) return `v${host.snmpVersion}${host.credentialLabel ? ` with ${host.credentialLabel}` : ''}`;
  const s = host.snmpStatus;
  if (s?.state === 'no-answer') return `No answer to ${s.credentials.join(', ')}`;
  if (s?.state === 'error') return 'The agent refused every credential (see above)';
  if (s) return withoutAdvice(s.message).replace(/^SNMP: /, '').replace(/^./, (c) => c.toUpperCase());
  return 'No answer';
}
