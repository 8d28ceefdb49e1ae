import { memo, type MouseEvent } from 'react';
import { EditDeleteCell } from '../components/row-action-buttons.tsx';
import type { DeviceStats, MonitoredDevice } from '../../main/api/devices.ts';
import { SelectAllHeader } from '../components/select-all-checkbox.tsx';
import { useRowKeyboard, useRowSelection } from '../components/use-table-rows.ts';
import { SourceBadge, StateBadge } from '../components/badges.tsx';
import { DeviceTypeBadge } from '../components/device-type-badge.tsx';
import { useVirtualRows } from '../components/use-virtual-rows.ts';
import { statusOrigin, type MonitoringMode } from '../lib/zabbix-view.ts';
import { noteExcerpt } from '../lib/device-notes.ts';
import { formatAgo, formatDuration, formatMs, formatPct } from '../lib/format.ts';
import { useNow } from '../components/use-now.ts';
import { useCan } from '../stores/session-store.ts';
import { usePhone } from '../components/use-phone.ts';
import type { SortColumn } from '../stores/devices-store.ts';

export const ROW_HEIGHT = 38;
/** On a phone a row is two lines (name over address) and a touch target. */
export const PHONE_ROW_HEIGHT = 52;
const HEADER_HEIGHT = 35;
const COLUMNS = 16;

interface DeviceTableProps {
  devices: MonitoredDevice[];
  /** Latency, loss, uptime and open alerts by device id. */
  stats: ReadonlyMap<string, DeviceStats>;
  /** The monitoring mode: in hybrid mode the status badge says whose verdict it is. */
  mode: MonitoringMode | undefined;
  credentialNames: ReadonlyMap<string, string>;
  sort: { column: SortColumn; dir: 'asc' | 'desc' };
  onSort(column: SortColumn): void;
  selected: ReadonlySet<string>;
  onSelect(selected: ReadonlySet<string>): void;
  onEdit(device: MonitoredDevice): void;
  onDelete(device: MonitoredDevice): void;
}

