/**
 * `credentials.test`: discovery's system-group GET (snmp-system.ts), once, with one credential
 * against one address, and the answer in words: what the agent said (sysName, sysDescr,
 * sysObjectID, the round trip) or why it said nothing.
 */
import type { CredentialTestResult } from '../../api/credentials.ts';
import { createPacer } from '../../lib/async/pacer.ts';
import type { SnmpClient, SnmpCredential } from '../../snmp/index.ts';
import { parseTarget } from '../../snmp/index.ts';
import { resolveHost } from '../../snmp/target.ts';
import { snmpSystemGroup } from './snmp-system.ts';

export interface CredentialTestOptions {
  timeoutMs: number;
  /** Resends after a silence (default 1). */
  retries?: number;
  signal?: AbortSignal;
}

const versionName = (v: SnmpCredential['version']): string => (v === '3' ? 'SNMPv3' : `SNMP v${v}`);

/**
 * Tests `credential` on `address`. Throws ValidationError for an address SNMP may not be sent to
 * (the probe policy, an unknown host name); every network outcome is in the result.
 */
export async function testCredential(client: SnmpClient, address: string, credential: SnmpCredential, o: CredentialTestOptions): Promise<CredentialTestResult> {
  await resolveHost(parseTarget(address).host);
  const signal = o.signal ?? new AbortController().signal;
  let rttMs: number | undefined;
  const answer = await snmpSystemGroup(client, address, [credential], {
    timeoutMs: o.timeoutMs,
    retries: o.retries ?? 1,
    pacer: createPacer(100),
    signal,
    onRtt: (ms) => (rttMs = Math.round(ms * 100) / 100),
  });
  const version = credential.version;
  const base = { address, version };
  switch (answer.kind) {
    case 'answered': {
      const who = answer.sysName ?? address;
      return {
        ...base,
        status: 'ok',
        message: `${who} answered ${versionName(version)}${rttMs !== undefined ? ` in ${rttMs < 10 ? rttMs.toFixed(1) : Math.round(rttMs)} ms` : ''}.`,
        ...(rttMs !== undefined ? { rttMs } : {}),
        sysName: answer.sysName,
        sysDescr: answer.sysDescr,
        sysObjectID: answer.sysObjectID,
        sysUpTimeSec: answer.sysUpTimeSec,
      };
    }
    case 'no-answer':
      return {
        ...base,
        status: 'timeout',
        message:
          version === '3'
            ? `No answer from ${address} within ${o.timeoutMs} ms (x${(o.retries ?? 1) + 1}): no SNMP agent there, a filter, or an agent that drops unknown users.`
            : `No answer from ${address} within ${o.timeoutMs} ms (x${(o.retries ?? 1) + 1}): a wrong community (agents stay silent), no SNMP agent there, or a filter.`,
      };
    case 'cancelled':
      return { ...base, status: 'cancelled', message: 'The test was cancelled.' };
    case 'error':
      if (answer.auth) return { ...base, status: 'auth_failed', message: `The agent at ${address} refused the SNMPv3 credential: ${answer.detail}.` };
      if (answer.reason === 'unreachable') return { ...base, status: 'unreachable', message: `Could not send to ${address}: ${answer.detail}.` };
      return { ...base, status: 'refused', message: `The agent at ${address} answered, but not with the system group: ${answer.detail}.` };
  }
}
