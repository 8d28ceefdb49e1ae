import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DeviceZabbixView } from '../../main/api/devices.ts';
import { StateBadge } from '../components/badges.tsx';
import { Banner } from '../components/banner.tsx';
import { SearchIcon } from '../components/icons.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { useNow } from '../components/use-now.ts';
import { formatAgo, formatTime, plural } from '../lib/format.ts';
import { chartUnit, formatAge, formatItemValue, isNumericItem, MATCH_LABELS, ZABBIX_SEVERITY_LABELS } from '../lib/zabbix-view.ts';
import { useDeviceDetailStore } from '../stores/device-detail-store.ts';
import { useZabbixItemsStore } from '../stores/zabbix-items-store.ts';
import { useZabbixStore } from '../stores/zabbix-store.ts';
import { RangePicker } from './range-picker.tsx';

/** What Zabbix says about this device: its host, how it was matched, its status and problems, when it was read. */
export function ZabbixHostCard({ view }: { view: DeviceZabbixView }) {
  const stale = useZabbixStore((s) => s.status?.stale ?? false);
  const now = useNow(15_000);
  const ageSec = Math.max(0, Math.round((now - view.seenAt) / 1000));
  return (
    <section className="card" aria-labelledby="zabbix-host-title">
      <div className="card-header">
        <h3 id="zabbix-host-title" className="card-title">
          Zabbix
        </h3>
        {stale ? <span className="stale-note">Zabbix unreachable: last read {formatAge(ageSec)} ago</span> : null}
      </div>
      <dl className="identity">
        <div>
          <dt>Host</dt>
          <dd className="mono">{view.host}</dd>
        </div>
        <div>
          <dt>Visible name</dt>
          <dd>{view.name}</dd>
        </div>
        <div>
          <dt>Matched by</dt>
          <dd>{MATCH_LABELS[view.matchedBy]}</dd>
        </div>
        <div>
          <dt>Zabbix status</dt>
          <dd>
            <StateBadge state={view.status} />
          </dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd>{view.problems === 0 ? 'None' : `${plural(view.problems, 'problem')}, worst ${view.worstSeverity === null ? 'unknown' : ZABBIX_SEVERITY_LABELS[view.worstSeverity]}`}</dd>
        </div>
        <div>
          <dt>Last read</dt>
          <dd title={formatTime(view.seenAt)} className={stale ? 'stale-note' : undefined}>
            {formatAge(ageSec)} ago
          </dd>
        </div>
        <div>
          <dt>Host id</dt>
          <dd className="mono">{view.hostId}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The graph of the Zabbix item picked in the table, over the page's time range. */
function ItemGraph() {
  const { itemId, items, graph, graphLoading, graphError, loadGraph, select } = useZabbixItemsStore();
  const range = useDeviceDetailStore((s) => s.range);
  const [width, setWidth] = useState(600);
  const onWidth = useCallback((w: number) => setWidth((prev) => (Math.abs(prev - w) < 40 ? prev : w)), []);
  useEffect(() => {
    if (itemId) void loadGraph(range, width - 70);
  }, [itemId, range, width, loadGraph]);
  if (!itemId) return null;
  const item = items.find((i) => i.itemId === itemId);
  const title = graph?.name ?? item?.name ?? 'Item';
  const units = graph?.units ?? item?.units ?? '';
  return (
    <div className="stack">
      <div className="toolbar toolbar-wrap">
        <h4 className="section-title">{title}</h4>
        {graph?.source === 'trends' ? <span className="muted">hourly trends</span> : null}
        <div className="toolbar-spacer" />
        {graphLoading ? (
          <span className="muted" role="status">
            Loading…
          </span>
        ) : null}
        <RangePicker />
        <button type="button" className="btn btn-small btn-ghost" onClick={() => select(undefined)}>
          Close graph
        </button>
      </div>
      {graphError ? <Banner tone="error">Could not load the history of {title}: {graphError}</Banner> : null}
      <TimeChart
        title={`Zabbix: ${title}`}
        unit={chartUnit(units)}
        series={graph ? [{ key: `z${graph.itemId}`, label: title, points: graph.points }] : []}
        from={range.from}
        to={range.to}
        onWidth={onWidth}
        band={graph?.source === 'trends'}
        emptyText={graphLoading ? 'Loading…' : 'Zabbix has no values of this item in this time range.'}
      />
    </div>
  );
}

/** The items of the device's Zabbix host with their last values; a numeric item's name opens its graph. */
export function ZabbixItemsCard({ deviceId }: { deviceId: string }) {
  const { items, loaded, freshness, error, open, close, select, itemId } = useZabbixItemsStore();
  const [search, setSearch] = useState('');
  const now = useNow(15_000);
  useEffect(() => {
    void open(deviceId);
    return () => close();
  }, [deviceId, open, close]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? items.filter((i) => i.name.toLowerCase().includes(q) || i.key.toLowerCase().includes(q)) : items;
  }, [items, search]);

  let body;
  if (!loaded) {
    body = (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading the Zabbix items…
      </div>
    );
  } else if (items.length === 0) {
    body = <p className="card-empty">{error ? '' : 'This Zabbix host has no items.'}</p>;
  } else {
    body = (
      <div className="card-table table-wrap-plain">
        <table className="table" aria-label="Zabbix items">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Last value
              </th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.itemId} aria-selected={item.itemId === itemId} className={item.itemId === itemId ? 'row-selected' : undefined}>
                <td className="cell-strong">
                  {isNumericItem(item) ? (
                    <button type="button" className="link-button" onClick={() => select(item.itemId)} title="Show the graph of this item">
                      {item.name}
                    </button>
                  ) : (
                    item.name
                  )}
                  <span className="muted mono"> · {item.key}</span>
                  {!item.enabled ? <span className="muted"> · disabled</span> : !item.supported ? <span className="muted"> · not supported</span> : null}
                </td>
                <td className="num">{formatItemValue(item)}</td>
                <td className="cell-muted" title={formatTime(item.lastClock)}>
                  {formatAgo(item.lastClock, now)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="card-empty">No item matches “{search}”.</p> : null}
      </div>
    );
  }

  return (
    <section className="card card-compact" aria-labelledby="zabbix-items-title">
      <div className="card-header">
        <h3 id="zabbix-items-title" className="card-title">
          Zabbix items
        </h3>
        <span className="muted">{loaded && items.length > 0 ? (search ? `${shown.length} of ${plural(items.length, 'item')}` : plural(items.length, 'item')) : ''}</span>
        <div className="toolbar-spacer" />
        <div className="search search-small">
          <SearchIcon className="search-icon" />
          <input type="search" placeholder="Search items" aria-label="Search Zabbix items" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      {error ? <Banner tone="error">Could not read the Zabbix items: {error}</Banner> : null}
      {freshness?.stale ? (
        <Banner tone="warning">
          Zabbix unreachable: these values are from {formatAge(freshness.ageSec)} ago{freshness.error ? ` (${freshness.error})` : ''}.
        </Banner>
      ) : null}
      {itemId ? (
        <div className="card-body">
          <ItemGraph />
        </div>
      ) : null}
      {body}
    </section>
  );
}
