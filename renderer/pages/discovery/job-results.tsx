import { useMemo, useState } from 'react';
import type { DiscoveryHost } from '../../../main/api/discovery.ts';
import { Banner } from '../../components/banner.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { SearchIcon } from '../../components/icons.tsx';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { ResultsTable } from './results-table.tsx';
import { ResultsToolbar } from './results-toolbar.tsx';
import { SelectionBar } from './selection-bar.tsx';

const NO_HOSTS: DiscoveryHost[] = [];

interface JobResultsProps {
  busy: boolean;
  onAdd(addresses: string[], push?: boolean, includeSelf?: boolean): Promise<void>;
  onDetails(host: DiscoveryHost): void;
}

/**
 * The open scan's hosts: filtered by type and text, selectable, one row each; or why there are
 * none yet. Subscribes to the hosts, not to the progress counters: a progress event leaves it be.
 */
export function JobResults({ busy, onAdd, onDetails }: JobResultsProps) {
  const hosts = useDiscoveryStore((s) => s.current?.hosts ?? NO_HOSTS);
  const jobId = useDiscoveryStore((s) => s.current?.jobId);
  const loading = useDiscoveryStore((s) => s.current?.loading ?? false);
  const error = useDiscoveryStore((s) => s.current?.error);
  const running = useDiscoveryStore((s) => s.current?.job?.status === 'running');
  const diff = useDiscoveryStore((s) => s.current?.diff);
  const typeFilter = useDiscoveryStore((s) => s.typeFilter);
  const setTypeFilter = useDiscoveryStore((s) => s.setTypeFilter);
  const selected = useDiscoveryStore((s) => s.selected);
  const setSelected = useDiscoveryStore((s) => s.setSelected);
  const [search, setSearch] = useState('');

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return hosts.filter(
      (h) =>
        (typeFilter === 'all' || h.type === typeFilter) &&
        (!q || [h.address, h.name, h.vendor, h.model, h.os, h.sysDescr].some((v) => v?.toLowerCase().includes(q))),
    );
  }, [hosts, typeFilter, search]);
  const newAddresses = useMemo(() => new Set(diff?.previousJobId ? diff.new.map((h) => h.address) : []), [diff]);

  if (error) {
    return (
      <div className="card-body">
        <Banner
          tone="error"
          action={
            <button type="button" className="btn btn-small" onClick={() => void (jobId && useDiscoveryStore.getState().open(jobId))}>
              Retry
            </button>
          }
        >
          Could not load this scan: {error}
        </Banner>
      </div>
    );
  }
  if (loading && hosts.length === 0) {
    return (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading results…
      </div>
    );
  }
  if (hosts.length === 0) {
    return running ? (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Waiting for the first host to answer…
      </div>
    ) : (
      <EmptyState icon={<SearchIcon />} title="No host answered">
        <p>Nothing in these targets answered ping, the TCP ports or ARP. Check the targets, try a longer timeout, or add TCP ports the hosts listen on.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <ResultsToolbar hosts={hosts} typeFilter={typeFilter} onTypeFilter={setTypeFilter} search={search} onSearch={setSearch} />
      <SelectionBar busy={busy} onAdd={onAdd} />
      {shown.length === 0 ? (
        <EmptyState
          icon={<SearchIcon />}
          title="No matching hosts"
          action={
            <button
              type="button"
              className="btn"
              onClick={() => {
                setTypeFilter('all');
                setSearch('');
              }}
            >
              Show all hosts
            </button>
          }
        />
      ) : (
        <ResultsTable hosts={shown} selected={selected} onSelect={setSelected} newAddresses={newAddresses} onDetails={onDetails} />
      )}
    </>
  );
}
