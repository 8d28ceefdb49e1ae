import type { ZabbixConfig } from '../../main/api/zabbix.ts';
import { pushUnavailable } from '../stores/zabbix-store.ts';

/** Next to a disabled "push to Zabbix" button: why it is disabled, with the way to Settings. */
export function PushUnavailableNote({ id, config }: { id: string; config: ZabbixConfig | undefined }) {
  const why = pushUnavailable(config);
  if (!why) return null;
  return (
    <span id={id} className="muted" title={why}>
      {config ? (
        <>
          No Zabbix server configured: <a href="#/settings">Settings</a>
        </>
      ) : (
        why
      )}
    </span>
  );
}
