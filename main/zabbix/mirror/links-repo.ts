/**
 * zabbix_links: which device stands for which Zabbix host (per server), how it was matched, and
 * what Zabbix last said about the host. Also the one rule that turns that into a device status.
 */
import type { DeviceStatus, DeviceZabbixView } from '../../api/devices.ts';
import type { Db } from '../../store/database.ts';
import type { MatchedBy } from './match.ts';

export type LinkMatch = MatchedBy | 'imported';

export interface ZabbixLink {
  deviceId: string;
  server: string;
  hostId: string;
  host: string;
  name: string;
  matchedBy: LinkMatch;
  /** Interface availability: 0 unknown, 1 available, 2 unavailable. */
  available: number;
  enabled: boolean;
  problems: number;
  worstSeverity: number | null;
  seenAt: number;
}

interface Row {
  device_id: string;
  server: string;
  host_id: string;
  host: string;
  name: string;
  matched_by: LinkMatch;
  available: number;
  enabled: number;
  problems: number;
  worst_severity: number | null;
  seen_at: number;
}

const toLink = (r: Row): ZabbixLink => ({
  deviceId: r.device_id,
  server: r.server,
  hostId: r.host_id,
  host: r.host,
  name: r.name,
  matchedBy: r.matched_by,
  available: r.available,
  enabled: r.enabled === 1,
  problems: r.problems,
  worstSeverity: r.worst_severity,
  seenAt: r.seen_at,
});

/** Severity from which an open problem makes an available host degraded (4 high, 5 disaster). */
export const DEGRADING_SEVERITY = 4;

/** Zabbix's verdict on a host: interface availability, degraded by a high or disaster problem. */
export function zabbixStatus(link: Pick<ZabbixLink, 'available' | 'enabled' | 'worstSeverity'>): DeviceStatus {
  if (!link.enabled) return 'unknown';
  if (link.available === 2) return 'down';
  if (link.available !== 1) return 'unknown';
  return link.worstSeverity !== null && link.worstSeverity >= DEGRADING_SEVERITY ? 'degraded' : 'up';
}

export function zabbixView(link: ZabbixLink): DeviceZabbixView {
  return {
    hostId: link.hostId,
    host: link.host,
    name: link.name,
    matchedBy: link.matchedBy,
    status: zabbixStatus(link),
    problems: link.problems,
    worstSeverity: link.worstSeverity,
    seenAt: link.seenAt,
  };
}

export function createZabbixLinksRepo(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM zabbix_links');
  const ofDevice = db.prepare<[string], Row>('SELECT * FROM zabbix_links WHERE device_id = ?');
  const ofServer = db.prepare<[string], Row>('SELECT * FROM zabbix_links WHERE server = ?');
  const imported = db.prepare<[], { device_id: string }>("SELECT device_id FROM zabbix_links WHERE matched_by = 'imported'");
  const importedElsewhere = db.prepare<[string], { device_id: string }>("SELECT device_id FROM zabbix_links WHERE matched_by = 'imported' AND server != ?");
  const upsert = db.prepare(
    `INSERT INTO zabbix_links (device_id, server, host_id, host, name, matched_by, available, enabled, problems, worst_severity, seen_at)
     VALUES (@deviceId, @server, @hostId, @host, @name, @matchedBy, @available, @enabled, @problems, @worstSeverity, @seenAt)
     ON CONFLICT (device_id) DO UPDATE SET server = excluded.server, host_id = excluded.host_id, host = excluded.host, name = excluded.name,
       matched_by = excluded.matched_by, available = excluded.available, enabled = excluded.enabled, problems = excluded.problems,
       worst_severity = excluded.worst_severity, seen_at = excluded.seen_at`,
  );
  const remove = db.prepare('DELETE FROM zabbix_links WHERE device_id = ?');
  const removeOtherServers = db.prepare('DELETE FROM zabbix_links WHERE server != ?');
  const pushed = db.prepare<[string], { device_id: string; host_id: string }>('SELECT device_id, host_id FROM zabbix_pushes WHERE server = ?');

  return {
    all: (): ZabbixLink[] => all.all().map(toLink),
    ofDevice: (deviceId: string): ZabbixLink | undefined => {
      const r = ofDevice.get(deviceId);
      return r ? toLink(r) : undefined;
    },
    ofServer: (server: string): ZabbixLink[] => ofServer.all(server).map(toLink),
    /** Ids of the devices created from Zabbix hosts (any server). */
    importedIds: (): string[] => imported.all().map((r) => r.device_id),
    /** Ids of the devices created from another server's hosts than `server`. */
    importedFromOtherServers: (server: string): string[] => importedElsewhere.all(server).map((r) => r.device_id),
    upsert(link: ZabbixLink): void {
      upsert.run({ ...link, enabled: link.enabled ? 1 : 0 });
    },
    remove: (deviceId: string): void => void remove.run(deviceId),
    removeOtherServers: (server: string): void => void removeOtherServers.run(server),
    /** Host id each device was pushed as to `server`, by device id. */
    pushedTo: (server: string): Map<string, string> => new Map(pushed.all(server).map((r) => [r.device_id, r.host_id])),
  };
}

export type ZabbixLinksRepo = ReturnType<typeof createZabbixLinksRepo>;
