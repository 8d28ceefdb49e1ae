/**
 * Schema 9: what standalone monitoring learns about devices, kept across restarts.
 * - device_state: the availability per device and source (ICMP monitor, SNMP poller): the state
 *   machine's status and failure count, when it last changed, was checked and answered. A restart
 *   resumes from here, so a device that was down does not come back as "unknown" (or "up").
 * - device_snmp_credential: which of a device's ordered credentials last worked, tried first on
 *   the next poll (a wrong community is silence: trying each in turn would cost one timeout each).
 */
export default `
CREATE TABLE device_state (
  device_id            TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  source               TEXT NOT NULL CHECK (source IN ('icmp', 'snmp')),
  status               TEXT NOT NULL CHECK (status IN ('unknown', 'up', 'down', 'degraded')),
  since                INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_check_at        INTEGER,
  last_seen_at         INTEGER,
  PRIMARY KEY (device_id, source)
) WITHOUT ROWID;

CREATE TABLE device_snmp_credential (
  device_id     TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
  remembered_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
