import { useState } from 'react';
import type { DiscoveryHost } from '../../../main/api/discovery.ts';
import { DiffSummary } from './diff-summary.tsx';
import { HostDetailsDialog } from './host-details-dialog.tsx';
import { JobBanners } from './job-banners.tsx';
import { JobHeader } from './job-header.tsx';
import { JobResults } from './job-results.tsx';
import { NoticeBanner, type Notice } from './notice.tsx';
import { ScanProgress } from './scan-progress.tsx';
import { useAddToMonitoring } from './use-add-to-monitoring.ts';

/**
 * The open scan (mounted once per job id): header, progress, diff, the notice of the last action,
 * the results and a host's details. Holds only this panel's own state; each part subscribes to the
 * store for what it shows.
 */
export function JobPanel() {
  const [notice, setNotice] = useState<Notice>();
  const [details, setDetails] = useState<DiscoveryHost>();
  const { busy, add } = useAddToMonitoring(setNotice);
  return (
    <section className="card job-panel" aria-labelledby="job-title">
      <JobHeader onNotice={setNotice} />
      <div className="card-body">
        <ScanProgress />
        <JobBanners />
        <DiffSummary />
        {notice ? <NoticeBanner notice={notice} onDismiss={() => setNotice(undefined)} /> : null}
        <JobResults busy={busy} onAdd={add} onDetails={setDetails} />
      </div>
      {details ? <HostDetailsDialog host={details} busy={busy} onClose={() => setDetails(undefined)} onAdd={() => void add([details.address]).then(() => setDetails(undefined))} /> : null}
    </section>
  );
}
