/**
 * Schema 3: monitoring templates and what they put on devices.
 * - templates: user templates as validated JSON (built-in ones ship in resources/templates/ and
 *   are not stored, so `device_templates.template_id` has no foreign key).
 * - monitoring_items: one row per template item (scalar), table item group (expanded per row at
 *   poll time) or derived item (computed from other items, not polled) per device, with a
 *   snapshot of its definition so a poll job needs nothing else.
 *   Editing a template re-syncs the rows of the devices it is applied to.
 * - poll_health: the scheduler's last known outcome per device and protocol, kept across restarts.
 */
export default `
CREATE TABLE templates (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE device_templates (
  device_id   TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  template_id TEXT NOT NULL,
  applied_at  INTEGER NOT NULL,
  PRIMARY KEY (device_id, template_id)
) WITHOUT ROWID;
CREATE INDEX device_templates_by_template ON device_templates(template_id);

CREATE TABLE monitoring_items (
  id           INTEGER PRIMARY KEY,
  device_id    TEXT NOT NULL,
  template_id  TEXT NOT NULL,
  item_key     TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('scalar', 'table', 'derived')),
  protocol     TEXT NOT NULL CHECK (protocol IN ('snmp', 'icmp')),
  interval_sec INTEGER NOT NULL CHECK (interval_sec > 0),
  enabled      INTEGER NOT NULL DEFAULT 1,
  definition   TEXT NOT NULL CHECK (json_valid(definition)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (device_id, template_id, item_key),
  FOREIGN KEY (device_id, template_id) REFERENCES device_templates(device_id, template_id) ON DELETE CASCADE
);

CREATE TABLE poll_health (
  device_id            TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  protocol             TEXT NOT NULL CHECK (protocol IN ('snmp', 'icmp')),
  last_poll_at         INTEGER,
  last_ok_at           INTEGER,
  last_status          TEXT CHECK (last_status IN ('ok', 'timeout', 'error')),
  last_error           TEXT,
  last_duration_ms     INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  unreachable_since    INTEGER,
  ok_count             INTEGER NOT NULL DEFAULT 0,
  timeout_count        INTEGER NOT NULL DEFAULT 0,
  error_count          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (device_id, protocol)
) WITHOUT ROWID;
`;
