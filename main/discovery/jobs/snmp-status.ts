/**
 * What SNMP made of a host, in words a technician can act on: which credentials were tried and
 * whether the agent stayed silent (a wrong community and a missing agent look the same), refused
 * (an SNMPv3 user or key it does not accept) or was never asked.
 */
import type { SnmpStatus } from '../../api/discovery.ts';
import type { SnmpSilence } from './snmp-system.ts';

const CHECK = '(check the community, the agent\'s ACL or the v3 user)';
const CHECK_V3 = '(check the v3 user, its authentication and privacy passwords and protocols)';

/** A credential as the SNMP step saw it: its label and its version. */
export interface TriedCredential {
  label: string;
  version: '1' | '2c' | '3';
}

export function answeredStatus(label: string): SnmpStatus {
  return { state: 'answered', credentials: [label], message: `SNMP: answered to ${label}` };
}

/** Why none of `tried` got an answer. */
export function silenceStatus(silence: Exclude<SnmpSilence, { kind: 'cancelled' }>, tried: readonly TriedCredential[]): SnmpStatus {
  const credentials = tried.map((c) => c.label);
  const names = credentials.join(', ');
  if (silence.kind === 'no-answer') return { state: 'no-answer', credentials, message: `SNMP: no answer to ${names} ${CHECK}` };
  // Only SNMPv3 has security failures: name the v3 credentials as the ones refused.
  const v3 = tried.filter((c) => c.version === '3').map((c) => c.label);
  const refused = silence.auth && v3.length ? v3.join(', ') : names;
  return { state: 'error', credentials, message: `SNMP: the agent refused ${refused}: ${silence.detail} ${silence.auth ? CHECK_V3 : CHECK}` };
}

/** SNMP was not asked: the method is off, or the scan has no credential. */
export function notTriedStatus(methodOn: boolean): SnmpStatus {
  return { state: 'not-tried', credentials: [], message: methodOn ? 'SNMP: not tried (no credential chosen for this scan)' : 'SNMP: not tried (the SNMP method is off)' };
}
