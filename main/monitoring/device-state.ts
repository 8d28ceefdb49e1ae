/**
 * What standalone monitoring knows about each device: its availability per source (ICMP monitor,
 * SNMP poller), persisted in device_state so a restart resumes from the last known state, and the
 * SNMP credential that last worked (device_snmp_credential). Also the one rule that turns the two
 * sources into the device status the contract shows.
 */
import type { Db } from '../store/database.ts';

export type StateSource = 'icmp' | 'snmp';
/** `degraded` (ICMP only): answering, but lossy or slow. The availability state machine counts it as up. */
export type SourceStatus = 'unknown' | 'up' | 'down' | 'degraded';
export type DeviceStatus = 'up' | 'down' | 'degraded' | 'unknown';

export interface SourceState {
  deviceId: string;
  source: StateSource;
  status: SourceStatus;
  /** When the status last changed (ms), null while unknown. */
  since: number | null;
  consecutiveFailures: number;
  lastCheckAt: number | null;
  /** The last time the device answered this source. */
  lastSeenAt: number | null;
}

interface Row {
  device_id: string;
  source: StateSource;
  status: SourceStatus;
  since: number | null;
  consecutive_failures: number;
  last_check_at: number | null;
  last_seen_at: number | null;
}

const toState = (r: Row): SourceState => ({
  deviceId: r.device_id,
  source: r.source,
  status: r.status,
  since: r.since,
  consecutiveFailures: r.consecutive_failures,
  lastCheckAt: r.last_check_at,
  lastSeenAt: r.last_seen_at,
});

/**
 * device_state and device_snmp_credential. Writes for a deleted device are ignored (foreign keys):
 * `deviceExists` is the devices area's lookup (main/devices/).
 */
export function createDeviceStateRepo(db: Db, deviceExists: (id: string) => boolean) {
  const upsert = db.prepare(
    `INSERT INTO device_state (device_id, source, status, since, consecutive_failures, last_check_at, last_seen_at)
     VALUES (@deviceId, @source, @status, @since, @consecutiveFailures, @lastCheckAt, @lastSeenAt)
     ON CONFLICT (device_id, source) DO UPDATE SET status = excluded.status, since = excluded.since,
       consecutive_failures = excluded.consecutive_failures, last_check_at = excluded.last_check_at,
       last_seen_at = coalesce(excluded.last_seen_at, last_seen_at)`,
  );
  const all = db.prepare<[], Row>('SELECT * FROM device_state');
  const ofSource = db.prepare<[StateSource], Row>('SELECT * FROM device_state WHERE source = ?');
  const ofDevice = db.prepare<[string], Row>('SELECT * FROM device_state WHERE device_id = ?');
  const credGet = db.prepare<[string], { credential_id: string }>('SELECT credential_id FROM device_snmp_credential WHERE device_id = ?');
  const credPut = db.prepare(
    `INSERT INTO device_snmp_credential (device_id, credential_id, remembered_at)
     SELECT @deviceId, @credentialId, @at WHERE EXISTS (SELECT 1 FROM credentials WHERE id = @credentialId)
     ON CONFLICT (device_id) DO UPDATE SET credential_id = excluded.credential_id, remembered_at = excluded.remembered_at`,
  );
  const saveMany = db.transaction((states: readonly SourceState[]) => {
    for (const s of states) if (deviceExists(s.deviceId)) upsert.run(s);
  });

  return {
    /** Saves the states (one transaction). */
    save(states: readonly SourceState[]): void {
      if (states.length) saveMany(states);
    },
    ofSource: (source: StateSource): SourceState[] => ofSource.all(source).map(toState),
    ofDevice: (deviceId: string): SourceState[] => ofDevice.all(deviceId).map(toState),
    /** Every device's states, by device id. */
    byDevice(): Map<string, SourceState[]> {
      const out = new Map<string, SourceState[]>();
      for (const r of all.all()) {
        const list = out.get(r.device_id);
        if (list) list.push(toState(r));
        else out.set(r.device_id, [toState(r)]);
      }
      return out;
    },
    /** The stored credential id that last worked for a device's SNMP. */
    rememberedCredential: (deviceId: string): string | undefined => credGet.get(deviceId)?.credential_id,
    rememberCredential(deviceId: string, credentialId: string, at: number): void {
      if (deviceExists(deviceId)) credPut.run({ deviceId, credentialId, at });
    },
  };
}

export type DeviceStateRepo = ReturnType<typeof createDeviceStateRepo>;

/**
 * The device's status from its sources. ICMP (the availability monitor) leads; SNMP fills in when
 * ICMP has no verdict. Mixed signals (SNMP answers while ping does not, SNMP is down while ping
 * answers, or ICMP is lossy) are `degraded`. A disabled device is not polled: `unknown`, whatever was last seen.
 */
export function deviceStatus(states: readonly SourceState[] | undefined, enabled: boolean): { status: DeviceStatus; lastSeen?: number } {
  let lastSeen: number | undefined;
  for (const s of states ?? []) if (s.lastSeenAt !== null && (lastSeen === undefined || s.lastSeenAt > lastSeen)) lastSeen = s.lastSeenAt;
  const seen = lastSeen === undefined ? {} : { lastSeen };
  if (!enabled) return { status: 'unknown', ...seen };
  const icmpState = states?.find((s) => s.source === 'icmp');
  const snmpState = states?.find((s) => s.source === 'snmp');
  const icmp = icmpState?.status ?? 'unknown';
  const snmp = snmpState?.status ?? 'unknown';
  const answering = (s: SourceStatus) => s === 'up' || s === 'degraded';
  // SNMP's "up" only counts against an ICMP "down" if SNMP answered since ICMP went down: until
  // the poller's own timeouts catch up, an older answer says nothing about now.
  const snmpAnsweredSinceIcmpDown = answering(snmp) && snmpState?.lastSeenAt != null && snmpState.lastSeenAt >= (icmpState?.since ?? 0);
  let status: DeviceStatus;
  if (icmp === 'unknown') status = snmp === 'unknown' ? 'unknown' : snmp;
  else if (icmp === 'down') status = snmpAnsweredSinceIcmpDown ? 'degraded' : 'down';
  else if (icmp === 'degraded' || snmp === 'down') status = 'degraded';
  else status = 'up';
  return { status, ...seen };
}
