/**
 * Schema 6: alerts and notifications.
 * - alert_rules: conditions as validated JSON; the default rules a new install has are seeded here.
 * - alerts: one row per occurrence; the partial unique index keeps one open alert per rule+series.
 * - alert_events: the history of each alert (firing, acknowledged, comment, resolved), with what
 *   was notified or suppressed and why.
 * - maintenance_windows, device_parents (dependencies), notification_channels (secrets sealed
 *   with the data key, bound to the row id), notification_digest (events waiting to be coalesced).
 */
const now = "CAST(strftime('%s', 'now') AS INTEGER) * 1000";
const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;
const rule = (id: string, name: string, description: string, severity: string, condition: object) =>
  `('${id}', ${sql(name)}, ${sql(description)}, 1, '${severity}', '{"type":"all"}', '${JSON.stringify(condition)}', '{"windowSec":900,"changes":6}', 1, ${now}, ${now})`;

export default `
CREATE TABLE alert_rules (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description TEXT NOT NULL DEFAULT '',
  enabled     INTEGER NOT NULL DEFAULT 1,
  severity    TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'minor', 'major', 'critical')),
  scope       TEXT NOT NULL CHECK (json_valid(scope)),
  condition   TEXT NOT NULL CHECK (json_valid(condition)),
  flap        TEXT NOT NULL CHECK (json_valid(flap)),
  builtin     INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE alerts (
  id               TEXT PRIMARY KEY,
  rule_id          TEXT REFERENCES alert_rules(id) ON DELETE SET NULL,
  rule_name        TEXT NOT NULL,
  kind             TEXT NOT NULL,
  severity         TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('firing', 'acknowledged', 'resolved')),
  series_key       TEXT NOT NULL,
  device_id        TEXT,
  metric           TEXT,
  labels           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(labels)),
  value            REAL,
  summary          TEXT NOT NULL,
  started_at       INTEGER NOT NULL,
  last_change_at   INTEGER NOT NULL,
  resolved_at      INTEGER,
  acknowledged_at  INTEGER,
  acknowledged_by  TEXT,
  ack_comment      TEXT,
  flapping         INTEGER NOT NULL DEFAULT 0,
  suppressed_by    TEXT CHECK (suppressed_by IN ('maintenance', 'dependency', 'flapping')),
  caused_by        TEXT,
  notified         INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (rule_id, series_key) WHERE state != 'resolved';
CREATE INDEX alerts_by_start ON alerts (started_at);
CREATE INDEX alerts_by_device ON alerts (device_id, state);

CREATE TABLE alert_events (
  id            TEXT PRIMARY KEY,
  alert_id      TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  type          TEXT NOT NULL CHECK (type IN ('firing', 'acknowledged', 'resolved', 'comment')),
  at            INTEGER NOT NULL,
  actor         TEXT,
  comment       TEXT,
  value         REAL,
  notified      INTEGER NOT NULL DEFAULT 0,
  suppressed_by TEXT
);
CREATE INDEX alert_events_by_alert ON alert_events (alert_id, at);

CREATE TABLE maintenance_windows (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  enabled    INTEGER NOT NULL DEFAULT 1,
  scope      TEXT NOT NULL CHECK (json_valid(scope)),
  schedule   TEXT NOT NULL CHECK (json_valid(schedule)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE device_parents (
  device_id TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  parent_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  source    TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'discovery')),
  CHECK (device_id != parent_id)
) WITHOUT ROWID;

CREATE TABLE notification_channels (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  type       TEXT NOT NULL CHECK (type IN ('email', 'webhook', 'desktop')),
  enabled    INTEGER NOT NULL DEFAULT 1,
  routing    TEXT NOT NULL CHECK (json_valid(routing)),
  digest_sec INTEGER NOT NULL DEFAULT 0,
  -- Non-secret settings (host, port, recipients, URL, header names...).
  settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  -- AES-256-GCM sealed JSON of the secrets ({password} or {secret, headers}), bound to the row id.
  secret     BLOB,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE notification_digest (
  id         INTEGER PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES notification_channels(id) ON DELETE CASCADE,
  event_id   TEXT NOT NULL,
  payload    TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  UNIQUE (channel_id, event_id)
);

INSERT INTO alert_rules (id, name, description, enabled, severity, scope, condition, flap, builtin, created_at, updated_at) VALUES
  ${rule('00000000-0000-4000-8000-00000000a001', 'Device down', "No answer to ICMP for the monitor's N checks in a row", 'critical', { kind: 'availability', source: 'icmp' })},
  ${rule('00000000-0000-4000-8000-00000000a002', 'High CPU', 'CPU above 90 % for 5 minutes (recovers below 80 %)', 'major', { kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 90, recovery: 80, forSec: 300 })},
  ${rule('00000000-0000-4000-8000-00000000a003', 'Disk almost full', 'A disk more than 90 % used (recovers below 85 %)', 'major', { kind: 'threshold', metric: 'disk_used_pct', op: 'above', value: 90, recovery: 85, forSec: 0 })},
  ${rule('00000000-0000-4000-8000-00000000a004', 'Interface errors', 'Input errors on an interface for 10 minutes', 'warning', { kind: 'threshold', metric: 'if_in_errors', op: 'above', value: 0, forSec: 600 })},
  ${rule('00000000-0000-4000-8000-00000000a005', 'Interface down', 'An interface that was up is no longer up', 'minor', { kind: 'oper_status', metric: 'if_oper_status' })};

INSERT INTO notification_channels (id, name, type, enabled, routing, digest_sec, settings, secret, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-00000000c001', 'Desktop', 'desktop', 1, '{"severities":[],"tags":[],"events":["firing","resolved"]}', 0, '{}', NULL, ${now}, ${now});
`;
