/**
 * The discovery-changes report's scan picks ("from" and "to" job ids, both optional): checked
 * when the report is requested, so a wrong pick is a field error at once, not a failed report.
 */
import type { ReportGenerateInput } from '../api/reports.ts';
import { ValidationError } from '../errors.ts';
import type { Db } from '../store/database.ts';

interface JobRow {
  at: number;
  status: string;
}

/** Throws a ValidationError naming the field when a picked scan is unknown, still running, or "from" is not older than "to". */
export function checkScanPicks(db: Db, input: Pick<ReportGenerateInput, 'kind' | 'fromJobId' | 'toJobId'>): void {
  if (input.kind !== 'discovery-diff') return;
  const read = db.prepare<[string], JobRow>('SELECT created_at AS at, status FROM discovery_jobs WHERE id = ?');
  const jobs: Partial<Record<'fromJobId' | 'toJobId', JobRow>> = {};
  for (const key of ['fromJobId', 'toJobId'] as const) {
    const id = input[key];
    if (id === undefined) continue;
    const job = read.get(id);
    if (!job) throw new ValidationError(`Unknown scan ${id}`, [{ path: key, message: 'No such scan' }]);
    if (job.status === 'running') throw new ValidationError(`Scan ${id} is still running`, [{ path: key, message: 'That scan is still running' }]);
    jobs[key] = job;
  }
  if (jobs.fromJobId && jobs.toJobId && jobs.fromJobId.at >= jobs.toJobId.at) {
    throw new ValidationError('The scan to compare with must be older than the scan reported on', [{ path: 'fromJobId', message: 'Pick a scan older than the "to" scan' }]);
  }
}
