import { memo, useCallback, useMemo, useRef, type MouseEvent } from 'react';
import type { DiscoveryHost } from '../../../main/api/discovery.ts';
import { SelectAllHeader } from '../../components/select-all-checkbox.tsx';
import { useRowKeyboard, useRowSelection } from '../../components/use-table-rows.ts';
import { DeviceTypeBadge } from '../../components/device-type-badge.tsx';
import { useVirtualRows } from '../../components/use-virtual-rows.ts';
import { METHOD_LABELS, osText, TYPE_LABELS } from '../../lib/discovery.ts';
import { formatMs } from '../../lib/format.ts';
import { snmpSilence, withoutAdvice } from './snmp-reason.ts';

const ROW_HEIGHT = 38;
const HEADER_HEIGHT = 35;
const MAX_TABLE_HEIGHT = 560;
const COLUMNS = 12;

function Confidence({ host, onDetails }: { host: DiscoveryHost; onDetails(host: DiscoveryHost): void }) {
  const pct = Math.round(host.confidence * 100);
  const tone = pct >= 75 ? 'conf-high' : pct >= 40 ? 'conf-mid' : 'conf-low';
  return (
    <button
      type="button"
      className={`confidence ${tone}`}
      onClick={() => onDetails(host)}
      title={host.reasons.length ? host.reasons.join('\n') : 'No classification evidence'}
      aria-label={`${pct} % confidence: why ${TYPE_LABELS[host.type].toLowerCase()}? Details of ${host.address}`}
    >
      <span className="conf-meter" aria-hidden="true">
        <span style={{ width: `${Math.max(4, pct)}%` }} />
      </span>
      <span className="conf-value">{pct} %</span>
    </button>
  );
}

interface RowProps {
  host: DiscoveryHost;
  index: number;
  checked: boolean;
  isNew: boolean;
  onCheck(index: number, host: DiscoveryHost, event: MouseEvent<HTMLInputElement>): void;
  onDetails(host: DiscoveryHost): void;
}

const HostRow = memo(function HostRow({ host, index, checked, isNew, onCheck, onDetails }: RowProps) {
  const os = osText(host);
  const silence = snmpSilence(host);
  return (
    <tr data-index={index} aria-rowindex={index + 2} aria-selected={checked} className={checked ? 'row-selected' : undefined}>
      <td className="col-check">
        <input type="checkbox" checked={checked} onClick={(e) => onCheck(index, host, e)} onChange={() => {}} aria-label={`Select ${host.address}`} />
      </td>
      <td className="mono cell-strong">
        <button type="button" className="link-button" onClick={() => onDetails(host)} aria-haspopup="dialog" title="Show the details of this host">
          {host.address}
        </button>
        {isNew ? <span className="badge badge-info badge-tight">New</span> : null}
        {host.self ? (
          <span className="badge badge-self badge-tight" title="The computer running this scan: not added to monitoring unless you tick its row on its own">
            This computer
          </span>
        ) : null}
      </td>
      <td className="cell-clip cell-name" title={host.hostnames.length ? host.hostnames.join(', ') : undefined}>
        {host.deviceId ? (
          <a className="row-link" href={`#/devices/${host.deviceId}`} title="Monitored: open the device">
            {host.name}
          </a>
        ) : host.name === host.address ? (
          <span className="muted">—</span>
        ) : (
          host.name
        )}
        {host.deviceId ? (
          <span className="monitored-mark" title="Monitored">
            <span aria-hidden="true">✓</span>
            <span className="visually-hidden">Monitored</span>
          </span>
        ) : null}
      </td>
      <td>
        <DeviceTypeBadge type={host.type} />
      </td>
      <td className="cell-clip">{host.vendor ?? host.macVendor ?? <span className="muted">—</span>}</td>
      <td className="cell-clip" title={[host.model, host.serial ? `S/N ${host.serial}` : null, host.firmware].filter(Boolean).join(' · ') || undefined}>
        {host.model ?? <span className="muted">—</span>}
      </td>
      <td className="cell-clip cell-os" title={os || silence || undefined}>
        {os || (silence ? <span className="snmp-silence">{withoutAdvice(silence)}</span> : <span className="muted">—</span>)}
      </td>
      <td className="mono cell-mac" title={host.mac && host.macVendor ? host.macVendor : undefined}>
        {host.mac ?? <span className="muted">—</span>}
      </td>
      <td>
        <ul className="chips method-chips" aria-label={`Found by`}>
          {host.foundBy.map((m) => (
            <li key={m} className={`chip chip-${m}`}>
              {METHOD_LABELS[m]}
            </li>
          ))}
        </ul>
      </td>
      <td className="mono cell-clip cell-ports" title={host.openPorts.join(', ') || undefined}>
        {host.openPorts.length ? host.openPorts.join(', ') : <span className="muted">—</span>}
      </td>
      <td className="num cell-rtt">{host.rttMs === null ? <span className="muted">—</span> : formatMs(host.rttMs)}</td>
      <td className="col-confidence">
        <Confidence host={host} onDetails={onDetails} />
      </td>
    </tr>
  );
});

