/** What SNMP made of a discovered host, in the words the table and the details dialog show. */
import type { DiscoveryHost } from '../../../main/api/discovery.ts';

/** The table's short form when SNMP gave nothing ("SNMP: no answer to public (v2c) (check ...)"); null when it answered or is still running. */
export function snmpSilence(host: Pick<DiscoveryHost, 'snmpStatus'>): string | null {
  const s = host.snmpStatus;
  return s && s.state !== 'answered' && s.state !== 'not-tried' ? s.message : null;
}

/** The details dialog's SNMP row: the credential that worked, or why none did. */
export function snmpText(host: Pick<DiscoveryHost, 'snmpVersion' | 'credentialLabel' | 'snmpStatus'>): string {
  if (host.snmpVersion) return `v${host.snmpVersion}${host.credentialLabel ? ` with ${host.credentialLabel}` : ''}`;
  if (host.snmpStatus) return host.snmpStatus.state === 'answered' ? host.snmpStatus.message : host.snmpStatus.message.replace(/^SNMP: /, '');
  return 'No answer';
}
