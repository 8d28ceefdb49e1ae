import { useMemo } from 'react';
import type { DeviceType, DiscoveryHost } from '../../../main/api/discovery.ts';
import { DeviceTypeIcon } from '../../components/device-type-badge.tsx';
import { SearchIcon } from '../../components/icons.tsx';
import { countByType, TYPE_LABELS } from '../../lib/discovery.ts';

interface ResultsToolbarProps {
  hosts: readonly DiscoveryHost[];
  typeFilter: DeviceType | 'all';
  onTypeFilter(type: DeviceType | 'all'): void;
  search: string;
  onSearch(search: string): void;
}

/** Above the results: one toggle per device type found (with its count) and a text filter. */
export function ResultsToolbar({ hosts, typeFilter, onTypeFilter, search, onSearch }: ResultsToolbarProps) {
  const types = useMemo(() => countByType(hosts), [hosts]);
  return (
    <div className="toolbar toolbar-wrap results-toolbar">
      <div className="type-filter" role="group" aria-label="Filter by type">
        <button type="button" className="type-filter-btn" aria-pressed={typeFilter === 'all'} onClick={() => onTypeFilter('all')}>
          All <span className="tab-count">{hosts.length.toLocaleString()}</span>
        </button>
        {types.map(({ type, count }) => (
          <button key={type} type="button" className="type-filter-btn" aria-pressed={typeFilter === type} onClick={() => onTypeFilter(typeFilter === type ? 'all' : (type as DeviceType))}>
            <DeviceTypeIcon type={type} />
            {TYPE_LABELS[type]} <span className="tab-count">{count.toLocaleString()}</span>
          </button>
        ))}
      </div>
      <div className="toolbar-spacer" />
      <div className="search search-small">
        <SearchIcon className="search-icon" />
        <input type="search" placeholder="Filter address, name, vendor" aria-label="Filter results" value={search} onChange={(e) => onSearch(e.target.value)} />
      </div>
    </div>
  );
}
