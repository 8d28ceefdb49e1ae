/**
 * Schema 5: Zabbix. The one configured Zabbix server (its token or password sealed with the data
 * key, bound to the row), the offline cache of the last hosts and problems read from it (per
 * server and query, with the time they were fetched), and which WARD FLUX device was pushed as
 * which Zabbix host.
 */
export default `
CREATE TABLE zabbix_config (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  url            TEXT NOT NULL,
  auth_method    TEXT NOT NULL CHECK (auth_method IN ('token', 'password')),
  username       TEXT NOT NULL DEFAULT '',
  -- AES-256-GCM sealed JSON {token?, password?}, bound to 'zabbix_config:1'.
  secret         BLOB,
  has_token      INTEGER NOT NULL DEFAULT 0,
  has_password   INTEGER NOT NULL DEFAULT 0,
  host_group     TEXT NOT NULL,
  templates      TEXT NOT NULL CHECK (json_valid(templates)),
  server_version TEXT,
  updated_at     INTEGER NOT NULL
);

-- server: the API endpoint URL; query: canonical JSON of the filter the data answers.
CREATE TABLE zabbix_cache (
  server     TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('hosts', 'problems')),
  query      TEXT NOT NULL,
  data       TEXT NOT NULL CHECK (json_valid(data)),
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (server, kind, query)
) WITHOUT ROWID;

CREATE TABLE zabbix_pushes (
  device_id  TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  server     TEXT NOT NULL,
  host_id    TEXT NOT NULL,
  host       TEXT NOT NULL,
  pushed_at  INTEGER NOT NULL
) WITHOUT ROWID;
`;