function SortHeader({ column, label, sort, onSort, className }: { column: SortColumn; label: string; sort: DeviceTableProps['sort']; onSort(c: SortColumn): void; className?: string }) {
  const active = sort.column === column;
  return (
    <th scope="col" className={className} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="th-sort" onClick={() => onSort(column)}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

interface RowProps {
  device: MonitoredDevice;
  index: number;
  mode: MonitoringMode | undefined;
  checked: boolean;
  snmp: string;
  stats: DeviceStats | undefined;
  /** The clock "last seen" is measured against (ticks every few seconds). */
  now: number;
  onCheck(index: number, device: MonitoredDevice, event: MouseEvent<HTMLInputElement>): void;
  onEdit(device: MonitoredDevice): void;
  onDelete(device: MonitoredDevice): void;
}

/** One row; memoised so scrolling re-renders only the rows that come into view. */
const NONE = <span className="muted">—</span>;

/** Loss over the window: red from 10 % (the default loss rule), amber under it. */
function lossTone(pct: number): string | undefined {
  if (pct >= 10) return 'result-bad';
  return pct > 0 ? 'result-warn' : undefined;
}

const DeviceRow = memo(function DeviceRow({ device, index, mode, checked, snmp, stats, now, onCheck, onEdit, onDelete }: RowProps) {
  const loss = stats?.lossPct ?? null;
  const mayEdit = useCan('devices.update');
  const mayDelete = useCan('devices.delete');
  return (
    <tr data-index={index} aria-rowindex={index + 2} aria-selected={checked} className={checked ? 'row-selected' : undefined}>
      <td className="col-check">
        <input type="checkbox" checked={checked} onClick={(e) => onCheck(index, device, e)} onChange={() => {}} aria-label={`Select ${device.name}`} />
      </td>
      <td className="col-status">{device.enabled ? <StateBadge state={device.status} origin={statusOrigin(device, mode)} /> : <span className="badge badge-muted">Disabled</span>}</td>
      <td className="cell-strong cell-name" title={device.name}>
        <a href={`#/devices/${device.id}`} className="row-link">
          {device.name}
        </a>
        <span className="phone-only cell-sub mono">{device.address}</span>
      </td>
      <td className="mono col-address">{device.address}</td>
      <td className="num col-rtt">{stats?.rttMs != null ? formatMs(stats.rttMs) : NONE}</td>
      <td className={`num col-loss ${loss !== null ? (lossTone(loss) ?? '') : ''}`}>{loss !== null ? formatPct(loss) : NONE}</td>
      <td className="num col-uptime">{stats?.uptimeSec != null ? formatDuration(stats.uptimeSec) : NONE}</td>
      <td className="col-seen" title={device.lastSeen ? new Date(device.lastSeen).toLocaleString() : undefined}>
        {device.lastSeen ? formatAgo(device.lastSeen, now) : NONE}
      </td>
      <td className="num col-alerts">
        {stats && stats.openAlerts > 0 ? (
          <a className="badge badge-down badge-tight" href="#/alerts" title="Open alerts on this device">
            {stats.openAlerts}
          </a>
        ) : (
          NONE
        )}
      </td>
      <td className="col-source">
        <SourceBadge source={device.source} />
      </td>
      <td className="col-type">
        <DeviceTypeBadge type={device.type} />
      </td>
      <td className="cell-vendor col-vendor" title={[device.vendor, device.model].filter(Boolean).join(' ') || undefined}>
        {device.vendor ?? <span className="muted">—</span>}
      </td>
      <td className="col-tags">
        {device.tags.length > 0 ? (
          <ul className="chips" aria-label={`Tags of ${device.name}`}>
            {device.tags.map((tag) => (
              <li key={tag} className="chip">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="cell-muted cell-snmp col-snmp">{snmp}</td>
      <td className="cell-notes col-notes" title={device.notes || undefined}>
        {device.notes ? noteExcerpt(device.notes) : <span className="muted">—</span>}
      </td>
      <EditDeleteCell editLabel={`Edit ${device.name}`} deleteLabel={`Delete ${device.name}`} onEdit={() => onEdit(device)} onDelete={() => onDelete(device)} editDenied={mayEdit.reason} deleteDenied={mayDelete.reason} />
    </tr>
  );
});

/**
 * The devices, one row each, dense like a network tool's table. Windowed: only the rows in view
 * are in the DOM, so 10,000 devices scroll like 10. Arrow keys move between rows.
 */
const deviceKey = (device: MonitoredDevice): string => device.id;

export function DeviceTable({ devices, stats, mode, credentialNames, sort, onSort, selected, onSelect, onEdit, onDelete }: DeviceTableProps) {
  const phone = usePhone();
  const { container: scroller, start, end, padTop, padBottom, scrollToIndex } = useVirtualRows(devices.length, phone ? PHONE_ROW_HEIGHT : ROW_HEIGHT, HEADER_HEIGHT);
  const onCheck = useRowSelection(devices, deviceKey, selected, onSelect);
  const now = useNow(15_000);

  const onKeyDown = useRowKeyboard(scroller, devices.length, scrollToIndex, 15);

  return (
    <div className="table-wrap table-virtual" ref={scroller} tabIndex={-1} onKeyDown={onKeyDown}>
      <table className="table table-fixed-rows" aria-label="Devices" aria-rowcount={devices.length + 1} aria-multiselectable="true">
        <thead>
          <tr aria-rowindex={1}>
            <SelectAllHeader rows={devices} keyOf={deviceKey} selected={selected} onSelect={onSelect} noun="devices" />
            <SortHeader column="state" label="Status" sort={sort} onSort={onSort} className={mode === 'hybrid' ? 'col-status col-status-wide' : 'col-status'} />
            <SortHeader column="name" label="Name" sort={sort} onSort={onSort} />
            <SortHeader column="address" label="Address" sort={sort} onSort={onSort} className="col-address" />
            <SortHeader column="rtt" label="Latency" sort={sort} onSort={onSort} className="num col-rtt" />
            <SortHeader column="loss" label="Loss 5 min" sort={sort} onSort={onSort} className="num col-loss" />
            <SortHeader column="uptime" label="Uptime" sort={sort} onSort={onSort} className="num col-uptime" />
            <SortHeader column="lastSeen" label="Last seen" sort={sort} onSort={onSort} className="col-seen" />
            <SortHeader column="alerts" label="Alerts" sort={sort} onSort={onSort} className="num col-alerts" />
            <SortHeader column="source" label="Source" sort={sort} onSort={onSort} className="col-source" />
            <SortHeader column="type" label="Type" sort={sort} onSort={onSort} className="col-type" />
            <SortHeader column="vendor" label="Vendor" sort={sort} onSort={onSort} className="col-vendor" />
            <SortHeader column="tags" label="Tags" sort={sort} onSort={onSort} className="col-tags" />
            <th scope="col" className="col-snmp">
              SNMP
            </th>
            <th scope="col" className="col-notes">
              Notes
            </th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr className="spacer" aria-hidden="true" style={{ height: padTop }}>
              <td colSpan={COLUMNS} />
            </tr>
          ) : null}
          {devices.slice(start, end).map((device, i) => (
            <DeviceRow
              key={device.id}
              device={device}
              index={start + i}
              mode={mode}
              checked={selected.has(device.id)}
              stats={stats.get(device.id)}
              now={now}
              snmp={device.credentialIds.length > 0 ? device.credentialIds.map((id) => credentialNames.get(id) ?? 'unknown').join(', ') : '—'}
              onCheck={onCheck}
              onEdit={onEdit}
              onDelete={onDelete}
            />
          ))}
          {padBottom > 0 ? (
            <tr className="spacer" aria-hidden="true" style={{ height: padBottom }}>
              <td colSpan={COLUMNS} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
