/**
 * Schema 2: the metrics store. A series is a metric name plus canonical labels (JSON with sorted
 * keys) mapped to a small integer id, so every sample row is (series_id, ts, value) in a
 * WITHOUT ROWID table clustered by series and time. Rollups keep min/avg/max/count per bucket
 * (5 min and 1 h); `metric_rollup_state` remembers up to where each rollup is complete.
 * Samples have no foreign key to series: checking one on every insert costs write throughput,
 * and the metrics store deletes a series' samples itself.
 */
export default `
CREATE TABLE metric_series (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  labels     TEXT NOT NULL CHECK (json_valid(labels)),
  -- labels.device, kept as a column so a device's series are found by index.
  device_id  TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (name, labels)
);
CREATE INDEX metric_series_by_device ON metric_series(device_id, name);

-- ts: milliseconds since the Unix epoch.
CREATE TABLE metric_samples (
  series_id INTEGER NOT NULL,
  ts        INTEGER NOT NULL,
  value     REAL NOT NULL,
  PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

-- ts: start of the 5-minute bucket.
CREATE TABLE metric_rollup_5m (
  series_id INTEGER NOT NULL,
  ts        INTEGER NOT NULL,
  min       REAL NOT NULL,
  avg       REAL NOT NULL,
  max       REAL NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

-- ts: start of the 1-hour bucket.
CREATE TABLE metric_rollup_1h (
  series_id INTEGER NOT NULL,
  ts        INTEGER NOT NULL,
  min       REAL NOT NULL,
  avg       REAL NOT NULL,
  max       REAL NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

-- Every bucket starting before done_until is rolled up; late samples lower it again.
CREATE TABLE metric_rollup_state (
  resolution TEXT PRIMARY KEY CHECK (resolution IN ('5m', '1h')),
  done_until INTEGER NOT NULL
) WITHOUT ROWID;
`;
