/**
 * Schema 10: sites, reports and the central side.
 * - sites: a named context (customer, address, technician, notes). One row is the default site
 *   (`is_default`), named after the siteName setting when first needed; devices, discovery jobs
 *   and reports with a NULL site_id belong to it.
 * - reports: one generated report; its content is a file in the data dir (reports/<id>.<ext>),
 *   named by the id, never by anything a user typed.
 * - central_target: the laptop's central WARD FLUX (row 1): URL in the clear, token sealed with
 *   the data key, never returned.
 * - central_sites, central_uploads, central_upload_chunks: what a central receives. An upload is
 *   keyed by the uploadId the laptop chose (a UUID), so a replay finds the row and stores nothing
 *   new; chunks of an open upload are kept until `complete` assembles them into a file
 *   (central/<uploadId>).
 */
export default `
CREATE TABLE sites (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  customer    TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  technician  TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  is_default  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX sites_one_default ON sites (is_default) WHERE is_default = 1;

ALTER TABLE devices ADD COLUMN site_id TEXT REFERENCES sites(id) ON DELETE SET NULL;
ALTER TABLE discovery_jobs ADD COLUMN site_id TEXT REFERENCES sites(id) ON DELETE SET NULL;

CREATE TABLE reports (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  format       TEXT NOT NULL CHECK (format IN ('json', 'csv', 'html', 'pdf')),
  title        TEXT NOT NULL,
  site_id      TEXT REFERENCES sites(id) ON DELETE SET NULL,
  site_name    TEXT NOT NULL,
  range_from   INTEGER NOT NULL,
  range_to     INTEGER NOT NULL,
  filters      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters)),
  status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  error        TEXT,
  size_bytes   INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
);
CREATE INDEX reports_by_created ON reports (created_at);

CREATE TABLE central_target (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  url         TEXT NOT NULL,
  secret      BLOB,
  enabled     INTEGER NOT NULL DEFAULT 1,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE central_sites (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  customer    TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  technician  TEXT NOT NULL DEFAULT '',
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL
);

CREATE TABLE central_uploads (
  upload_id    TEXT PRIMARY KEY,
  site_id      TEXT NOT NULL REFERENCES central_sites(id),
  kind         TEXT NOT NULL CHECK (kind IN ('report', 'discovery', 'inventory')),
  metadata     TEXT NOT NULL CHECK (json_valid(metadata)),
  filename     TEXT NOT NULL,
  mime_type    TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  chunk_size   INTEGER NOT NULL,
  total_chunks INTEGER NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('open', 'complete')),
  created_at   INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX central_uploads_by_site ON central_uploads (site_id, created_at);

CREATE TABLE central_upload_chunks (
  upload_id  TEXT NOT NULL REFERENCES central_uploads(upload_id) ON DELETE CASCADE,
  n          INTEGER NOT NULL,
  data       BLOB NOT NULL,
  PRIMARY KEY (upload_id, n)
) WITHOUT ROWID;
`;
