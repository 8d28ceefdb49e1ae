/**
 * The SNMP step of a sweep: which credential works on a host (client.findCredential: all of them
 * at once, the first in list order that answers wins) and a GET of the system group with it.
 * Every request waits for tokens of the job's pacer first, and retries are done here (net-snmp's
 * own are off), so each packet on the wire is paced.
 */
import type { SnmpClient, SnmpCredential, SnmpErrorReason, VarBind } from '../../snmp/index.ts';
import { OID, SnmpAuthError, SnmpError } from '../../snmp/index.ts';
import type { Pacer } from '../../lib/async/pacer.ts';

export interface SystemGroup {
  kind: 'answered';
  /** Index of the credential that worked, in the list given. */
  credentialIndex: number;
  version: '1' | '2c' | '3';
  sysDescr: string | null;
  sysObjectID: string | null;
  sysUpTimeSec: number | null;
  sysContact: string | null;
  sysName: string | null;
  sysLocation: string | null;
  sysServices: number | null;
}

/**
 * Why no credential worked: `no-answer` (silence from every one: a timeout), `error` (the agent
 * answered and refused, `auth` for an SNMPv3 security failure; `detail` is the reason in words,
 * without the target; `reason` the SNMP error's for a refusal that is not about auth), or `cancelled`.
 */
export type SnmpSilence = { kind: 'no-answer' } | { kind: 'error'; auth: boolean; detail: string; reason?: SnmpErrorReason } | { kind: 'cancelled' };

export interface SnmpSystemOptions {
  timeoutMs: number;
  retries: number;
  pacer: Pacer;
  signal: AbortSignal;
  /**
   * Adaptive timing: a deadline per request (from its send time) that may end the wait before
   * `timeoutMs`; an expired request counts as unanswered. Not used for a search among several
   * credentials.
   */
  deadline?: (sentAt: number) => { expired: Promise<void>; cancel(): void };
  /** The round trip of the request that found the credential (for adaptive timing). */
  onRtt?: (ms: number) => void;
}

// SNMPv2-MIB::system scalars, in this order.
const SYSTEM_OIDS = [OID.sysDescr, OID.sysUpTime, OID.sysContact, OID.sysName, OID.sysLocation, OID.sysServices].map((o) => `${o}.0`);

const text = (vb: VarBind | undefined): string | null => {
  if (!vb || vb.value === null) return null;
  const v = typeof vb.value === 'string' ? vb.value : String(vb.value);
  const t = v.trim();
  return t === '' ? null : t.slice(0, 2000);
};

const num = (vb: VarBind | undefined): number | null => (vb && typeof vb.value === 'number' ? vb.value : null);

export async function take(pacer: Pacer, n: number, signal: AbortSignal): Promise<void> {
  for (let i = 0; i < n; i++) await pacer.acquire(signal);
}

/** `work`, or `onExpiry` if the deadline comes first (a late failure of `work` is then ignored). */
export async function within<T, E>(work: Promise<T>, deadline: { expired: Promise<void>; cancel(): void } | undefined, onExpiry: E): Promise<T | E> {
  if (!deadline) return work;
  work.catch(() => {});
  try {
    return await Promise.race([work, deadline.expired.then(() => onExpiry)]);
  } finally {
    deadline.cancel();
  }
}

/** An error's message without the "host:port: " its SNMP errors start with. */
const detailOf = (err: Error): string => err.message.replace(/^\S+:\d+: /, '');

/**
 * The system group of `address` with the first working credential, or why there is none (no
 * answer, the agent's refusal, cancel). Never throws for network conditions.
 */
export async function snmpSystemGroup(client: SnmpClient, address: string, credentials: SnmpCredential[], o: SnmpSystemOptions): Promise<SystemGroup | SnmpSilence> {
  if (credentials.length === 0) return { kind: 'no-answer' };
  let refusal: SnmpSilence | null = null;
  // One request per credential; a v3 one first needs engine discovery (one more round trip).
  const cost = credentials.reduce((n, c) => n + (c.version === '3' ? 2 : 1), 0);
  let match: Awaited<ReturnType<SnmpClient['findCredential']>> | null = null;
  for (let attempt = 0; attempt <= o.retries && !match; attempt++) {
    try {
      await take(o.pacer, cost, o.signal);
      const t0 = performance.now();
      // Several credentials: an earlier one's silence is part of the answer (list order wins), so
      // no deadline may cut the search short; the caller gives a timeout fit for all of them.
      const deadline = credentials.length === 1 ? o.deadline?.(t0) : undefined;
      match = await within(client.findCredential(address, credentials, { timeoutMs: o.timeoutMs, retries: 0 }), deadline, null);
      if (match) o.onRtt?.(performance.now() - t0);
    } catch (err) {
      if (o.signal.aborted) return { kind: 'cancelled' };
      // An auth error is an answer: the agent is there, no credential fits. Resending will not help.
      if (err instanceof SnmpAuthError) return { kind: 'error', auth: true, detail: detailOf(err) };
      // Unreachable, a malformed answer, an error-status: worth a resend; said if nothing better comes.
      if (err instanceof SnmpError) refusal = { kind: 'error', auth: false, detail: detailOf(err), reason: err.reason };
    }
  }
  if (o.signal.aborted) return { kind: 'cancelled' };
  if (!match) return refusal ?? { kind: 'no-answer' };
  const oid = match.sysObjectID.type === 'ObjectIdentifier' ? match.sysObjectID.value : null;
  let vbs: VarBind[] = [];
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    try {
      await take(o.pacer, 1, o.signal);
      const got = await within(match.session.get(SYSTEM_OIDS, { timeoutMs: o.timeoutMs, retries: 0 }), o.deadline?.(performance.now()), null);
      if (got === null) continue;
      vbs = got;
      break;
    } catch {
      if (o.signal.aborted) return { kind: 'cancelled' };
    }
  }
  const [descr, uptime, contact, name, location, services] = vbs;
  const ticks = uptime?.type === 'TimeTicks' ? uptime.value : null;
  return {
    kind: 'answered',
    credentialIndex: match.index,
    version: match.credential.version,
    sysDescr: text(descr),
    sysObjectID: oid ? oid.replace(/^\./, '') : null,
    sysUpTimeSec: ticks === null ? null : Math.floor(ticks / 100),
    sysContact: text(contact),
    sysName: text(name),
    sysLocation: text(location),
    sysServices: num(services),
  };
}
