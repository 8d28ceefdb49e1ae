/**
 * Schema 8: VictoriaMetrics sync (main/sync/). One target (`sync_target`, row id 1): where to
 * push, how to authenticate (the secret sealed with the data key), extra labels, and where the
 * push stands: backfill cursor over metric_samples, the last batch VictoriaMetrics confirmed,
 * the last success and error. `sync_batches` is the durable queue: the metrics writer adds one
 * row per flush, in the flush's own transaction, holding that flush's samples packed (20 bytes a
 * sample); a row is deleted only after VictoriaMetrics confirmed it, or kept as `dead` with the
 * reason when it was rejected.
 */
export default `
CREATE TABLE sync_target (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  url             TEXT NOT NULL,
  auth_method     TEXT NOT NULL CHECK (auth_method IN ('none', 'basic', 'bearer')),
  username        TEXT NOT NULL DEFAULT '',
  secret          BLOB,
  has_password    INTEGER NOT NULL DEFAULT 0,
  has_token       INTEGER NOT NULL DEFAULT 0,
  extra_labels    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra_labels)),
  enabled         INTEGER NOT NULL DEFAULT 1,
  updated_at      INTEGER NOT NULL,
  -- Backfill of history already in metric_samples: next (series_id, ts) after this cursor, for
  -- ts in [backfill_from, backfill_to]; backfill_done once the scan reached the end.
  backfill_series INTEGER NOT NULL DEFAULT -1,
  backfill_ts     INTEGER NOT NULL DEFAULT -1,
  backfill_from   INTEGER NOT NULL DEFAULT 0,
  backfill_to     INTEGER NOT NULL DEFAULT 0,
  backfill_done   INTEGER NOT NULL DEFAULT 0,
  -- When the target was disabled (a re-enable backfills from there).
  paused_at       INTEGER,
  -- Highest batch id VictoriaMetrics confirmed (the watermark), and push history.
  pushed_batch    INTEGER NOT NULL DEFAULT 0,
  pushed_samples  INTEGER NOT NULL DEFAULT 0,
  rejected_samples INTEGER NOT NULL DEFAULT 0,
  last_rejection  TEXT,
  last_success_at INTEGER,
  last_error      TEXT,
  last_error_at   INTEGER,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  -- Newest sample timestamp confirmed by VictoriaMetrics (for the lag).
  pushed_until_ts INTEGER
);

CREATE TABLE sync_batches (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,
  count      INTEGER NOT NULL,
  min_ts     INTEGER NOT NULL,
  max_ts     INTEGER NOT NULL,
  -- count x (uint32 series id, float64 ts, float64 value), little-endian.
  data       BLOB NOT NULL,
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
  error      TEXT
);
CREATE INDEX sync_batches_state ON sync_batches (state, id);
`;
