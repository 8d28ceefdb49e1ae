import { describeTargets, METHOD_LABELS } from '../../lib/discovery.ts';
import { formatTime } from '../../lib/format.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { ExportActions } from './export-actions.tsx';
import { JobStatusBadge } from './job-status-badge.tsx';
import type { Notice } from './notice.tsx';

/** The open scan's title (targets, status, options) and its actions: cancel, export, close. */
export function JobHeader({ onNotice }: { onNotice(notice: Notice): void }) {
  const job = useDiscoveryStore((s) => s.current?.job);
  const cancel = useDiscoveryStore((s) => s.cancel);
  const close = useDiscoveryStore((s) => s.close);
  const ready = useConnectionStore((s) => s.status === 'ready');
  const running = job?.status === 'running';
  return (
    <div className="card-header job-head">
      <div className="job-title-block">
        <h2 id="job-title" className="card-title">
          Scan of <span className="mono">{job ? describeTargets(job.options.targets, 3) : '…'}</span>
        </h2>
        {job ? (
          <p className="card-subtitle">
            <JobStatusBadge job={job} /> Started {formatTime(job.createdAt)}
            {job.options.exclusions.length ? ` · excluding ${describeTargets(job.options.exclusions)}` : ''} · {job.options.methods.map((m) => METHOD_LABELS[m]).join(', ')} · {job.options.ratePps} pps{job.options.adaptiveRate === true ? ' (adaptive)' : job.options.adaptiveRate === false ? ' (fixed)' : ''}
          </p>
        ) : null}
      </div>
      <div className="job-actions">
        {running ? (
          <button
            type="button"
            className="btn btn-danger-outline"
            onClick={() => void cancel().then((message) => message && onNotice({ tone: 'error', text: `Could not cancel the scan: ${message}` }))}
            disabled={!ready}
          >
            Cancel scan
          </button>
        ) : null}
        <ExportActions onNotice={onNotice} />
        {!running ? (
          <button type="button" className="btn btn-small btn-ghost" onClick={close} aria-label="Close these results">
            Close
          </button>
        ) : null}
      </div>
    </div>
  );
}
