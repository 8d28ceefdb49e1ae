/**
 * The SNMP poller. For one device's due items: pick the credential (the remembered one, else the
 * first of the device's ordered list that answers, then remembered), GET the scalar items in
 * requests of up to `maxVarbinds` (halved on tooBig, and the smaller size kept for the device),
 * each with sysUpTime.0 so a counter can tell an agent restart from a wrap, walk the columns of
 * table items and expand their rows, apply transforms (rate, delta, scale, multiplyColumn), compute
 * derived items and return every sample in the poll result (the poll sink writes them: no I/O on
 * the store here).
 *
 * Identity: with `identity` on, after a successful poll the system group (sysDescr, sysObjectID,
 * sysName, sysLocation, sysServices) is read with one more GET the first time a device is polled
 * in this run, and again when its sysUpTime went backwards (agent restart, maybe an upgrade), at
 * most once per `identityIntervalMs` (an hour) per device, and returned as the result's
 * `identity`, with the evidence round of discovery (../discovery/evidence-read.ts: one more GET
 * of the ENTITY-MIB chassis row, UPS ident, ...; a second request only for a chassis not at
 * index 1) on the same schedule, so model, serial and firmware follow an upgrade. Failing those
 * requests never fails the poll.
 *
 * A dead device costs one timeout: the first request (always a GET with sysUpTime) failing with a
 * timeout ends the poll as `timeout`, and the scheduler backs the device off.
 */
import type { DerivedItem, TableItem, TemplateItem } from '../api/templates.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { SnmpClient } from '../snmp/client.ts';
import { findWorkingCredential } from '../snmp/credential-probe.ts';
import type { SnmpCredential } from '../snmp/credentials.ts';
import { SnmpAuthError, SnmpError, SnmpTimeoutError } from '../snmp/errors.ts';
import type { SnmpSession } from '../snmp/session.ts';
import type { VarBind } from '../snmp/varbind.ts';
import { shippedRules } from '../discovery/classification-rules.ts';
import { readEvidence } from '../discovery/evidence-read.ts';
import { familyProbes } from '../discovery/os-families.ts';
import { computeDerived, expandTableRows, columnsToWalk, type PolledValue } from '../templates/table-rows.ts';
import { createCounterTracker, type CounterTracker } from './counter-rate.ts';
import type { SnmpItemPayload } from './monitoring.ts';
import type { Poller, PollJob, PollResult, PollSample, SystemInfo } from './poll-executor.ts';
import { itemValue, polledValue } from './snmp-values.ts';

// SNMPv2-MIB::sysUpTime.0
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
// SNMPv2-MIB::sysDescr.0, sysObjectID.0, sysName.0, sysLocation.0, sysServices.0
const SYSTEM_GROUP = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.1.7.0'];
const HOUR_MS = 3_600_000;

export type { SystemInfo } from './poll-executor.ts';

const textOf = (vb: VarBind | undefined): string | null => {
  if (!vb || vb.value === null || vb.value === undefined) return null;
  if (typeof vb.value !== 'string' && typeof vb.value !== 'number' && typeof vb.value !== 'bigint') return null;
  const t = String(vb.value).trim();
  return t === '' ? null : t.slice(0, 2000);
};

export function systemInfoOf(vbs: readonly (VarBind | undefined)[]): SystemInfo {
  const [descr, oid, name, location, services] = vbs;
  return {
    sysDescr: textOf(descr),
    sysObjectID: oid?.type === 'ObjectIdentifier' ? oid.value.replace(/^\./, '') : null,
    sysName: textOf(name),
    sysLocation: textOf(location),
    sysServices: services && typeof services.value === 'number' ? services.value : null,
  };
}

export interface SnmpDevice {
  id: string;
  address: string;
  /** Stored credential ids, in the order to try. */
  credentialIds: readonly string[];
}

export interface SnmpExecutorOptions {
  client: Pick<SnmpClient, 'session'>;
  /** The device, or undefined when it is gone. */
  device: (deviceId: string) => SnmpDevice | undefined;
  /** A stored credential with its secrets (throws when it is gone). */
  credential: (credentialId: string) => SnmpCredential & { id: string };
  /** Which credential last worked per device (persisted). */
  memory: { get(deviceId: string): string | undefined; set(deviceId: string, credentialId: string): void };
  clock: Clock;
  logger: Logger;
  /** Varbinds per GET request, sysUpTime included. Default 40. */
  maxVarbinds?: number;
  tracker?: CounterTracker;
  /** Read the system group (see the file comment) into the result's `identity`; off: never read. */
  identity?: boolean;
  /** Least time between two system-group reads of a device. Default one hour. */
  identityIntervalMs?: number;
}

