import type { DiscoveryJob } from '../../main/api/discovery.ts';
import { describeTargets, percentDone, STATUS_LABELS } from '../lib/discovery.ts';
import { formatAgo, plural } from '../lib/format.ts';

const STATUS_CLASS: Record<DiscoveryJob['status'], string> = { running: 'badge-info', finished: 'badge-ok', cancelled: 'badge-muted', interrupted: 'badge-warn', failed: 'badge-down' };

/** The dashboard's card of the latest discovery jobs; a click opens the job on the Discovery page. */
export function RecentScans({ jobs, loaded, error, onOpen }: { jobs: DiscoveryJob[]; loaded: boolean; error?: string | undefined; onOpen(jobId: string): void }) {
  return (
    <section className="card card-compact recent-scans" aria-labelledby="dash-scans-title">
      <div className="card-header">
        <h3 id="dash-scans-title" className="card-title">
          Recent discovery scans
        </h3>
        <a href="#/discovery">Discovery</a>
      </div>
      {error ? (
        <p className="card-empty">Could not load the scans: {error}</p>
      ) : !loaded ? (
        <p className="card-empty">Loading…</p>
      ) : jobs.length === 0 ? (
        <p className="card-empty">No scans yet. Sweep the customer’s subnets from Discovery to build the inventory.</p>
      ) : (
        <div className="card-table">
          <table className="table" aria-label="Recent discovery scans">
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td className="cell-strong mono job-targets">
                    <a className="row-link" href="#/discovery" onClick={() => onOpen(j.id)} title={j.options.targets.join(', ')}>
                      {describeTargets(j.options.targets, 1)}
                    </a>
                  </td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[j.status]}`} title={j.error ?? undefined}>
                      {j.status === 'running' ? `Running · ${Math.floor(percentDone(j.done, j.total))} %` : STATUS_LABELS[j.status]}
                    </span>
                  </td>
                  <td className="num">{plural(j.alive, 'host')}</td>
                  <td className="cell-muted">{formatAgo(j.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
