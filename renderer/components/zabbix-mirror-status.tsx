import { useState } from 'react';
import { plural } from '../lib/format.ts';
import { formatAge, mirrorAgeSec, mirrorNotice, MODE_LABELS } from '../lib/zabbix-view.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { useZabbixStore } from '../stores/zabbix-store.ts';
import { Banner } from './banner.tsx';
import { useNow } from './use-now.ts';

function SyncButton({ onError }: { onError(message: string | undefined): void }) {
  const refresh = useZabbixStore((s) => s.refresh);
  const syncing = useZabbixStore((s) => s.syncing);
  const configured = useZabbixStore((s) => s.status?.configured ?? false);
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={syncing || !configured}
      aria-busy={syncing}
      title={configured ? 'Read hosts and problems from Zabbix now' : 'No Zabbix server is configured'}
      onClick={() => void refresh().then(onError)}
    >
      {syncing ? 'Syncing…' : 'Sync now'}
    </button>
  );
}

/**
 * The Zabbix mirror at a glance (Zabbix and hybrid modes): mode, when Zabbix was last read, what
 * was read, and a warning when what is shown is old because Zabbix could not be reached.
 * Nothing in standalone mode.
 */
export function ZabbixMirrorStatus() {
  const status = useZabbixStore((s) => s.status);
  const mode = useSettingsStore((s) => s.settings?.monitoringMode);
  const [syncError, setSyncError] = useState<string>();
  const shown = status !== undefined && status.mode !== 'standalone' && (mode === undefined || mode !== 'standalone');
  const now = useNow(15_000, shown);
  if (!shown) return null;

  const age = mirrorAgeSec(status, now);
  const notice = mirrorNotice(status, now);
  const dot = !status.active ? 'mirror-dot-off' : status.stale ? 'mirror-dot-stale' : '';
  return (
    <>
      <div className="mirror-status" role="region" aria-label="Zabbix mirror">
        <span>
          <span className={`mirror-dot ${dot}`} aria-hidden="true" />
          <strong>{MODE_LABELS[status.mode]} mode</strong>
        </span>
        <span>{age === null ? 'Not synced yet' : `Synced ${formatAge(age)} ago${status.stale ? ' (stale)' : ''}`}</span>
        <span>
          {plural(status.hosts, 'Zabbix host')} ({status.matched.toLocaleString()} matched, {status.imported.toLocaleString()} Zabbix only)
        </span>
        <span>{plural(status.problems, 'problem')}</span>
        {status.pendingPushes > 0 ? <span>{plural(status.pendingPushes, 'push', 'pushes')} waiting</span> : null}
        <div className="toolbar-spacer" />
        {notice ? null : <SyncButton onError={setSyncError} />}
      </div>
      {notice ? (
        <Banner tone={notice.tone} action={<SyncButton onError={setSyncError} />}>
          {notice.text}
        </Banner>
      ) : null}
      {syncError ? <Banner tone="error">Sync failed: {syncError}</Banner> : null}
    </>
  );
}
