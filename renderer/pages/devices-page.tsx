import { useCan } from '../stores/session-store.ts';
import { useEffect, useMemo, useState } from 'react';
import type { DeviceSource, MonitoredDevice } from '../../main/api/devices.ts';
import { Banner, DismissibleBanner } from '../components/banner.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { PushUnavailableNote } from '../components/push-unavailable-note.tsx';
import { ZabbixMirrorStatus } from '../components/zabbix-mirror-status.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { DevicesIcon, DiscoveryIcon, PlugOffIcon, PlusIcon, SearchIcon } from '../components/icons.tsx';
import { FirstRunGuide } from '../components/first-run-guide.tsx';
import { DEVICE_TYPES, TYPE_LABELS } from '../lib/discovery.ts';
import { DEVICE_STATES, STATE_LABELS } from '../lib/device-state.ts';
import { sortDevices } from '../lib/device-sort.ts';
import { plural } from '../lib/format.ts';
import { SOURCE_LABELS } from '../lib/zabbix-view.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { matchesSearch, useDevicesStore, type BulkOutcome, type DeviceFilters, } from '../stores/devices-store.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { useTemplatesStore } from '../stores/templates-store.ts';
import { pushUnavailable, useZabbixStore } from '../stores/zabbix-store.ts';
import { DeviceDialog } from './device-dialog.tsx';
import { DeviceTable } from './device-table.tsx';

type DialogState = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; device: MonitoredDevice } | { kind: 'delete'; device: MonitoredDevice } | { kind: 'delete-many'; ids: string[] };
type Notice = { tone: 'info' | 'error'; text: string; link?: { href: string; label: string } };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const SOURCES: DeviceSource[] = ['wardflux', 'zabbix', 'both'];
const STAT_COLUMNS: ReadonlySet<string> = new Set(['rtt', 'loss', 'uptime', 'lastSeen', 'alerts']);
/** The key numbers (latency, loss, uptime, alerts) are read again this often while the list is shown. */
const STATS_REFRESH_MS = 10_000;

function filterDevices(items: MonitoredDevice[], f: DeviceFilters): MonitoredDevice[] {
  if (!f.search.trim() && !f.tag && f.enabled === 'all' && f.state === 'all' && f.type === 'all' && !f.vendor && f.source === 'all') return items;
  return items.filter(
    (d) =>
      (!f.tag || d.tags.includes(f.tag)) &&
      (f.enabled === 'all' || d.enabled === (f.enabled === 'enabled')) &&
      (f.state === 'all' || (d.enabled && d.status === f.state)) &&
      (f.source === 'all' || d.source === f.source) &&
      (f.type === 'all' || d.type === f.type) &&
      (!f.vendor || d.vendor === f.vendor) &&
      matchesSearch(d, f.search),
  );
}

function bulkMessage(what: string, o: BulkOutcome): { tone: 'info' | 'error'; text: string } {
  if (o.failed === 0) return { tone: 'info', text: `${what} ${plural(o.done, 'device')}.` };
  return { tone: 'error', text: `${what} ${plural(o.done, 'device')}; ${o.failed} failed: ${o.messages.join('; ')}${o.failed > o.messages.length ? '; …' : ''}` };
}

