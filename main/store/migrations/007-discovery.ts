/**
 * Schema 7: discovery jobs and their results.
 * - discovery_jobs: one row per sweep; `options` is the validated input (credential ids, never
 *   secrets); `target_key` (targets + exclusions, normalised) finds the previous job on the same
 *   targets for the diff; `owner_pid` lets a restarted engine tell a job whose process died
 *   (SIGKILL, crash) from one another live process is still running: the former is 'interrupted'.
 * - discovery_results: one row per host found, keyed by (job, address), the host as JSON (the
 *   contract's DiscoveryHost) plus the columns results are filtered and sorted by.
 */
export default `
CREATE TABLE discovery_jobs (
  id           TEXT PRIMARY KEY,
  status       TEXT NOT NULL CHECK (status IN ('running', 'finished', 'cancelled', 'interrupted', 'failed')),
  phase        TEXT NOT NULL DEFAULT 'sweep',
  options      TEXT NOT NULL CHECK (json_valid(options)),
  target_key   TEXT NOT NULL,
  ad_hoc_credentials INTEGER NOT NULL DEFAULT 0,
  owner_pid    INTEGER,
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  total        INTEGER NOT NULL DEFAULT 0,
  done         INTEGER NOT NULL DEFAULT 0,
  alive        INTEGER NOT NULL DEFAULT 0,
  classified   INTEGER NOT NULL DEFAULT 0,
  packets      INTEGER NOT NULL DEFAULT 0,
  error        TEXT
);
CREATE INDEX discovery_jobs_by_target ON discovery_jobs (target_key, created_at);
CREATE INDEX discovery_jobs_by_created ON discovery_jobs (created_at);

CREATE TABLE discovery_results (
  job_id       TEXT NOT NULL REFERENCES discovery_jobs(id) ON DELETE CASCADE,
  address      TEXT NOT NULL,
  sort_key     TEXT NOT NULL,
  type         TEXT NOT NULL,
  host         TEXT NOT NULL CHECK (json_valid(host)),
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (job_id, address)
) WITHOUT ROWID;
CREATE INDEX discovery_results_by_sort ON discovery_results (job_id, sort_key);
`;
