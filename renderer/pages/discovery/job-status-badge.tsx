import type { DiscoveryJob } from '../../../main/api/discovery.ts';
import { STATUS_LABELS } from '../../lib/discovery.ts';

const STATUS_CLASS: Record<DiscoveryJob['status'], string> = { running: 'badge-info', finished: 'badge-ok', cancelled: 'badge-muted', interrupted: 'badge-warn', failed: 'badge-down' };

/** A scan's status as a badge; a running scan's dot pulses, a failed one tells why on hover. */
export function JobStatusBadge({ job }: { job: DiscoveryJob }) {
  return (
    <span className={`badge ${STATUS_CLASS[job.status]}`} title={job.error ?? undefined}>
      {job.status === 'running' ? <span className="badge-dot badge-pulse" aria-hidden="true" /> : null}
      {STATUS_LABELS[job.status]}
    </span>
  );
}
