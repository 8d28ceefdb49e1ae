import { useMemo, useState } from 'react';
import type { Device } from '../../main/api/devices.ts';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { DevicesIcon, PlugOffIcon, PlusIcon, SearchIcon } from '../components/icons.tsx';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { matchesSearch, useDevicesStore } from '../stores/devices-store.ts';
import { DeviceDialog } from './device-dialog.tsx';
import { DeviceTable } from './device-table.tsx';

type DialogState = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; device: Device } | { kind: 'delete'; device: Device };

/** The devices under monitoring: search, add, edit, delete. */
export function DevicesPage() {
  const { items, loaded, loading, error, search, setSearch, load, remove } = useDevicesStore();
  const credentials = useCredentialsStore((s) => s.items);
  const status = useConnectionStore((s) => s.status);
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const close = (): void => setDialog({ kind: 'none' });

  const visible = useMemo(() => items.filter((d) => matchesSearch(d, search)), [items, search]);
  const credentialNames = useMemo(() => new Map(credentials.map((c) => [c.id, c.name])), [credentials]);

  let body;
  if (!loaded && status === 'disconnected') {
    body = (
      <EmptyState icon={<PlugOffIcon />} title="No connection to the engine">
        <p>The device list appears as soon as WARD FLUX reaches its engine again.</p>
      </EmptyState>
    );
  } else if (!loaded) {
    body = error ? null : (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading devices…
      </div>
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState icon={<DevicesIcon />} title="No devices yet">
        <p>Add a router, switch or server by its address to start monitoring it.</p>
      </EmptyState>
    );
  } else if (visible.length === 0) {
    body = (
      <EmptyState icon={<SearchIcon />} title="No matching devices">
        <p>Nothing matches “{search}” in names, addresses, tags or notes.</p>
      </EmptyState>
    );
  } else {
    body = (
      <DeviceTable
        devices={visible}
        credentialNames={credentialNames}
        onEdit={(device) => setDialog({ kind: 'edit', device })}
        onDelete={(device) => setDialog({ kind: 'delete', device })}
      />
    );
  }

  return (
    <div className="page">
      <div className="toolbar">
        <div className="search">
          <SearchIcon className="search-icon" />
          <input type="search" placeholder="Search name, address, tag, notes" aria-label="Search devices" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <span className="toolbar-count" aria-live="polite">
          {loaded ? (search ? `${visible.length} of ${items.length} devices` : `${items.length} ${items.length === 1 ? 'device' : 'devices'}`) : ''}
        </span>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })} disabled={status !== 'ready'}>
          <PlusIcon />
          Add device
        </button>
      </div>
      {error && status === 'ready' ? (
        <Banner
          tone="error"
          action={
            <button type="button" className="btn btn-small" onClick={() => void load()} disabled={loading}>
              Reload
            </button>
          }
        >
          Could not load the devices: {error}
        </Banner>
      ) : null}
      {body}
      {dialog.kind === 'add' ? <DeviceDialog onClose={close} /> : null}
      {dialog.kind === 'edit' ? <DeviceDialog device={dialog.device} onClose={close} /> : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete device?"
          confirmLabel="Delete"
          onClose={close}
          onConfirm={async () => {
            const outcome = await remove(dialog.device.id);
            return outcome.ok ? undefined : outcome.message;
          }}
        >
          <p>
            <strong>{dialog.device.name}</strong> <span className="mono">({dialog.device.address})</span> will no longer be monitored. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
