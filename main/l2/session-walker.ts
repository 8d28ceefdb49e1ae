/**
 * An L2Walker on SNMP sessions: GETBULK walks (GETNEXT on v1), every request (and every resend
 * after silence) waiting for `pace` first (a discovery job's pacer), at most `maxRequests` in all.
 * Per-VLAN walkers use Cisco's per-VLAN bridge instances: community `c@<vlan>` for v1/v2c,
 * context `vlan-<vlan>` for v3.
 */
import type { SnmpCredential, SnmpSession, VarBind } from '../snmp/index.ts';
import { SnmpError, SnmpTimeoutError, compareOids, isException, isInSubtree } from '../snmp/index.ts';
import { PartialWalkError, type L2Walker, type WalkOutcome } from './walker.ts';

/** What the walker uses of a session (SnmpSession has it; tests may pass less). */
export type WalkSession = Pick<SnmpSession, 'getBulk' | 'getNext' | 'credential'>;

export interface SessionWalkerOptions {
  session: WalkSession;
  /** Opens a session with another credential on the same agent (the per-VLAN instances). */
  open?: (credential: SnmpCredential) => Promise<WalkSession>;
  maxRepetitions?: number;
  timeoutMs: number;
  /** Resends after silence (each one paced). */
  retries: number;
  /** Waits before each request; rejects to stop (a cancel). */
  pace?: () => Promise<void>;
  /** Requests in all, VLAN walkers included; past it a walk fails (what it read is kept). Default 2000. */
  maxRequests?: number;
}

/** The credential that addresses VLAN `vlan`'s bridge instance on a Cisco switch. */
export function vlanCredential(c: SnmpCredential, vlan: number): SnmpCredential {
  // Without the stored credential's id: the client keys its sessions by it, and this is another credential.
  const { id: _id, ...plain } = c as SnmpCredential & { id?: string };
  return plain.version === '3' ? { ...plain, contextName: `vlan-${vlan}` } : { ...plain, community: `${plain.community}@${vlan}` };
}

export function createSessionWalker(o: SessionWalkerOptions): L2Walker {
  const counter = { requests: 0 };
  return make(() => Promise.resolve(o.session), o.session.credential, o, counter);
}

function make(session: () => Promise<WalkSession>, credential: SnmpCredential, o: SessionWalkerOptions, counter: { requests: number }): L2Walker {
  const maxRequests = o.maxRequests ?? 2000;
  const reps = o.maxRepetitions ?? 25;

  async function request(send: (s: WalkSession) => Promise<VarBind[]>): Promise<VarBind[]> {
    const s = await session();
    let lastErr: unknown;
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (counter.requests >= maxRequests) throw new SnmpError('bad_response', `the L2 read's budget of ${maxRequests} requests is spent`);
      await o.pace?.();
      counter.requests++;
      try {
        return await send(s);
      } catch (err) {
        lastErr = err;
        if (!(err instanceof SnmpTimeoutError)) throw err;
      }
    }
    throw lastErr;
  }

  const walker: L2Walker = {
    get requests() {
      return counter.requests;
    },
    async walk(root, maxVarbinds): Promise<WalkOutcome> {
      const out: VarBind[] = [];
      let last = root;
      const opts = { timeoutMs: o.timeoutMs, retries: 0 };
      try {
        for (;;) {
          const batch = await request((s) => (credential.version === '1' ? s.getNext([last], opts) : s.getBulk([last], { nonRepeaters: 0, maxRepetitions: reps }, opts))).catch((err: unknown) => {
            // v1 agents end a walk with noSuchName.
            if (err instanceof SnmpError && err.status === 'noSuchName') return [];
            throw err;
          });
          if (batch.length === 0) return { varbinds: out, truncated: false };
          for (const vb of batch) {
            if (vb.type === 'endOfMibView' || !isInSubtree(root, vb.oid)) return { varbinds: out, truncated: false };
            if (compareOids(vb.oid, last) <= 0) throw new SnmpError('loop', `the agent returned ${vb.oid} after ${last}`);
            last = vb.oid;
            if (isException(vb)) continue;
            if (out.length >= maxVarbinds) return { varbinds: out, truncated: true };
            out.push(vb);
          }
        }
      } catch (err) {
        throw new PartialWalkError((err as Error).message, out, err);
      }
    },
    ...(o.open
      ? {
          forVlan(vlan: number): L2Walker {
            const c = vlanCredential(credential, vlan);
            let opened: Promise<WalkSession> | undefined;
            const open = o.open as (credential: SnmpCredential) => Promise<WalkSession>;
            return make(() => (opened ??= open(c)), c, { ...o, open: undefined }, counter);
          },
        }
      : {}),
  };
  return walker;
}
