/**
 * Discovery jobs and results in SQLite (schema 7; the evidence round's cost, schema 15). Results are written in batches by the runner
 * (one transaction per flush), so a /16 with thousands of hosts costs a few transactions a
 * second, and a crash loses at most the last flush interval.
 */
import type { DiscoveryHost, DiscoveryJob, DiscoveryJobStatus, DeviceType } from '../../api/discovery.ts';
import { NotFoundError } from '../../errors.ts';
import type { Db } from '../../store/database.ts';

interface JobRow {
  id: string;
  status: DiscoveryJobStatus;
  phase: DiscoveryJob['phase'];
  options: string;
  target_key: string;
  ad_hoc_credentials: number;
  owner_pid: number | null;
  owner_instance: string | null;
  created_at: number;
  finished_at: number | null;
  total: number;
  done: number;
  alive: number;
  classified: number;
  packets: number;
  evidence_stats: string | null;
  error: string | null;
}

export interface JobCounters {
  phase: DiscoveryJob['phase'];
  total: number;
  done: number;
  alive: number;
  classified: number;
  packets: number;
  evidence?: NonNullable<DiscoveryJob['evidence']>;
}

function toJob(r: JobRow): DiscoveryJob {
  return {
    id: r.id,
    status: r.status,
    phase: r.phase,
    options: JSON.parse(r.options) as DiscoveryJob['options'],
    adHocCredentials: r.ad_hoc_credentials,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    total: r.total,
    done: r.done,
    alive: r.alive,
    classified: r.classified,
    packets: r.packets,
    ...(r.evidence_stats ? { evidence: JSON.parse(r.evidence_stats) as NonNullable<DiscoveryJob['evidence']> } : {}),
    error: r.error,
  };
}

/** Sorts IPv4 numerically before IPv6: a fixed-width key. */
export function addressSortKey(address: string): string {
  if (address.includes(':')) return `6:${address}`;
  return `4:${address
    .split('.')
    .map((o) => o.padStart(3, '0'))
    .join('.')}`;
}

export const INTERRUPTED_ERROR = 'The engine stopped while this job was running; the results found until then are kept.';