export interface SnmpExecutor extends Poller {
  /** Forgets a device's counters and learned request size (device deleted). */
  forget(deviceId: string): void;
}

interface Reading {
  vb: VarBind | undefined;
  ts: number;
  uptime: number | undefined;
}

type Failure = { kind: 'timeout' | 'error'; message: string };

function failureOf(err: unknown): Failure {
  if (err instanceof SnmpTimeoutError) return { kind: 'timeout', message: err.message };
  return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
}

function counterBitsOf(vb: VarBind | undefined, fallback: 32 | 64 | undefined): 32 | 64 | undefined {
  if (vb?.type === 'Counter64') return 64;
  if (vb?.type === 'Counter32') return 32;
  return fallback;
}

/** See the file comment. */
export function createSnmpExecutor(options: SnmpExecutorOptions): SnmpExecutor {
  const { client, clock, logger } = options;
  const maxVarbinds = Math.max(2, options.maxVarbinds ?? 40);
  const tracker = options.tracker ?? createCounterTracker();
  /** Request sizes learned from tooBig answers, per device. */
  const learnedLimit = new Map<string, number>();
  /** Per device: when the system group was last read (this run) and the last sysUpTime seen. */
  const identitySeen = new Map<string, { at: number; uptime: number | undefined; restarted: boolean }>();
  const identityIntervalMs = options.identityIntervalMs ?? HOUR_MS;

  /** Reads the system group when due (see the file comment); never throws. */
  async function refreshIdentity(session: SnmpSession, deviceId: string, uptime: number | undefined, signal: AbortSignal): Promise<SystemInfo | undefined> {
    if (!options.identity) return undefined;
    const seen = identitySeen.get(deviceId);
    const now = clock.now();
    if (seen) {
      // A restart seen within the hour is remembered until the read is allowed.
      if (uptime !== undefined && seen.uptime !== undefined && uptime < seen.uptime) seen.restarted = true;
      if (uptime !== undefined) seen.uptime = uptime;
      if (!seen.restarted || now - seen.at < identityIntervalMs) return undefined;
    }
    // Counted as read even when it fails, so a device without these objects costs two GETs an hour.
    identitySeen.set(deviceId, { at: now, uptime, restarted: false });
    if (signal.aborted) return undefined;
    let info: SystemInfo;
    try {
      info = systemInfoOf(await session.get(SYSTEM_GROUP));
    } catch (err) {
      logger.debug({ err, deviceId }, 'system group not read');
      return undefined;
    }
    if (signal.aborted) return info;
    try {
      // Silence or an agent's error give less evidence (and setIdentity keeps what is known).
      const probes = familyProbes(shippedRules().families, info.sysObjectID, info.sysDescr);
      const read = await readEvidence(
        {
          version: session.credential.version,
          get: (oids) => session.get(oids),
          getNext: (oids) => session.getNext(oids),
          getBulk: (oids, maxRepetitions) => session.getBulk(oids, { nonRepeaters: 0, maxRepetitions }),
        },
        probes,
      );
      const evidence = probes.length ? { ...read.evidence, familyValues: read.values } : read.evidence;
      return Object.keys(evidence).length > 0 ? { ...info, evidence } : info;
    } catch (err) {
      logger.debug({ err, deviceId }, 'evidence not read');
      return info;
    }
  }

  async function findSession(device: SnmpDevice, creds: (SnmpCredential & { id: string })[]): Promise<SnmpSession> {
    const match = await findWorkingCredential((c) => client.session(device.address, c), creds);
    const id = (match.credential as { id: string }).id;
    if (options.memory.get(device.id) !== id) {
      options.memory.set(device.id, id);
      logger.info({ deviceId: device.id, credentialId: id }, 'SNMP credential found');
    }
    return match.session;
  }

  /** GETs `oids` (+ sysUpTime) in requests of the device's size; tooBig halves the request. */
  async function getAll(session: SnmpSession, deviceId: string, oids: readonly string[], out: Map<string, Reading>, signal: AbortSignal): Promise<void> {
    const limit = (learnedLimit.get(deviceId) ?? maxVarbinds) - 1;
    const chunks: string[][] = [];
    for (let i = 0; i < oids.length; i += limit) chunks.push(oids.slice(i, i + limit));
    if (chunks.length === 0) chunks.push([]);
    for (const chunk of chunks) {
      if (signal.aborted) throw new SnmpTimeoutError('poll deadline passed');
      await getChunk(session, deviceId, chunk, out, signal);
    }
  }

  async function getChunk(session: SnmpSession, deviceId: string, oids: string[], out: Map<string, Reading>, signal: AbortSignal): Promise<void> {
    try {
      const vbs = await session.get([SYS_UPTIME, ...oids]);
      const ts = clock.now();
      const up = vbs[0];
      const uptime = up?.type === 'TimeTicks' ? up.value : undefined;
      out.set(SYS_UPTIME, { vb: up, ts, uptime });
      oids.forEach((oid, i) => out.set(oid, { vb: vbs[i + 1], ts, uptime }));
    } catch (err) {
      const status = err instanceof SnmpError && err.reason === 'agent_error' ? err.status : undefined;
      if ((status === 'tooBig' || status === 'noSuchName') && oids.length > 1) {
        // tooBig: the answer did not fit; noSuchName (SNMPv1): one OID spoils the request. Halve.
        if (status === 'tooBig') learnedLimit.set(deviceId, Math.max(2, Math.ceil(oids.length / 2) + 1));
        const half = Math.ceil(oids.length / 2);
        for (const part of [oids.slice(0, half), oids.slice(half)]) {
          if (signal.aborted) throw new SnmpTimeoutError('poll deadline passed');
          await getChunk(session, deviceId, part, out, signal);
        }
        return;
      }
      if (status === 'noSuchName' && oids.length === 1) {
        out.set(oids[0] as string, { vb: undefined, ts: clock.now(), uptime: undefined });
        return;
      }
      throw err;
    }
  }

  /**
   * Walks a table item's columns: column OID → (row index → value), and when they were read. A
   * column another table of the same poll already walked (hrStorageTable for memory and disks,
   * entPhySensorTable for each kind of sensor) is not walked again (`seen`).
   */
  async function walkTable(
    session: SnmpSession,
    table: TableItem,
    signal: AbortSignal,
    seen: Map<string, Map<string, PolledValue>>,
  ): Promise<{ walked: Map<string, Map<string, PolledValue>>; ts: number }> {
    const walked = new Map<string, Map<string, PolledValue>>();
    for (const column of columnsToWalk(table)) {
      if (signal.aborted) throw new SnmpTimeoutError('poll deadline passed');
      let rows = seen.get(column);
      if (!rows) {
        rows = new Map<string, PolledValue>();
        for (const vb of await session.walk(column)) {
          if (vb.oid.length > column.length + 1 && vb.oid.startsWith(`${column}.`)) rows.set(vb.oid.slice(column.length + 1), polledValue(vb));
        }
        seen.set(column, rows);
      }
      walked.set(column, rows);
    }
    return { walked, ts: clock.now() };
  }

  async function collect(session: SnmpSession, job: PollJob): Promise<PollResult> {
    const deviceId = job.deviceId;
    const scalars: TemplateItem[] = [];
    const tables: TableItem[] = [];
    const derived = new Map<string, DerivedItem>();
    for (const it of job.items) {
      const payload = it.payload as SnmpItemPayload | undefined;
      if (!payload) continue;
      if (payload.item.kind === 'scalar') scalars.push(payload.item.definition);
      else if (payload.item.kind === 'table') tables.push(payload.item.definition);
      for (const d of payload.derived) derived.set(d.key, d);
    }
    const device = { device: deviceId };
    const samples: PollSample[] = [];
    const sample = (name: string, labels: Record<string, string>, ts: number, value: number) => void samples.push({ name, labels, ts, value });
    let written = 0;
    const problems: string[] = [];
    const readings = new Map<string, Reading>();

    // 1. Scalars (and sysUpTime: the first request doubles as the liveness check).
    await getAll(session, deviceId, [...new Set(scalars.map((s) => s.oid))], readings, job.signal);
    const fallbacks = scalars.filter((s) => s.fallback && polledValue(readings.get(s.oid)?.vb) === null).map((s) => s.fallback?.oid as string);
    if (fallbacks.length) {
      try {
        await getAll(session, deviceId, [...new Set(fallbacks)], readings, job.signal);
      } catch (err) {
        problems.push(`fallback OIDs: ${failureOf(err).message}`);
      }
    }
    const pollUptime = readings.get(SYS_UPTIME)?.uptime;
    const scalarValues = new Map<string, number>();
    for (const item of scalars) {
      let src: { oid: string; counterBits?: 32 | 64 | undefined; transforms?: TemplateItem['transforms'] | undefined } = item;
      let r = readings.get(item.oid);
      if (polledValue(r?.vb) === null && item.fallback) {
        src = item.fallback;
        r = readings.get(item.fallback.oid);
      }
      if (!r) continue;
      const result = itemValue(item, polledValue(r.vb), src.transforms ?? item.transforms, {
        tracker,
        key: `${deviceId}|${item.key}||${src.oid}`,
        ts: r.ts,
        uptime: r.uptime,
        maxRate: undefined,
        counterBits: counterBitsOf(r.vb, src.counterBits ?? item.counterBits),
      });
      if (result.ok) {
        sample(item.key, device, r.ts, result.value);
        scalarValues.set(item.key, result.value);
        written++;
      } else if (result.reason === 'missing') problems.push(`${item.key}: no such object`);
    }
    const now = clock.now();
    for (const d of derived.values()) {
      const v = computeDerived(d, scalarValues);
      if (v !== undefined) {
        sample(d.key, device, now, v);
        written++;
      }
    }

    // 2. Tables: walk the columns (each once per poll), expand the rows, one sample per row and column.
    const walkedColumns = new Map<string, Map<string, PolledValue>>();
    for (const table of tables) {
      let walked: Map<string, Map<string, PolledValue>>;
      let ts: number;
      try {
        ({ walked, ts } = await walkTable(session, table, job.signal, walkedColumns));
      } catch (err) {
        const f = failureOf(err);
        problems.push(`${table.key}: ${f.message}`);
        if (f.kind === 'timeout') break; // the device stopped answering: do not pile up timeouts
        continue;
      }
      for (const row of expandTableRows(table, walked)) {
        const labels = { ...device, ...row.labels };
        const values = new Map<string, number>();
        for (const col of row.columns) {
          const srcOid = col.oid.slice(0, col.oid.length - row.index.length - 1);
          const raw = walked.get(srcOid)?.get(row.index) ?? null;
          const result = itemValue(col.item, raw, col.transforms, {
            tracker,
            key: `${deviceId}|${table.key}.${col.item.key}|${row.index}|${srcOid}`,
            ts,
            uptime: pollUptime,
            maxRate: col.item.speedBound ? row.maxOctetsPerSec : undefined,
            counterBits: typeof raw === 'bigint' ? 64 : col.counterBits,
            column: (oid) => walked.get(oid)?.get(row.index) ?? null,
          });
          if (!result.ok) continue;
          sample(col.item.key, labels, ts, result.value);
          values.set(col.item.key, result.value);
          written++;
        }
        for (const d of table.derived) {
          const v = computeDerived(d, values);
          if (v !== undefined) {
            sample(d.key, labels, ts, v);
            written++;
          }
        }
      }
    }
    const answeredAt = clock.now();
    sample('snmp_reachable', device, answeredAt, 1);
    const identity = await refreshIdentity(session, deviceId, pollUptime, job.signal);
    const message = problems.length ? `${written} samples; ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; +${problems.length - 5} more` : ''}` : undefined;
    return { status: 'ok', ...(message ? { message } : {}), samples, reachability: { answered: true, at: answeredAt }, ...(identity ? { identity } : {}) };
  }

  async function poll(job: PollJob): Promise<PollResult> {
    const device = options.device(job.deviceId);
    if (!device) return { status: 'error', message: 'device not found', samples: [] };
    const creds: (SnmpCredential & { id: string })[] = [];
    for (const id of device.credentialIds) {
      try {
        creds.push(options.credential(id));
      } catch (err) {
        logger.debug({ err, credentialId: id }, 'credential not usable');
      }
    }
    if (creds.length === 0) return { status: 'error', message: 'no SNMP credential: give the device one', samples: [] };
    const remembered = creds.find((c) => c.id === options.memory.get(device.id));
    try {
      if (remembered) {
        try {
          return await collect(await client.session(device.address, remembered), job);
        } catch (err) {
          // The remembered credential may have stopped working (changed on the device): find
          // another, unless there is none or the device simply does not answer anything.
          const retry = creds.length > 1 && (err instanceof SnmpAuthError || err instanceof SnmpTimeoutError) && !job.signal.aborted;
          if (!retry) throw err;
        }
      }
      return await collect(await findSession(device, creds), job);
    } catch (err) {
      const f = failureOf(err);
      const at = clock.now();
      // A timeout: the device did not answer. Any other failure came from an answer (auth, agent error).
      if (f.kind === 'timeout') return { status: 'timeout', message: f.message, samples: [{ name: 'snmp_reachable', labels: { device: device.id }, ts: at, value: 0 }], reachability: { answered: false, at } };
      return { status: f.kind, message: f.message, samples: [], reachability: { answered: true, at } };
    }
  }

  return {
    protocol: 'snmp',
    poll,
    forget(deviceId) {
      learnedLimit.delete(deviceId);
      identitySeen.delete(deviceId);
      tracker.forgetWhere((k) => typeof k === 'string' && k.startsWith(`${deviceId}|`));
    },
  };
}