/** The actions on the selected devices. */
function SelectionBar({ ids, onDelete, onDone }: { ids: string[]; onDelete(): void; onDone(message: Notice): void }) {
  const { setEnabled, applyTemplate, setSelected, bulk } = useDevicesStore();
  const templates = useTemplatesStore((s) => s.items);
  const zabbixConfig = useZabbixStore((s) => s.config);
  const push = useZabbixStore((s) => s.push);
  const [templateId, setTemplateId] = useState('');
  const [pushing, setPushing] = useState(false);
  const busy = bulk !== undefined || pushing;
  const noPush = pushUnavailable(zabbixConfig);
  const mayEdit = useCan('devices.update');
  const mayApply = useCan('templates.apply');
  const mayDelete = useCan('devices.delete');

  async function pushSelected(): Promise<void> {
    setPushing(true);
    const r = await push(ids);
    setPushing(false);
    onDone(
      r.ok
        ? { tone: 'info', text: `${plural(r.queued, 'device')} queued for Zabbix. Delivery is followed in the outbox (delivered as soon as Zabbix answers).`, link: { href: '#/alerts/deliveries', label: 'Open deliveries' } }
        : { tone: 'error', text: `Could not push to Zabbix: ${r.message}` },
    );
  }
  return (
    <div className="selection-bar" role="region" aria-label="Selected devices">
      <strong>{plural(ids.length, 'device')} selected</strong>
      <button type="button" className="btn btn-small" disabled={busy || !mayEdit.allowed} title={mayEdit.reason} onClick={() => void setEnabled(ids, true).then((o) => onDone(bulkMessage('Enabled', o)))}>
        Enable
      </button>
      <button type="button" className="btn btn-small" disabled={busy || !mayEdit.allowed} title={mayEdit.reason} onClick={() => void setEnabled(ids, false).then((o) => onDone(bulkMessage('Disabled', o)))}>
        Disable
      </button>
      <span className="selection-sep" aria-hidden="true" />
      <select className="select-small" value={templateId} onChange={(e) => setTemplateId(e.target.value)} aria-label="Template to apply">
        <option value="">Template…</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy || !templateId || !mayApply.allowed}
        title={mayApply.reason}
        onClick={() =>
          void applyTemplate(templateId, ids).then((r) =>
            onDone(r.ok ? { tone: 'info', text: `Applied the template to ${plural(r.devices, 'device')} (${plural(r.items, 'monitoring item')}).` } : { tone: 'error', text: `Could not apply the template: ${r.message}` }),
          )
        }
      >
        Apply template
      </button>
      <span className="selection-sep" aria-hidden="true" />
      <button type="button" className="btn btn-small" disabled={busy || noPush !== undefined} aria-busy={pushing} aria-describedby={noPush ? 'push-unavailable' : undefined} title={noPush} onClick={() => void pushSelected()}>
        Push to Zabbix
      </button>
      <PushUnavailableNote id="push-unavailable" config={zabbixConfig} />
      <span className="selection-sep" aria-hidden="true" />
      <button type="button" className="btn btn-small btn-danger-outline" disabled={busy || !mayDelete.allowed} title={mayDelete.reason} onClick={onDelete}>
        Delete selected
      </button>
      <div className="toolbar-spacer" />
      {bulk ? (
        <span className="muted" role="status">
          {bulk.label} {bulk.done.toLocaleString()} / {bulk.total.toLocaleString()}…
        </span>
      ) : null}
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setSelected(new Set())}>
        Clear selection
      </button>
    </div>
  );
}

