/**
 * Schema 12: the Zabbix mirror (Zabbix and hybrid modes).
 * - zabbix_links: which device stands for which Zabbix host, how it was matched ('imported': a
 *   device created from a Zabbix host that WARD FLUX does not have; the others link a WARD FLUX
 *   device), and what Zabbix last said about it (interface availability, open problems).
 * - alerts.source / alerts.zabbix_event_id: Zabbix problems mirrored as alerts, one open alert per
 *   event.
 * - zabbix_cache is a cache: recreated without the CHECK on its kind, so items can be cached too.
 * - zabbix_mirror_state: the last sync attempt and its outcome (the staleness the UI shows).
 */
export default `
CREATE TABLE zabbix_links (
  device_id      TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  server         TEXT NOT NULL,
  host_id        TEXT NOT NULL,
  host           TEXT NOT NULL,
  name           TEXT NOT NULL,
  matched_by     TEXT NOT NULL CHECK (matched_by IN ('pushed', 'ip', 'dns', 'name', 'imported')),
  -- The host's interface availability: 0 unknown, 1 available, 2 unavailable.
  available      INTEGER NOT NULL DEFAULT 0,
  enabled        INTEGER NOT NULL DEFAULT 1,
  problems       INTEGER NOT NULL DEFAULT 0,
  worst_severity INTEGER,
  seen_at        INTEGER NOT NULL,
  UNIQUE (server, host_id)
) WITHOUT ROWID;

ALTER TABLE alerts ADD COLUMN source TEXT NOT NULL DEFAULT 'wardflux' CHECK (source IN ('wardflux', 'zabbix'));
ALTER TABLE alerts ADD COLUMN zabbix_event_id TEXT;
CREATE UNIQUE INDEX alerts_zabbix_open ON alerts (zabbix_event_id) WHERE zabbix_event_id IS NOT NULL AND state != 'resolved';
CREATE INDEX alerts_by_source ON alerts (source, state);

DROP TABLE zabbix_cache;
CREATE TABLE zabbix_cache (
  server     TEXT NOT NULL,
  kind       TEXT NOT NULL,
  query      TEXT NOT NULL,
  data       TEXT NOT NULL CHECK (json_valid(data)),
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (server, kind, query)
) WITHOUT ROWID;

CREATE TABLE zabbix_mirror_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  server          TEXT,
  last_sync_at    INTEGER,
  last_attempt_at INTEGER,
  error           TEXT,
  hosts           INTEGER NOT NULL DEFAULT 0,
  matched         INTEGER NOT NULL DEFAULT 0,
  imported        INTEGER NOT NULL DEFAULT 0
);
`;
