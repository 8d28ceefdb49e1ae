import type { Device } from '../../main/api/devices.ts';
import { EditIcon, TrashIcon } from '../components/icons.tsx';

interface DeviceTableProps {
  devices: Device[];
  credentialNames: Map<string, string>;
  onEdit(device: Device): void;
  onDelete(device: Device): void;
}

function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The devices, one row each, dense like a network tool's table. */
export function DeviceTable({ devices, credentialNames, onEdit, onDelete }: DeviceTableProps) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Devices">
        <thead>
          <tr>
            <th scope="col" className="col-status">
              Status
            </th>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col" className="col-tags">
              Tags
            </th>
            <th scope="col">SNMP</th>
            <th scope="col">Notes</th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => (
            <tr key={device.id}>
              <td>
                <span className={`badge ${device.enabled ? 'badge-ok' : 'badge-muted'}`}>{device.enabled ? 'Enabled' : 'Disabled'}</span>
              </td>
              <td className="cell-strong">{device.name}</td>
              <td className="mono">{device.address}</td>
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
              <td className="cell-muted cell-snmp">
                {device.credentialIds.length > 0 ? device.credentialIds.map((id) => credentialNames.get(id) ?? 'unknown').join(', ') : '—'}
              </td>
              <td className="cell-notes" title={device.notes || undefined}>
                {device.notes ? excerpt(device.notes) : <span className="muted">—</span>}
              </td>
              <td className="col-actions">
                <div className="row-actions">
                  <button type="button" className="btn-icon" onClick={() => onEdit(device)} aria-label={`Edit ${device.name}`} title="Edit">
                    <EditIcon />
                  </button>
                  <button type="button" className="btn-icon btn-icon-danger" onClick={() => onDelete(device)} aria-label={`Delete ${device.name}`} title="Delete">
                    <TrashIcon />
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
