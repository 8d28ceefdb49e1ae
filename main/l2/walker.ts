/**
 * What the L2 readers need from an agent: walks of subtrees. The engine's walker
 * (session-walker.ts) sends GETBULKs on an SNMP session, each one paced (a discovery job's
 * pacer); tests walk a recording. A per-VLAN walker reads Cisco's per-VLAN bridge instances
 * (community@vlan, v3 context vlan-N).
 */
import type { VarBind } from '../snmp/index.ts';

export interface L2Walker {
  /**
   * Every value under `root` in OID order, at most `maxVarbinds` (the rest is not read:
   * `truncated` says so). Throws when the agent fails part way; `partial` on the error holds
   * what came before.
   */
  walk(root: string, maxVarbinds: number): Promise<WalkOutcome>;
  /** A walker for one VLAN's bridge instance; null when the credential cannot address one. */
  forVlan?(vlan: number): L2Walker | null;
  /** Requests sent so far (all VLAN walkers included). */
  readonly requests: number;
}

export interface WalkOutcome {
  varbinds: VarBind[];
  truncated: boolean;
}

/** A walk that failed part way, with what it read before. */
export class PartialWalkError extends Error {
  readonly partial: VarBind[];
  constructor(message: string, partial: VarBind[], cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PartialWalkError';
    this.partial = partial;
  }
}
