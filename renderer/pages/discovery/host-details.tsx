import type { ReactNode } from 'react';
import type { DiscoveryHost } from '../../../main/api/discovery.ts';
import { DeviceTypeBadge } from '../../components/device-type-badge.tsx';
import { InventoryRows } from '../../components/inventory-rows.tsx';
import { WhereisRow } from '../../components/plugged-in-row.tsx';
import { Modal } from '../../components/modal.tsx';
import { METHOD_LABELS, osText } from '../../lib/discovery.ts';
import { snmpText } from './snmp-reason.ts';
import { formatDuration, formatMs } from '../../lib/format.ts';
import { useCan } from '../../stores/session-store.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything the scan learned about one host, and why it was classified as it was. */
export function HostDetails({ host, onClose, onAdd, busy }: { host: DiscoveryHost; onClose(): void; onAdd?(): void; busy?: boolean }) {
  const mayAdd = useCan('discovery.addToMonitoring');
  const dash = <span className="muted">—</span>;
  const pct = Math.round(host.confidence * 100);
  return (
    <Modal title={`${host.name === host.address ? host.address : `${host.name} (${host.address})`}`} onClose={onClose}>
      <div className="modal-body host-details">
        <div className="host-details-head">
          <DeviceTypeBadge type={host.type} />
          <span className="muted">{pct} % confidence</span>
          {host.deviceId ? (
            <a href={`#/devices/${host.deviceId}`} className="badge badge-ok">
              Monitored
            </a>
          ) : null}
          {host.self ? <span className="badge badge-self">This computer</span> : null}
        </div>
        {host.snmpStatus && host.snmpStatus.state !== 'answered' ? (
          <p className={`snmp-reason snmp-reason-${host.snmpStatus.state}`} role="note">
            {host.snmpStatus.message}
          </p>
        ) : null}
        <section aria-labelledby="reasons-title">
          <h3 id="reasons-title" className="detail-title">
            Why this classification
          </h3>
          {host.reasons.length ? (
            <ul className="reasons">
              {host.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No evidence beyond the host answering: no SNMP answer, no telling open port, no known MAC vendor.</p>
          )}
        </section>
        <dl className="identity identity-compact">
          <Row label="Vendor">{host.vendor ?? dash}</Row>
          <Row label="Model">{host.model ?? dash}</Row>
          <InventoryRows facts={host} />
          <Row label="OS">{osText(host) || dash}</Row>
          <Row label="Found by">{host.foundBy.map((m) => METHOD_LABELS[m]).join(', ')}</Row>
          <Row label="Open ports">{host.openPorts.length ? host.openPorts.join(', ') : dash}</Row>
          <Row label="Round trip">{formatMs(host.rttMs)}</Row>
          <Row label="MAC">{host.mac ? `${host.mac}${host.macVendor ? ` (${host.macVendor})` : ''}` : dash}</Row>
          <WhereisRow mac={host.mac} address={host.address} />
          <Row label="Host names">{host.hostnames.length ? host.hostnames.join(', ') : dash}</Row>
          <Row label="SNMP">{snmpText(host)}</Row>
          <Row label="Template">{host.templateName ?? dash}</Row>
          <Row label="sysName">{host.sysName ?? dash}</Row>
          <Row label="sysObjectID">{host.sysObjectID ? <span className="mono">{host.sysObjectID}</span> : dash}</Row>
          <Row label="Uptime">{host.sysUpTimeSec !== null ? formatDuration(host.sysUpTimeSec) : dash}</Row>
          <Row label="Location">{host.sysLocation || dash}</Row>
          <Row label="Contact">{host.sysContact || dash}</Row>
        </dl>
        {host.sysDescr ? (
          <section aria-labelledby="sysdescr-title">
            <h3 id="sysdescr-title" className="detail-title">
              sysDescr
            </h3>
            <p className="sysdescr mono">{host.sysDescr}</p>
          </section>
        ) : null}
      </div>
      <div className="modal-footer">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          Close
        </button>
        {onAdd && !host.deviceId && host.self ? (
          <>
            <span id="add-self-why" className="muted modal-footer-note">
              This is the computer running the scan. To monitor it anyway, tick its row and use Add selected to monitoring.
            </span>
            <button type="button" className="btn btn-primary" disabled aria-describedby="add-self-why">
              Add to monitoring
            </button>
          </>
        ) : onAdd && !host.deviceId ? (
          <button type="button" className="btn btn-primary" onClick={onAdd} disabled={busy || !mayAdd.allowed} title={mayAdd.reason} aria-busy={busy}>
            Add to monitoring
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
