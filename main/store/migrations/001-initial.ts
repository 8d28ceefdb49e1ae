/** Schema 1: configuration tables for devices, SNMP credentials, settings and API tokens. */
export default `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE credentials (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
  version        TEXT NOT NULL CHECK (version IN ('1', '2c', '3')),
  username       TEXT,
  security_level TEXT,
  auth_protocol  TEXT,
  priv_protocol  TEXT,
  context_name   TEXT,
  -- AES-256-GCM sealed JSON of the secrets ({community} or {authKey, privKey}), bound to the row id.
  secret         BLOB NOT NULL,
  has_community  INTEGER NOT NULL,
  has_auth_key   INTEGER NOT NULL,
  has_priv_key   INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE devices (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  address    TEXT NOT NULL UNIQUE COLLATE NOCASE,
  tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  notes      TEXT NOT NULL DEFAULT '',
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE device_credentials (
  device_id     TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE RESTRICT,
  PRIMARY KEY (device_id, position)
) WITHOUT ROWID;
CREATE INDEX device_credentials_by_credential ON device_credentials(credential_id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);
`;
