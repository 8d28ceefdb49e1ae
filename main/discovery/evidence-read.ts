/**
 * The evidence round (device-evidence.ts): what to ask an agent that answered its system group,
 * and in how many requests. The requests themselves (pacing, timeouts, resends) are the caller's
 * (jobs/snmp-evidence.ts for a sweep, the SNMP poller for a monitored device); this file decides
 * what to send and decodes the answers (evidence-decode.ts).
 *
 * Cost, kept at about one round trip per host on average:
 * - SNMPv2c/v3: ONE GET of every object (the entity columns at index 1 and the scalars). Only when
 *   index 1 is not a chassis (a stack's row 1 has class 'stack'; some agents number the chassis
 *   1001, 16777216, 67108992...) and the agent shows it has ENTITY-MIB (a row 1 of another class,
 *   or noSuchInstance, which says the table exists) does ONE GETBULK of the columns find the first
 *   chassis among the first rows. Agents without ENTITY-MIB answer noSuchObject and cost nothing more.
 * - SNMPv1 has no exception values: one missing object makes the agent answer the whole GET with
 *   noSuchName, and nearly every agent lacks some of these MIBs. So v1 skips the GET and sends ONE
 *   GETNEXT of the objects themselves (each answer is the object's first instance, or something
 *   past it when there is none). An agent whose MIB view ends before one of them answers
 *   noSuchName for it (end of view): the objects from that one on are dropped and the GETNEXT is
 *   sent once more. A v2c agent that answers the GET with noSuchName (some do, as if v1) gets
 *   the same treatment. At most one more GETNEXT looks for the chassis past the first row.
 * A caller may add OIDs of its own to the round (ExtraProbe: an OS family's test), read with the
 * same requests: an exact instance rides in the GET, a `next` one (its first instance) in a
 * GETNEXT sent at the same time (one round trip, one more datagram); on v1 both ride in the GETNEXT.
 * Never throws: silence or an agent's error ends the round with what is known so far.
 */
import { compareOids, isException, isInSubtree, SnmpError, type VarBind } from '../snmp/index.ts';
import type { DeviceEvidence } from './device-evidence.ts';
import { CHASSIS_CLASS, chassisOf, decodeOthers, ENTITY_COLUMN_OIDS, entityRows, EVIDENCE_BASES, evidenceGetOids, pickChassis, type EntityRow } from './evidence-decode.ts';

/** How the round reaches the agent. Each call is one request (with the caller's resends); null: no answer. Agent errors throw SnmpError. */
export interface EvidenceAgent {
  version: '1' | '2c' | '3';
  get(oids: string[]): Promise<VarBind[] | null>;
  getNext(oids: string[]): Promise<VarBind[] | null>;
  getBulk(oids: string[], maxRepetitions: number): Promise<VarBind[] | null>;
}

/** An OID a caller wants read in the round: that instance, or with `next` the first instance below it. */
export interface ExtraProbe {
  /** Numeric, without a leading dot. */
  oid: string;
  next: boolean;
}

export interface EvidenceRead {
  evidence: DeviceEvidence;
  /**
   * The extra probes' answers by OID: the value as text (numbers in decimal, OIDs numeric without
   * a leading dot), null when the agent has no such object; absent when unknown (no answer).
   */
  values: Record<string, string | null>;
  /** Requests sent (each may have been resent by the caller's policy). */
  requests: number;
  /** Whether the agent answered at least one of them. */
  answered: boolean;
}

/**
 * Rows of entPhysicalTable one GETBULK reads looking for the chassis. Nine columns a row: six rows
 * are ~54 varbinds, under what agents put in one datagram (they may send fewer rows: GETBULK lets
 * them), and enough for where chassis are found (row 1 a stack, row 2 its first switch).
 */
const CHASSIS_WINDOW = 6;

type Answer = { kind: 'vbs'; vbs: VarBind[] } | { kind: 'noSuchName'; oid: string | null } | { kind: 'none' };

/** The OID an error-status names ("... error noSuchName at 1.3.6..."), when it names one. */
function failedOid(err: SnmpError): string | null {
  return /\bat \.?(\d+(?:\.\d+)+)\s*$/.exec(err.message)?.[1] ?? null;
}

const hasFacts = (r: EntityRow | null | undefined): r is EntityRow => r != null && Object.keys(chassisOf(r)).length > 0;

/** A value as text for an extra probe; null for an exception (no such object). */
function valueText(vb: VarBind): string | null {
  if (isException(vb) || vb.type === 'Null') return null;
  if (vb.type === 'OctetString') return vb.format === 'text' ? vb.value : vb.bytes.toString('latin1');
  return String(vb.value);
}

/** The OID one arc up ('1.3.6.1.2.1.1.1.0' -> '1.3.6.1.2.1.1.1'). */
const parentOf = (oid: string): string => oid.slice(0, oid.lastIndexOf('.'));

