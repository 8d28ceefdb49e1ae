/**
 * Schema 20: the L2 snapshots a discovery job read (switches and routers of the scan, before any
 * of them is a device): one JSON document per (job, address), gone with the job. "Add to
 * monitoring" copies a host's snapshot to the device (l2_snapshots, schema 17); the site map of a
 * scan reads them directly.
 */
export default `
CREATE TABLE l2_scan_snapshots (
  job_id  TEXT NOT NULL REFERENCES discovery_jobs(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  read_at INTEGER NOT NULL,
  data    TEXT NOT NULL CHECK (json_valid(data)),
  PRIMARY KEY (job_id, address)
);
`;
