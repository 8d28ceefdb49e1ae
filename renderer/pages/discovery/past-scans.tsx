import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/banner.tsx';
import { describeTargets } from '../../lib/discovery.ts';
import { formatAgo, plural } from '../../lib/format.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { JobStatusBadge } from './job-status-badge.tsx';

/** The history of scans, newest first; a click opens one's results under the form. */
export function PastScans() {
  const { jobs, jobsTotal, jobsLoaded, jobsError } = useDiscoveryStore(useShallow((s) => ({ jobs: s.jobs, jobsTotal: s.jobsTotal, jobsLoaded: s.jobsLoaded, jobsError: s.jobsError })));
  const loadJobs = useDiscoveryStore((s) => s.loadJobs);
  const open = useDiscoveryStore((s) => s.open);
  const currentId = useDiscoveryStore((s) => s.current?.jobId);
  return (
    <section className="card history" aria-labelledby="history-title">
      <div className="card-header">
        <h2 id="history-title" className="card-title">
          Past scans
        </h2>
        <span className="muted">{jobsLoaded && jobsTotal > jobs.length ? `latest ${jobs.length} of ${jobsTotal}` : ''}</span>
      </div>
      {jobsError ? (
        <div className="card-body">
          <Banner
            tone="error"
            action={
              <button type="button" className="btn btn-small" onClick={() => void loadJobs()}>
                Retry
              </button>
            }
          >
            Could not load past scans: {jobsError}
          </Banner>
        </div>
      ) : null}
      {!jobsLoaded && !jobsError ? (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading…
        </div>
      ) : jobsLoaded && jobs.length === 0 ? (
        <p className="card-empty">No scans yet. Results of every scan are kept here.</p>
      ) : (
        <ul className="job-list" aria-label="Past scans">
          {jobs.map((j) => (
            <li key={j.id}>
              <button type="button" className="job-item" aria-current={j.id === currentId ? 'true' : undefined} onClick={() => void open(j.id)}>
                <span className="job-item-targets mono">{describeTargets(j.options.targets)}</span>
                <span className="job-item-meta">
                  <JobStatusBadge job={j} />
                  <span>{plural(j.alive, 'host')}</span>
                  <span className="muted">{formatAgo(j.createdAt)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
