import { useEffect } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { FirstRunGuide } from '../../components/first-run-guide.tsx';
import { DiscoveryIcon, PlugOffIcon } from '../../components/icons.tsx';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { JobPanel } from './job-panel.tsx';
import { PastScans } from './past-scans.tsx';
import { ScanForm } from './scan-form.tsx';

/** Discovery: sweep subnets, watch hosts appear and get classified, add them to monitoring. */
export function DiscoveryPage() {
  const currentId = useDiscoveryStore((s) => s.current?.jobId);
  const jobsLoaded = useDiscoveryStore((s) => s.jobsLoaded);
  const runningJobId = useDiscoveryStore((s) => s.jobs.find((j) => j.status === 'running')?.id);
  const loadJobs = useDiscoveryStore((s) => s.loadJobs);
  const open = useDiscoveryStore((s) => s.open);
  const status = useConnectionStore((s) => s.status);

  useEffect(() => {
    if (status === 'ready') void loadJobs();
  }, [status, loadJobs]);

  // Coming back to the page: show the scan that is still running, if any.
  useEffect(() => {
    if (!currentId && jobsLoaded && runningJobId) void open(runningJobId);
  }, [currentId, jobsLoaded, runningJobId, open]);

  return (
    <div className="page">
      {status === 'disconnected' && !jobsLoaded ? (
        <EmptyState icon={<PlugOffIcon />} title="No connection to the engine">
          <p>Scans can start as soon as WARD FLUX reaches its engine again.</p>
        </EmptyState>
      ) : (
        <>
          <FirstRunGuide where="discovery" />
          <div className="discovery-top">
            <ScanForm />
            <PastScans />
          </div>
          {currentId ? (
            <JobPanel key={currentId} />
          ) : (
            <section className="card" aria-label="Scan results">
              <EmptyState
                icon={<DiscoveryIcon />}
                title="No scan open"
                action={
                  <button type="button" className="btn" onClick={() => document.querySelector<HTMLElement>('form[aria-label="New scan"] textarea')?.focus()}>
                    Type the subnets to scan
                  </button>
                }
              >
                <p>Type the customer’s subnets above and start a scan: live hosts appear here as they answer, classified as routers, switches, servers, printers… Open a past scan to see its results again.</p>
              </EmptyState>
            </section>
          )}
        </>
      )}
    </div>
  );
}