interface ResultsTableProps {
  hosts: DiscoveryHost[];
  selected: ReadonlySet<string>;
  onSelect(selected: ReadonlySet<string>): void;
  newAddresses: ReadonlySet<string>;
  onDetails(host: DiscoveryHost): void;
}

const hostKey = (host: DiscoveryHost): string => host.address;

/** The hosts a scan found, one row each; windowed so a /16 scrolls like a /24. Arrow keys move between rows. */
export function ResultsTable({ hosts, selected, onSelect, newAddresses, onDetails }: ResultsTableProps) {
  const { container, start, end, padTop, padBottom, scrollToIndex } = useVirtualRows(hosts.length, ROW_HEIGHT, HEADER_HEIGHT);
  // This computer's own rows join the selection only when ticked on their own: select all and
  // shift ranges leave them out (its add then goes through as asked).
  const selfRows = useMemo(() => new Set(hosts.filter((h) => h.self).map(hostKey)), [hosts]);
  const selectable = useMemo(() => (selfRows.size ? hosts.filter((h) => !selfRows.has(hostKey(h))) : hosts), [hosts, selfRows]);
  const clicked = useRef<string | undefined>(undefined);
  const selectLeavingSelf = useCallback(
    (next: Set<string>) => {
      for (const a of selfRows) if (a !== clicked.current && !selected.has(a)) next.delete(a);
      onSelect(next);
    },
    [selfRows, selected, onSelect],
  );
  const rowCheck = useRowSelection(hosts, hostKey, selected, selectLeavingSelf);
  const onCheck = useCallback(
    (index: number, host: DiscoveryHost, event: MouseEvent<HTMLInputElement>) => {
      clicked.current = event.shiftKey ? undefined : host.address;
      rowCheck(index, host, event);
      clicked.current = undefined;
    },
    [rowCheck],
  );

  const onKeyDown = useRowKeyboard(container, hosts.length, scrollToIndex, 12);
  const height = Math.min(MAX_TABLE_HEIGHT, HEADER_HEIGHT + hosts.length * ROW_HEIGHT + 2);

  return (
    <div className="table-wrap table-virtual results-table" ref={container} tabIndex={-1} onKeyDown={onKeyDown} style={{ height, minHeight: 0 }}>
      <table className="table table-fixed-rows" aria-label="Discovered hosts" aria-rowcount={hosts.length + 1} aria-multiselectable="true">
        <thead>
          <tr aria-rowindex={1}>
            <SelectAllHeader rows={selectable} keyOf={hostKey} selected={selected} onSelect={onSelect} noun="hosts" />
            <th scope="col">Address</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Vendor</th>
            <th scope="col">Model</th>
            <th scope="col">OS</th>
            <th scope="col">MAC</th>
            <th scope="col">Found by</th>
            <th scope="col">Open ports</th>
            <th scope="col" className="num">
              RTT
            </th>
            <th scope="col" className="col-confidence">
              Confidence
            </th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr className="spacer" aria-hidden="true" style={{ height: padTop }}>
              <td colSpan={COLUMNS} />
            </tr>
          ) : null}
          {hosts.slice(start, end).map((host, i) => (
            <HostRow key={host.address} host={host} index={start + i} checked={selected.has(host.address)} isNew={newAddresses.has(host.address)} onCheck={onCheck} onDetails={onDetails} />
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
