import { describe, expect, it } from 'vitest';
import { compareOids, SnmpError, type VarBind } from '../snmp/index.ts';
import { decodeLldpCapabilities, entityRows, inventoryOf, pickChassis } from './evidence-decode.ts';
import { readEvidence, type EvidenceAgent } from './evidence-read.ts';

const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const str = (oid: string, value: string): VarBind => ({ oid, type: 'OctetString', value, format: 'text', bytes: Buffer.from(value) });
const int = (oid: string, value: number): VarBind => ({ oid, type: 'Integer', value });
const oidv = (oid: string, value: string): VarBind => ({ oid, type: 'ObjectIdentifier', value });
const bits = (oid: string, bytes: number[]): VarBind => ({ oid, type: 'OctetString', value: '', format: 'hex', bytes: Buffer.from(bytes) });

/** Chassis entity rows as a Cisco stack shows them: row 1 the stack, the switch's chassis at 1001. */
function stackRows(): VarBind[] {
  return [
    str(`${ENT}.2.1`, 'c38xx Stack'),
    int(`${ENT}.5.1`, 11),
    str(`${ENT}.7.1`, 'Stack'),
    str(`${ENT}.2.1001`, 'WS-C3850-48P-E'),
    int(`${ENT}.5.1001`, 3),
    str(`${ENT}.7.1001`, 'Switch 1'),
    str(`${ENT}.8.1001`, 'V07'),
    str(`${ENT}.10.1001`, '16.12.4'),
    str(`${ENT}.11.1001`, 'FOC1234X0AB'),
    str(`${ENT}.12.1001`, 'Cisco Systems Inc.'),
    str(`${ENT}.13.1001`, 'WS-C3850-48P'),
    int(`${ENT}.5.1002`, 10),
    str(`${ENT}.2.1002`, 'Switch 1 - Power Supply A'),
  ];
}

/**
 * An agent over a MIB. v2c: GET answers noSuchInstance under `tables` (the table exists) and
 * noSuchObject elsewhere; v1: a GET or GETNEXT with anything missing fails with noSuchName at it.
 */
function mibAgent(version: EvidenceAgent['version'], vbs: VarBind[], tables: string[] = []): EvidenceAgent & { log: string[] } {
  const sorted = [...vbs].sort((a, b) => compareOids(a.oid, b.oid));
  const log: string[] = [];
  const noSuchName = (oid: string) => new SnmpError('agent_error', `127.0.0.1:161: the agent answered with error noSuchName at ${oid}`, { status: 'noSuchName' });
  const next = (oid: string) => sorted.find((v) => compareOids(v.oid, oid) > 0);
  return {
    version,
    log,
    get: (oids) => {
      log.push(`get ${oids.length}`);
      return Promise.resolve(
        oids.map((oid): VarBind => {
          const hit = sorted.find((v) => v.oid === oid);
          if (hit) return hit;
          if (version === '1') throw noSuchName(oid);
          return { oid, type: tables.some((t) => oid.startsWith(`${t}.`)) ? 'noSuchInstance' : 'noSuchObject', value: null };
        }),
      );
    },
    getNext: (oids) => {
      log.push(`getNext ${oids.length}`);
      return Promise.resolve(
        oids.map((oid): VarBind => {
          const hit = next(oid);
          if (hit) return hit;
          if (version === '1') throw noSuchName(oid);
          return { oid, type: 'endOfMibView', value: null };
        }),
      );
    },
    getBulk: (oids, maxRepetitions) => {
      log.push(`getBulk ${oids.length}x${maxRepetitions}`);
      const out: VarBind[] = [];
      let cur = oids;
      for (let r = 0; r < maxRepetitions; r++) {
        const row = cur.map((o): VarBind => next(o) ?? { oid: o, type: 'endOfMibView', value: null });
        out.push(...row);
        cur = row.map((v) => v.oid);
      }
      return Promise.resolve(out);
    },
  };
}