export function createDiscoveryStore(db: Db) {
  const insertJob = db.prepare(
    `INSERT INTO discovery_jobs (id, status, phase, options, target_key, ad_hoc_credentials, owner_pid, owner_instance, created_at, total)
     VALUES (@id, 'running', 'sweep', @options, @targetKey, @adHoc, @pid, @owner, @now, @total)`,
  );
  const getJob = db.prepare<[string], JobRow>('SELECT * FROM discovery_jobs WHERE id = ?');
  const updateCounters = db.prepare(
    'UPDATE discovery_jobs SET phase = @phase, total = @total, done = @done, alive = @alive, classified = @classified, packets = @packets, evidence_stats = coalesce(@evidence, evidence_stats) WHERE id = @id',
  );
  const finishJob = db.prepare('UPDATE discovery_jobs SET status = @status, phase = @phase, finished_at = @now, error = @error WHERE id = @id');
  const upsertResult = db.prepare(
    `INSERT INTO discovery_results (job_id, address, sort_key, type, host, updated_at) VALUES (@jobId, @address, @sortKey, @type, @host, @now)
     ON CONFLICT (job_id, address) DO UPDATE SET type = excluded.type, host = excluded.host, updated_at = excluded.updated_at`,
  );
  const allResults = db.prepare<[string], { host: string }>('SELECT host FROM discovery_results WHERE job_id = ? ORDER BY sort_key');
  const oneResult = db.prepare<[string, string], { host: string }>('SELECT host FROM discovery_results WHERE job_id = ? AND address = ?');
  const previousJob = db.prepare<[string, number, string], { id: string }>(
    `SELECT id FROM discovery_jobs WHERE target_key = ? AND created_at <= ? AND id != ? AND status != 'running'
     ORDER BY (status = 'finished') DESC, created_at DESC LIMIT 1`,
  );
  const running = db.prepare<[], { id: string; owner_instance: string | null }>("SELECT id, owner_instance FROM discovery_jobs WHERE status = 'running'");
  const ownerOf = db.prepare<[string], { owner_instance: string | null; owner_pid: number | null }>('SELECT owner_instance, owner_pid FROM discovery_jobs WHERE id = ?');

  return {
    /** A new running job, owned by the engine instance `owner` (of this process). */
    create(job: { id: string; options: DiscoveryJob['options']; targetKey: string; adHocCredentials: number; owner: string; now: number; total: number }): DiscoveryJob {
      insertJob.run({ id: job.id, options: JSON.stringify(job.options), targetKey: job.targetKey, adHoc: job.adHocCredentials, pid: process.pid, owner: job.owner, now: job.now, total: job.total });
      return this.get(job.id);
    },

    get(id: string): DiscoveryJob {
      const r = getJob.get(id);
      if (!r) throw new NotFoundError(`No discovery job ${id}; it may have been deleted.`);
      return toJob(r);
    },

    list(limit: number, offset: number): { items: DiscoveryJob[]; total: number } {
      const rows = db.prepare<[number, number], JobRow>('SELECT * FROM discovery_jobs ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?').all(limit, offset);
      const total = (db.prepare('SELECT count(*) AS n FROM discovery_jobs').get() as { n: number }).n;
      return { items: rows.map(toJob), total };
    },

    /** Writes counters and a batch of hosts in one transaction. */
    flush(id: string, counters: JobCounters, hosts: readonly DiscoveryHost[], now: number): void {
      db.transaction(() => {
        const { evidence, ...plain } = counters;
        updateCounters.run({ id, ...plain, evidence: evidence ? JSON.stringify({ ...evidence, totalMs: Math.round(evidence.totalMs * 10) / 10, maxMs: Math.round(evidence.maxMs * 10) / 10 }) : null });
        for (const h of hosts) upsertResult.run({ jobId: id, address: h.address, sortKey: addressSortKey(h.address), type: h.type, host: JSON.stringify(h), now });
      })();
    },

    finish(id: string, status: Exclude<DiscoveryJobStatus, 'running'>, phase: DiscoveryJob['phase'], error: string | null, now: number): DiscoveryJob {
      finishJob.run({ id, status, phase, now, error });
      return this.get(id);
    },

    results(jobId: string, filter: { type?: DeviceType | undefined; search?: string | undefined; limit: number; offset: number }): { items: DiscoveryHost[]; total: number } {
      const where = ['job_id = @jobId'];
      const params: Record<string, unknown> = { jobId };
      if (filter.type) {
        where.push('type = @type');
        params.type = filter.type;
      }
      if (filter.search) {
        where.push(
          "(address LIKE @s ESCAPE '\\' OR json_extract(host, '$.name') LIKE @s ESCAPE '\\' OR json_extract(host, '$.vendor') LIKE @s ESCAPE '\\' OR json_extract(host, '$.model') LIKE @s ESCAPE '\\' OR json_extract(host, '$.sysDescr') LIKE @s ESCAPE '\\')",
        );
        params.s = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const clause = where.join(' AND ');
      const total = (db.prepare(`SELECT count(*) AS n FROM discovery_results WHERE ${clause}`).get(params) as { n: number }).n;
      const rows = db
        .prepare<Record<string, unknown>, { host: string }>(`SELECT host FROM discovery_results WHERE ${clause} ORDER BY sort_key LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: filter.limit, offset: filter.offset });
      return { items: rows.map((r) => JSON.parse(r.host) as DiscoveryHost), total };
    },

    allResults: (jobId: string): DiscoveryHost[] => allResults.all(jobId).map((r) => JSON.parse(r.host) as DiscoveryHost),

    result(jobId: string, address: string): DiscoveryHost | undefined {
      const r = oneResult.get(jobId, address);
      return r ? (JSON.parse(r.host) as DiscoveryHost) : undefined;
    },

    /** The latest earlier job on the same targets (finished ones preferred). */
    previous(job: DiscoveryJob, targetKey: string): string | null {
      return previousJob.get(targetKey, job.createdAt, job.id)?.id ?? null;
    },

    targetKeyOf(id: string): string {
      const r = db.prepare<[string], { target_key: string }>('SELECT target_key FROM discovery_jobs WHERE id = ?').get(id);
      if (!r) throw new NotFoundError(`No discovery job ${id}; it may have been deleted.`);
      return r.target_key;
    },

    /** The engine instance that runs (or ran) a job, and its process id then. */
    owner(id: string): { instance: string | null; pid: number | null } {
      const r = ownerOf.get(id);
      if (!r) throw new NotFoundError(`No discovery job ${id}; it may have been deleted.`);
      return { instance: r.owner_instance, pid: r.owner_pid };
    },

    /**
     * Marks 'running' jobs whose engine instance is not among `live` as interrupted: their engine
     * stopped or died (crash, kill -9) without finishing them. A process id would not do: a zombie
     * or a reused PID looks alive. Returns their ids.
     */
    markInterrupted(live: ReadonlySet<string>, now: number, error = INTERRUPTED_ERROR): string[] {
      const ids = running
        .all()
        .filter((r) => r.owner_instance === null || !live.has(r.owner_instance))
        .map((r) => r.id);
      for (const id of ids) finishJob.run({ id, status: 'interrupted', phase: 'done', now, error });
      return ids;
    },

    /** Marks one job interrupted if it is still 'running' (its engine is gone). */
    interrupt(id: string, now: number, error: string): DiscoveryJob {
      db.prepare("UPDATE discovery_jobs SET status = 'interrupted', phase = 'done', finished_at = @now, error = @error WHERE id = @id AND status = 'running'").run({ id, now, error });
      return this.get(id);
    },
  };
}

export type DiscoveryStore = ReturnType<typeof createDiscoveryStore>;