export async function readEvidence(agent: EvidenceAgent, extra: readonly ExtraProbe[] = []): Promise<EvidenceRead> {
  let requests = 0;
  let answered = false;
  const values: Record<string, string | null> = {};
  const exact = [...new Set(extra.filter((p) => !p.next).map((p) => p.oid))];
  const below = [...new Set(extra.filter((p) => p.next).map((p) => p.oid))];
  /** A `next` probe from the answer to a GETNEXT of it: its first instance, or null when none is below it. */
  const readBelow = (probe: string, vb: VarBind | undefined): void => {
    if (vb) values[probe] = isInSubtree(probe, vb.oid) ? valueText(vb) : null;
  };
  const ask = async (send: () => Promise<VarBind[] | null>): Promise<Answer> => {
    requests++;
    try {
      const vbs = await send();
      if (!vbs) return { kind: 'none' };
      answered = true;
      return { kind: 'vbs', vbs };
    } catch (err) {
      if (err instanceof SnmpError && err.reason === 'agent_error') {
        answered = true;
        if (err.status === 'noSuchName') return { kind: 'noSuchName', oid: failedOid(err) };
      }
      return { kind: 'none' };
    }
  };
  const result = (evidence: DeviceEvidence): EvidenceRead => ({ evidence, values, requests, answered });
  const withChassis = (others: DeviceEvidence, row: EntityRow | null | undefined): DeviceEvidence => (hasFacts(row) ? { entity: chassisOf(row), ...others } : others);

  /** SNMPv1 (or an agent that answers like one): GETNEXT of the objects, see the file comment. */
  async function viaGetNext(): Promise<EvidenceRead> {
    // In OID order: an agent names the first varbind (in request order) that ran off the end of its
    // view, so every object before it has an answer and every one after it has none.
    // An exact probe is read as the first instance under its parent: that very OID, or something
    // after it (then it does not exist); an earlier instance leaves it unknown.
    let bases = [...new Set([...EVIDENCE_BASES, ...exact.map(parentOf), ...below])].sort(compareOids);
    for (let attempt = 0; attempt < 2 && bases.length > 0; attempt++) {
      const asked = bases;
      const a = await ask(() => agent.getNext(asked));
      if (a.kind === 'none') break;
      if (a.kind === 'noSuchName') {
        const failed = a.oid ? asked.find((b) => a.oid === b || a.oid?.startsWith(`${b}.`)) : undefined;
        if (!failed) break;
        bases = asked.filter((b) => compareOids(b, failed) < 0);
        // Past the end of the agent's view: those probes have no such object.
        for (const p of [...exact, ...below]) if (compareOids(exact.includes(p) ? parentOf(p) : p, failed) >= 0) values[p] = null;
        continue;
      }
      const answerOf = (oid: string): VarBind | undefined => a.vbs[asked.indexOf(oid)];
      for (const p of below) readBelow(p, answerOf(p));
      for (const p of exact) {
        const vb = answerOf(parentOf(p));
        if (!vb) continue;
        if (vb.oid === p) values[p] = valueText(vb);
        else if (!isInSubtree(parentOf(p), vb.oid) || compareOids(vb.oid, p) > 0) values[p] = null;
      }
      const others = decodeOthers(a.vbs);
      const rows = entityRows(a.vbs);
      let chassis = pickChassis(rows);
      const first = rows[0];
      if (first && first.physicalClass !== null && first.physicalClass !== CHASSIS_CLASS) {
        // The first row is not the chassis (a stack): one look at the row after it.
        const next = await ask(() => agent.getNext(ENTITY_COLUMN_OIDS.map((c) => `${c}.${first.index}`)));
        if (next.kind === 'vbs') chassis = pickChassis([...entityRows(next.vbs), ...rows]) ?? chassis;
      }
      return result(withChassis(others, chassis));
    }
    return result({});
  }

  if (agent.version === '1') return viaGetNext();
  const getOids = [...evidenceGetOids('1'), ...exact];
  // The `next` probes' GETNEXT goes out with the GET: the same round trip.
  const [a, n] = await Promise.all([ask(() => agent.get(getOids)), below.length ? ask(() => agent.getNext(below)) : Promise.resolve(null)]);
  if (a.kind === 'noSuchName') return viaGetNext();
  if (n?.kind === 'vbs') below.forEach((p, i) => readBelow(p, n.vbs[i]));
  if (a.kind === 'none') return result({});
  exact.forEach((p, i) => {
    const vb = a.vbs[getOids.length - exact.length + i];
    if (vb) values[p] = valueText(vb);
  });
  const others = decodeOthers(a.vbs);
  const row1 = entityRows(a.vbs).find((r) => r.index === '1');
  const entityVbs = a.vbs.slice(0, ENTITY_COLUMN_OIDS.length);
  const tableExists = entityVbs.some((vb) => vb.type === 'noSuchInstance') && !entityVbs.some((vb) => !isException(vb));
  const searchChassis = row1 ? row1.physicalClass !== null && row1.physicalClass !== CHASSIS_CLASS : tableExists;
  if (!searchChassis) return result(withChassis(others, row1));
  const bulk = await ask(() => agent.getBulk([...ENTITY_COLUMN_OIDS], CHASSIS_WINDOW));
  const found = bulk.kind === 'vbs' ? pickChassis(entityRows(bulk.vbs)) : null;
  const chassis = found?.physicalClass === CHASSIS_CLASS || !hasFacts(row1) ? found : row1;
  return result(withChassis(others, chassis));
}