describe('evidence decoding', () => {
  it('LLDP capabilities: bit 0 is the most significant bit of the first octet', () => {
    // 0x28 = 0010 1000: bits 2 (bridge) and 4 (router).
    expect(decodeLldpCapabilities(Uint8Array.from([0x28, 0x00]))).toEqual(['bridge', 'router']);
    expect(decodeLldpCapabilities(Uint8Array.from([0x80]))).toEqual(['other']);
    expect(decodeLldpCapabilities(Uint8Array.from([0x01, 0xff]))).toEqual(['stationOnly']);
    expect(decodeLldpCapabilities(Uint8Array.from([0x10]))).toEqual(['wlanAccessPoint']);
    expect(decodeLldpCapabilities(new Uint8Array())).toEqual([]);
  });

  it('picks the first chassis (class 3), not row 1 of another class; else the first row that says something', () => {
    const rows = entityRows(stackRows());
    expect(rows.map((r) => r.index)).toEqual(['1', '1001', '1002']);
    expect(pickChassis(rows)).toMatchObject({ index: '1001', model: 'WS-C3850-48P', serial: 'FOC1234X0AB', softwareRev: '16.12.4', hardwareRev: 'V07' });
    const noChassis = entityRows([int(`${ENT}.5.7`, 10), str(`${ENT}.2.7`, 'PSU'), int(`${ENT}.5.9`, 3)]);
    // Row 9 is a chassis that says nothing: the first row with facts wins.
    expect(pickChassis(noChassis)).toMatchObject({ index: '7', descr: 'PSU' });
    expect(pickChassis([])).toBeNull();
  });

  it('inventory: software revision, else firmware, else the UPS software version; model from the chassis, else the UPS', () => {
    expect(inventoryOf({ entity: { model: 'M', serial: 'S', softwareRev: 'sw', firmwareRev: 'fw', hardwareRev: 'hw' } })).toEqual({ model: 'M', serial: 'S', firmware: 'sw', hardwareRev: 'hw' });
    expect(inventoryOf({ entity: { firmwareRev: 'fw' } }).firmware).toBe('fw');
    expect(inventoryOf({ ups: { model: 'Smart-UPS 1500', softwareVersion: 'UPS 08.3' } })).toEqual({ model: 'Smart-UPS 1500', serial: null, firmware: 'UPS 08.3', hardwareRev: null });
    expect(inventoryOf(null)).toEqual({ model: null, serial: null, firmware: null, hardwareRev: null });
  });
});

