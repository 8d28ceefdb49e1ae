import { formatEta, percentDone, PHASE_LABELS } from '../../lib/discovery.ts';
import { formatDuration, plural } from '../../lib/format.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';

/** The open scan's progress bar and counters; the only part of the panel each progress event re-renders besides the header. */
export function ScanProgress() {
  const job = useDiscoveryStore((s) => s.current?.job);
  const p = useDiscoveryStore((s) => s.current?.progress);
  if (!job) return null;
  const total = p?.total ?? job.total;
  const done = p?.done ?? job.done;
  const pct = job.status === 'finished' ? 100 : percentDone(done, total);
  const runningNow = job.status === 'running';
  const elapsedSec = job.finishedAt ? (job.finishedAt - job.createdAt) / 1000 : p ? p.elapsedMs / 1000 : null;
  return (
    <div className="job-progress">
      <div
        className={`progress${runningNow ? ' progress-live' : ''} progress-${job.status}`}
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        aria-valuetext={`${done.toLocaleString()} of ${plural(total, 'address', 'addresses')} checked`}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <dl className="job-stats" aria-label="Scan counters">
        <div>
          <dt>Checked</dt>
          <dd>
            {done.toLocaleString()} / {total.toLocaleString()}
          </dd>
        </div>
        <div>
          <dt>Alive</dt>
          <dd>{(p?.alive ?? job.alive).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Classified</dt>
          <dd>{(p?.classified ?? job.classified).toLocaleString()}</dd>
        </div>
        {runningNow ? (
          <>
            <div>
              <dt>Rate</dt>
              <dd>{p ? `${Math.round(p.rate).toLocaleString()} pps` : '—'}</dd>
            </div>
            <div>
              <dt>Time left</dt>
              <dd>{formatEta(p?.etaSec)}</dd>
            </div>
            <div>
              <dt>Phase</dt>
              <dd>{PHASE_LABELS[p?.phase ?? job.phase]}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>Took</dt>
            <dd>{elapsedSec !== null ? formatDuration(elapsedSec) : '—'}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
