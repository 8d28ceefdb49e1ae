/**
 * Schema 13: discovery_jobs.owner_instance, the random id of the engine instance that runs a job.
 * A 'running' job whose owner is neither this engine nor the holder of the data directory's lock
 * (main/store/engine-lock.ts) has no engine left and is marked 'interrupted'. It replaces
 * `owner_pid` for that decision (kept for messages): a zombie or a reused PID looks alive.
 */
export default `
ALTER TABLE discovery_jobs ADD COLUMN owner_instance TEXT;
`;