describe('evidence round', () => {
  it('v2c, chassis at index 1: one GET reads everything', async () => {
    const agent = mibAgent('2c', [
      str(`${ENT}.2.1`, 'Juniper EX2300-24T'),
      int(`${ENT}.5.1`, 3),
      str(`${ENT}.11.1`, 'JW3619AB0123'),
      str(`${ENT}.13.1`, 'EX2300-24T'),
      bits('1.0.8802.1.1.2.1.3.6.0', [0x28]),
      int('1.3.6.1.2.1.17.1.2.0', 26),
      int('1.3.6.1.2.1.4.1.0', 1),
      oidv('1.3.6.1.2.1.25.3.2.1.2.1', '1.3.6.1.2.1.25.3.1.5'),
      str('1.3.6.1.2.1.43.5.1.1.16.1', 'HP LaserJet'),
    ]);
    const r = await readEvidence(agent);
    expect(agent.log).toEqual(['get 18']);
    expect(r).toMatchObject({ requests: 1, answered: true });
    expect(r.evidence).toEqual({
      entity: { descr: 'Juniper EX2300-24T', serial: 'JW3619AB0123', model: 'EX2300-24T' },
      lldpCapabilities: ['bridge', 'router'],
      bridgePorts: 26,
      ipForwarding: true,
      hrDeviceTypes: [5],
      printerMib: true,
    });
  });

  it('v2c, row 1 is a stack: one GETBULK finds the chassis at 1001', async () => {
    const agent = mibAgent('2c', [...stackRows(), int('1.3.6.1.2.1.4.1.0', 2)]);
    const r = await readEvidence(agent);
    expect(agent.log).toEqual(['get 18', 'getBulk 9x6']);
    expect(r.evidence.entity).toMatchObject({ model: 'WS-C3850-48P', serial: 'FOC1234X0AB', mfgName: 'Cisco Systems Inc.' });
    expect(r.evidence.ipForwarding).toBe(false);
  });

  it('v2c, no row 1 but the table exists (noSuchInstance): the chassis at 67108992 is found; no ENTITY-MIB (noSuchObject) costs nothing more', async () => {
    const far = [int(`${ENT}.5.67108992`, 3), str(`${ENT}.13.67108992`, 'S5735-L24T4X'), str(`${ENT}.11.67108992`, '2102351931DMK9000123')];
    const withTable = mibAgent('2c', far, [ENT]);
    const r = await readEvidence(withTable);
    expect(withTable.log).toEqual(['get 18', 'getBulk 9x6']);
    expect(r.evidence.entity).toEqual({ model: 'S5735-L24T4X', serial: '2102351931DMK9000123' });

    const noMib = mibAgent('2c', [int('1.3.6.1.2.1.4.1.0', 2)]);
    const bare = await readEvidence(noMib);
    expect(noMib.log).toEqual(['get 18']);
    expect(bare.evidence).toEqual({ ipForwarding: false });
  });

  it('v1: no GET (one missing object would fail it with noSuchName), one GETNEXT of the objects', async () => {
    const agent = mibAgent('1', [
      int('1.3.6.1.2.1.4.1.0', 2),
      int('1.3.6.1.2.1.4.2.0', 64),
      oidv('1.3.6.1.2.1.25.3.2.1.2.1', '1.3.6.1.2.1.25.3.1.5'),
      str('1.3.6.1.2.1.43.5.1.1.16.1', 'LaserJet 4250'),
      int(`${ENT}.5.1`, 3),
      str(`${ENT}.13.1`, 'Q5401A'),
      str(`${ENT}.11.1`, 'CNRXB12345'),
      str('1.3.6.1.6.3.1.1.1.0', 'past every object'),
    ]);
    const r = await readEvidence(agent);
    expect(agent.log).toEqual(['getNext 18']);
    expect(r.evidence).toEqual({ entity: { model: 'Q5401A', serial: 'CNRXB12345' }, ipForwarding: false, hrDeviceTypes: [5], printerMib: true });
  });

  it('v1, MIB view ending before some objects: noSuchName drops them and the GETNEXT goes once more; bounded', async () => {
    // Nothing after 1.3.6.1.2.1.25: GETNEXT of UPS, Printer and ENTITY objects runs off the end.
    const agent = mibAgent('1', [int('1.3.6.1.2.1.4.1.0', 1), oidv('1.3.6.1.2.1.25.3.2.1.2.1', '1.3.6.1.2.1.25.3.1.3')]);
    const r = await readEvidence(agent);
    expect(agent.log).toEqual(['getNext 18', 'getNext 4']);
    expect(r.evidence).toEqual({ ipForwarding: true, hrDeviceTypes: [3] });
    expect(r.requests).toBe(2);
  });

  it('v2c agent answering a GET with noSuchName (v1-style): the GETNEXT path', async () => {
    const v1ish = mibAgent('1', [int(`${ENT}.5.1`, 3), str(`${ENT}.13.1`, 'AP-515'), str('1.3.6.1.6.3.1.1.1.0', 'end')]);
    const r = await readEvidence({ ...v1ish, version: '2c' });
    expect(v1ish.log).toEqual(['get 18', 'getNext 18']);
    expect(r.evidence.entity).toEqual({ model: 'AP-515' });
  });

  it('extra probes: an exact one rides in the GET, a `next` one in a GETNEXT sent with it', async () => {
    const agent = mibAgent('2c', [int(`${ENT}.5.1`, 3), str(`${ENT}.13.1`, 'FG100F'), str('1.3.6.1.4.1.12356.101.4.1.1.0', 'v7.2.5'), oidv('1.3.6.1.4.1.99.1.3.7', '1.3.6.1.4.1.99.2'), str('1.3.6.1.6.3.1.1.1.0', 'end')]);
    const r = await readEvidence(agent, [
      { oid: '1.3.6.1.4.1.12356.101.4.1.1.0', next: false },
      { oid: '1.3.6.1.4.1.9.9.1.0', next: false },
      { oid: '1.3.6.1.4.1.99.1.3', next: true },
      { oid: '1.3.6.1.4.1.42', next: true },
    ]);
    expect(agent.log).toEqual(['get 20', 'getNext 2']);
    expect(r.values).toEqual({ '1.3.6.1.4.1.12356.101.4.1.1.0': 'v7.2.5', '1.3.6.1.4.1.9.9.1.0': null, '1.3.6.1.4.1.99.1.3': '1.3.6.1.4.1.99.2', '1.3.6.1.4.1.42': null });
    expect(r.evidence.entity).toEqual({ model: 'FG100F' });
  });

  it('extra probes on v1: in the one GETNEXT, an exact one read as the first instance under its parent', async () => {
    const agent = mibAgent('1', [int(`${ENT}.5.1`, 3), str('1.3.6.1.4.1.7.1.0', 'yes'), str('1.3.6.1.4.1.8.1.2', 'two'), str('1.3.6.1.4.1.9.5.0', 'x'), str('1.3.6.1.6.3.1.1.1.0', 'end')]);
    const r = await readEvidence(agent, [
      { oid: '1.3.6.1.4.1.7.1.0', next: false },
      // Its parent's first instance (.2) is after it: no such object.
      { oid: '1.3.6.1.4.1.8.1.1', next: false },
      // Its parent's first instance (.2) is before it: unknown, left out.
      { oid: '1.3.6.1.4.1.8.1.3', next: false },
      { oid: '1.3.6.1.4.1.9', next: true },
    ]);
    expect(agent.log).toEqual(['getNext 21']);
    expect(r.values).toEqual({ '1.3.6.1.4.1.7.1.0': 'yes', '1.3.6.1.4.1.8.1.1': null, '1.3.6.1.4.1.9': 'x' });
  });

  it('silence: empty evidence, never a throw', async () => {
    const silent: EvidenceAgent = { version: '2c', get: () => Promise.resolve(null), getNext: () => Promise.resolve(null), getBulk: () => Promise.resolve(null) };
    expect(await readEvidence(silent)).toEqual({ evidence: {}, values: {}, requests: 1, answered: false });
    const broken: EvidenceAgent = { ...silent, get: () => Promise.reject(new Error('socket closed')) };
    expect((await readEvidence(broken)).evidence).toEqual({});
  });
});
