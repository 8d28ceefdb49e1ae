/**
 * The sweep's evidence round (../evidence-read.ts) for a host whose system group answered: the
 * same credential (the client's cached session for it), the same pacer (each request, and each
 * resend, waits for a token first), the same timeout, deadline and resend policy as the system
 * group (snmp-system.ts: net-snmp's own retries are off). Never throws: silence, an agent's error
 * or a cancel give the evidence found until then (often none). Reports its wall time.
 */
import type { SnmpClient, SnmpCredential, SnmpSession, VarBind } from '../../snmp/index.ts';
import { SnmpError } from '../../snmp/index.ts';
import type { DeviceEvidence } from '../device-evidence.ts';
import { readEvidence, type EvidenceAgent, type ExtraProbe } from '../evidence-read.ts';
import { take, within, type SnmpSystemOptions } from './snmp-system.ts';

export interface EvidenceOutcome {
  evidence: DeviceEvidence;
  /** The extra probes' answers (see EvidenceRead.values). */
  values: Record<string, string | null>;
  /** Requests the round sent (not counting resends). */
  requests: number;
  /** Wall time of the round, pacer waits included, ms. */
  ms: number;
}

export type SnmpEvidenceOptions = Omit<SnmpSystemOptions, 'onRtt'> & {
  /** OIDs of the caller's to read in the same requests (e.g. the OS families' tests, os-families.ts). */
  probes?: readonly ExtraProbe[];
};

/** One request with the sweep's policy: paced, `retries` resends after silence; null when nothing answered. */
async function paced(send: (timeoutMs: number) => Promise<VarBind[]>, o: SnmpEvidenceOptions): Promise<VarBind[] | null> {
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (o.signal.aborted) return null;
    try {
      await take(o.pacer, 1, o.signal);
    } catch {
      return null;
    }
    try {
      const got = await within(send(o.timeoutMs), o.deadline?.(performance.now()), null);
      if (got !== null) return got;
    } catch (err) {
      // An agent's refusal (an error-status) is an answer: evidence-read.ts decides what it means.
      if (err instanceof SnmpError && err.reason === 'agent_error') throw err;
      // Silence, a malformed answer: worth a resend.
    }
  }
  return null;
}

/** The evidence round of `address` with the credential that answered its system group. */
export async function snmpEvidence(client: SnmpClient, address: string, credential: SnmpCredential, o: SnmpEvidenceOptions): Promise<EvidenceOutcome> {
  const t0 = performance.now();
  let session: SnmpSession;
  try {
    session = await client.session(address, credential);
  } catch {
    return { evidence: {}, values: {}, requests: 0, ms: performance.now() - t0 };
  }
  const opts = (timeoutMs: number) => ({ timeoutMs, retries: 0 });
  const agent: EvidenceAgent = {
    version: credential.version,
    get: (oids) => paced((t) => session.get(oids, opts(t)), o),
    getNext: (oids) => paced((t) => session.getNext(oids, opts(t)), o),
    getBulk: (oids, maxRepetitions) => paced((t) => session.getBulk(oids, { nonRepeaters: 0, maxRepetitions }, opts(t)), o),
  };
  const read = await readEvidence(agent, o.probes);
  const cancelled = o.signal.aborted;
  return { evidence: cancelled ? {} : read.evidence, values: cancelled ? {} : read.values, requests: read.requests, ms: performance.now() - t0 };
}
