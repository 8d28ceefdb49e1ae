import { PushUnavailableNote } from '../../components/push-unavailable-note.tsx';
import { plural } from '../../lib/format.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { useCan } from '../../stores/session-store.ts';
import { pushUnavailable, useZabbixStore } from '../../stores/zabbix-store.ts';

/**
 * What to do with the hosts ticked in the table: add them to monitoring (and push them to Zabbix),
 * or clear the selection. This computer's own address is in the selection only when its row was
 * ticked on its own (select all and shift ranges leave it out), so it is added as asked.
 */
export function SelectionBar({ busy, onAdd }: { busy: boolean; onAdd(addresses: string[], push?: boolean, includeSelf?: boolean): Promise<void> }) {
  const selected = useDiscoveryStore((s) => s.selected);
  const setSelected = useDiscoveryStore((s) => s.setSelected);
  const ready = useConnectionStore((s) => s.status === 'ready');
  const zabbixConfig = useZabbixStore((s) => s.config);
  const noPush = pushUnavailable(zabbixConfig);
  const may = useCan('discovery.addToMonitoring');
  if (selected.size === 0) return null;
  return (
    <div className="selection-bar" role="region" aria-label="Selected hosts">
      <strong>{plural(selected.size, 'host')} selected</strong>
      <button type="button" className="btn btn-small btn-primary" disabled={busy || !ready || !may.allowed} title={may.reason} aria-busy={busy} onClick={() => void onAdd([...selected], false, true)}>
        Add selected to monitoring
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy || !ready || noPush !== undefined || !may.allowed}
        title={may.reason ?? noPush}
        aria-describedby={noPush ? 'discovery-push-unavailable' : undefined}
        onClick={() => void onAdd([...selected], true, true)}
      >
        Add &amp; push to Zabbix
      </button>
      <PushUnavailableNote id="discovery-push-unavailable" config={zabbixConfig} />
      <div className="toolbar-spacer" />
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setSelected(new Set())}>
        Clear selection
      </button>
    </div>
  );
}