/** The devices under monitoring: search, filter, sort, select many, add, edit, delete. */
export function DevicesPage() {
  const { items, loaded, loading, error, filters, setFilter, clearFilters, sort, sortBy, selected, setSelected, load, remove, removeMany } = useDevicesStore();
  const mode = useSettingsStore((s) => s.settings?.monitoringMode);
  const credentials = useCredentialsStore((s) => s.items);
  const status = useConnectionStore((s) => s.status);
  const mayAdd = useCan('devices.create');
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [notice, setNotice] = useState<Notice>();
  const close = (): void => setDialog({ kind: 'none' });

  const tags = useMemo(() => [...new Set(items.flatMap((d) => d.tags))].sort(collator.compare), [items]);
  const vendors = useMemo(() => [...new Set(items.flatMap((d) => (d.vendor ? [d.vendor] : [])))].sort(collator.compare), [items]);
  const types = useMemo(() => {
    const present = new Set(items.map((d) => d.type));
    return DEVICE_TYPES.filter((t) => present.has(t));
  }, [items]);
  const filtered = useMemo(() => filterDevices(items, filters), [items, filters]);
  const stats = useDevicesStore((s) => s.stats);
  const loadStats = useDevicesStore((s) => s.loadStats);
  // Sorting by a number follows the numbers as they refresh; any other order ignores them.
  const statsForSort = STAT_COLUMNS.has(sort.column) ? stats : undefined;
  const visible = useMemo(() => sortDevices(filtered, sort.column, sort.dir, statsForSort), [filtered, sort, statsForSort]);
  useEffect(() => {
    if (status !== 'ready') return;
    void loadStats();
    const timer = setInterval(() => void loadStats(), STATS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [status, loadStats]);
  const credentialNames = useMemo(() => new Map(credentials.map((c) => [c.id, c.name])), [credentials]);
  const filtering = filters.search.trim() !== '' || filters.tag !== '' || filters.enabled !== 'all' || filters.state !== 'all' || filters.type !== 'all' || filters.vendor !== '' || filters.source !== 'all';
  const selectedIds = useMemo(() => [...selected], [selected]);

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
      <>
        <FirstRunGuide where="devices" />
        <EmptyState
          icon={<DevicesIcon />}
          title="No devices yet"
          action={
            <>
              <a className="btn btn-primary" href="#/discovery">
                <DiscoveryIcon />
                Sweep a subnet
              </a>
              <button type="button" className="btn" onClick={() => setDialog({ kind: 'add' })} disabled={status !== 'ready' || !mayAdd.allowed} title={mayAdd.reason}>
                <PlusIcon />
                Add one device
              </button>
            </>
          }
        >
          <p>Add a router, switch or server by its address to start monitoring it, or sweep a subnet from Discovery.</p>
        </EmptyState>
      </>
    );
  } else if (visible.length === 0) {
    body = (
      <EmptyState
        icon={<SearchIcon />}
        title="No matching devices"
        action={
          <button type="button" className="btn" onClick={clearFilters}>
            Clear filters
          </button>
        }
      >
        <p>{filters.search ? `Nothing matches “${filters.search}” with these filters.` : 'No device matches these filters.'}</p>
      </EmptyState>
    );
  } else {
    body = (
      <DeviceTable
        devices={visible}
        stats={stats}
        mode={mode}
        credentialNames={credentialNames}
        sort={sort}
        onSort={sortBy}
        selected={selected}
        onSelect={setSelected}
        onEdit={(device) => setDialog({ kind: 'edit', device })}
        onDelete={(device) => setDialog({ kind: 'delete', device })}
      />
    );
  }

  return (
    <div className="page page-fill">
      <ZabbixMirrorStatus />
      <div className="toolbar toolbar-wrap">
        <div className="search">
          <SearchIcon className="search-icon" />
          <input type="search" placeholder="Search name, address, tag, notes, vendor" aria-label="Search devices" value={filters.search} onChange={(e) => setFilter('search', e.target.value)} />
        </div>
        <FilterSelect label="Filter by state" value={filters.state} any={{ value: 'all', text: 'Any state' }} options={DEVICE_STATES.map((v) => ({ value: v, text: STATE_LABELS[v] }))} onChange={(v) => setFilter('state', v)} />
        <FilterSelect
          label="Filter by monitoring"
          value={filters.enabled}
          any={{ value: 'all', text: 'Enabled or not' }}
          options={[
            { value: 'enabled', text: 'Enabled' },
            { value: 'disabled', text: 'Disabled' },
          ]}
          onChange={(v) => setFilter('enabled', v)}
        />
        <FilterSelect
          label="Filter by type"
          value={filters.type}
          any={{ value: 'all', text: 'Any type' }}
          options={(filters.type !== 'all' && !types.includes(filters.type) ? [...types, filters.type] : types).map((v) => ({ value: v, text: TYPE_LABELS[v] }))}
          onChange={(v) => setFilter('type', v)}
        />
        <FilterSelect
          label="Filter by vendor"
          value={filters.vendor}
          any={{ value: '', text: 'Any vendor' }}
          options={(filters.vendor && !vendors.includes(filters.vendor) ? [...vendors, filters.vendor] : vendors).map((v) => ({ value: v, text: v }))}
          onChange={(v) => setFilter('vendor', v)}
          disabled={vendors.length === 0 && !filters.vendor}
        />
        <FilterSelect label="Filter by source" value={filters.source} any={{ value: 'all', text: 'Any source' }} options={SOURCES.map((v) => ({ value: v, text: SOURCE_LABELS[v] }))} onChange={(v) => setFilter('source', v)} />
        <FilterSelect label="Filter by tag" value={filters.tag} any={{ value: '', text: 'Any tag' }} options={tags.map((v) => ({ value: v, text: v }))} onChange={(v) => setFilter('tag', v)} disabled={tags.length === 0} />
        <span className="toolbar-count" aria-live="polite">
          {loaded ? (filtering ? `${visible.length.toLocaleString()} of ${plural(items.length, 'device')}` : plural(items.length, 'device')) : ''}
        </span>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })} disabled={status !== 'ready' || !mayAdd.allowed} title={mayAdd.reason}>
          <PlusIcon />
          Add device
        </button>
      </div>
      {selected.size > 0 ? <SelectionBar ids={selectedIds} onDelete={() => setDialog({ kind: 'delete-many', ids: selectedIds })} onDone={setNotice} /> : null}
      {notice ? (
        <DismissibleBanner tone={notice.tone} link={notice.link} onDismiss={() => setNotice(undefined)}>
          {notice.text}
        </DismissibleBanner>
      ) : null}
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
      {dialog.kind === 'delete-many' ? (
        <ConfirmDialog
          title={`Delete ${plural(dialog.ids.length, 'device')}?`}
          confirmLabel="Delete"
          onClose={close}
          onConfirm={async () => {
            const outcome = await removeMany(dialog.ids);
            setNotice(bulkMessage('Deleted', outcome));
            return undefined;
          }}
        >
          <p>The selected devices will no longer be monitored and their settings are removed. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
