/**
 * Which devices WARD FLUX polls, by monitoring mode: none in Zabbix mode (Zabbix monitors them),
 * otherwise its own devices but never the ones imported from Zabbix hosts (in standalone mode they
 * only exist until the mirror removes them, right after the mode changed).
 */
import type { Db } from '../store/database.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';

const everyDevice = (): boolean => true;
const noDevice = (): boolean => false;

export function createPollGate(db: Db, settings: Pick<SettingsRepo, 'get'>): () => (deviceId: string) => boolean {
  const imported = db.prepare<[], { device_id: string }>("SELECT device_id FROM zabbix_links WHERE matched_by = 'imported'");
  return () => {
    if (settings.get().monitoringMode === 'zabbix') return noDevice;
    const skip = new Set(imported.all().map((r) => r.device_id));
    return skip.size ? (deviceId) => !skip.has(deviceId) : everyDevice;
  };
}
