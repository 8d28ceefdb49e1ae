/**
 * Matching Zabbix hosts to WARD FLUX's own devices, one-to-one, by the strongest evidence first:
 * a previous push (the host id Zabbix gave the pushed device), then an interface IP equal to the
 * device address, then an interface DNS name equal to the device address, name or sysName, then
 * the host's technical or visible name equal to the device name or sysName. Text compares
 * case-insensitively. Pure: no database, no clock.
 */
import type { ZabbixHost } from '../../api/zabbix.ts';

export type MatchedBy = 'pushed' | 'ip' | 'dns' | 'name';

/** What matching needs of a device (an own device: imported ones are not candidates). */
export interface MatchDevice {
  id: string;
  name: string;
  address: string;
  sysName: string | null;
}

export interface HostLink {
  hostId: string;
  deviceId: string;
  matchedBy: MatchedBy;
}

export interface MatchInput {
  hosts: readonly ZabbixHost[];
  devices: readonly MatchDevice[];
  /** Host id a device was pushed as (zabbix_pushes, same server), by device id. */
  pushed?: ReadonlyMap<string, string>;
  /** The current links (device id by host id): on a tie they are kept, so links do not flap. */
  previous?: ReadonlyMap<string, string>;
}

export interface MatchResult {
  links: HostLink[];
  /** Hosts no device matched, in the order given. */
  unmatched: ZabbixHost[];
}

const LEVELS: readonly MatchedBy[] = ['pushed', 'ip', 'dns', 'name'];

interface Candidate {
  host: ZabbixHost;
  hostIndex: number;
  device: MatchDevice;
  /** Lower is better within a level (the main interface before the others). */
  rank: number;
}

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase();

/** Interfaces with the main ones first, then in the order Zabbix lists them. */
function interfacesByPreference(host: ZabbixHost): ZabbixHost['interfaces'] {
  return [...host.interfaces].sort((a, b) => Number(b.main) - Number(a.main));
}

/** Devices by each text key, several devices per key possible (a name equal to another's sysName). */
function indexBy(devices: readonly MatchDevice[], keys: (d: MatchDevice) => (string | null)[]): Map<string, MatchDevice[]> {
  const out = new Map<string, MatchDevice[]>();
  for (const d of devices) {
    for (const k of new Set(keys(d).map(norm))) {
      if (!k) continue;
      const list = out.get(k);
      if (list) list.push(d);
      else out.set(k, [d]);
    }
  }
  return out;
}

function candidates(level: MatchedBy, input: MatchInput, indexes: ReturnType<typeof buildIndexes>): Candidate[] {
  const out: Candidate[] = [];
  input.hosts.forEach((host, hostIndex) => {
    const add = (devices: MatchDevice[] | undefined, rank: number) => {
      for (const device of devices ?? []) out.push({ host, hostIndex, device, rank });
    };
    if (level === 'pushed') add(indexes.pushedByHost.get(host.hostId), 0);
    else if (level === 'ip') interfacesByPreference(host).forEach((i, rank) => add(indexes.byAddress.get(norm(i.ip)), rank));
    else if (level === 'dns') interfacesByPreference(host).forEach((i, rank) => add(indexes.byDnsKey.get(norm(i.dns)), rank));
    else {
      add(indexes.byNameKey.get(norm(host.host)), 0);
      add(indexes.byNameKey.get(norm(host.name)), 1);
    }
  });
  return out;
}

function buildIndexes(input: MatchInput) {
  const byId = new Map(input.devices.map((d) => [d.id, d]));
  const pushedByHost = new Map<string, MatchDevice[]>();
  for (const [deviceId, hostId] of input.pushed ?? []) {
    const d = byId.get(deviceId);
    if (d) pushedByHost.set(hostId, [...(pushedByHost.get(hostId) ?? []), d]);
  }
  return {
    pushedByHost,
    byAddress: indexBy(input.devices, (d) => [d.address]),
    byDnsKey: indexBy(input.devices, (d) => [d.address, d.name, d.sysName]),
    byNameKey: indexBy(input.devices, (d) => [d.name, d.sysName]),
  };
}

/**
 * Links hosts to devices, one-to-one. Each level takes its pairs before the next level looks;
 * within a level, ties go to the current link, then to the better interface, then to the host
 * listed first, then to the device whose name sorts first.
 */
export function matchHosts(input: MatchInput): MatchResult {
  const indexes = buildIndexes(input);
  const linkedHosts = new Map<string, HostLink>();
  const linkedDevices = new Set<string>();
  for (const level of LEVELS) {
    const list = candidates(level, input, indexes).sort(
      (a, b) =>
        Number(input.previous?.get(b.host.hostId) === b.device.id) - Number(input.previous?.get(a.host.hostId) === a.device.id) ||
        a.rank - b.rank ||
        a.hostIndex - b.hostIndex ||
        norm(a.device.name).localeCompare(norm(b.device.name)) ||
        a.device.id.localeCompare(b.device.id),
    );
    for (const c of list) {
      if (linkedHosts.has(c.host.hostId) || linkedDevices.has(c.device.id)) continue;
      linkedHosts.set(c.host.hostId, { hostId: c.host.hostId, deviceId: c.device.id, matchedBy: level });
      linkedDevices.add(c.device.id);
    }
  }
  return {
    links: input.hosts.flatMap((h) => linkedHosts.get(h.hostId) ?? []),
    unmatched: input.hosts.filter((h) => !linkedHosts.has(h.hostId)),
  };
}
