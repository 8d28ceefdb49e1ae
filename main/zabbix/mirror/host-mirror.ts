/**
 * Applies a host list read from Zabbix: links hosts to WARD FLUX's own devices (see match.ts),
 * keeps a device per unmatched host ("imported": name, address and identity from Zabbix, tag
 * `zabbix`), deletes the imported devices whose host left Zabbix, and stores what Zabbix says
 * about each linked host (availability, open problems). Devices change through the devices area
 * (main/devices/) in one transaction per apply; it emits the usual `device.created/updated/deleted`
 * events after the commit, once per device.
 */
import type { z } from 'zod';
import type { Device, DeviceCreateInput } from '../../api/devices.ts';
import { DEVICE_TYPE_LABELS } from '../../api/device-type-labels.ts';
import { DeviceType } from '../../api/discovery.ts';
import { addressProblem } from '../../api/common.ts';
import type { ZabbixHost, ZabbixProblem } from '../../api/zabbix.ts';
import type { Devices, IdentityPatch } from '../../devices/devices.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ZabbixLink, ZabbixLinksRepo } from './links-repo.ts';
import { matchHosts } from './match.ts';

export const IMPORTED_TAG = 'zabbix';
const NAME_MAX = 128;

type DeviceCreate = z.output<typeof DeviceCreateInput>;

export interface HostMirrorDeps {
  devices: Pick<Devices, 'get' | 'create' | 'update' | 'delete' | 'setIdentity' | 'transaction' | 'summaries' | 'byName' | 'byAddress'>;
  links: ZabbixLinksRepo;
  /** The alerts area's entry point for external problems: a host's mirrored problems follow it to another device. */
  moveExternalAlerts: (toDeviceId: string, fromDeviceId: string) => void;
  logger: Logger;
}

export interface ApplyResult {
  hosts: number;
  /** Hosts linked to WARD FLUX's own devices. */
  matched: number;
  /** Hosts mirrored as imported devices. */
  imported: number;
  created: number;
  updated: number;
  deleted: number;
  /** Device id by Zabbix host id, for every host read. */
  hostDevice: Map<string, string>;
}

/** 0 unknown, 1 available, 2 unavailable: available when any interface answers, unavailable when none does and one failed. */
export function hostAvailability(host: ZabbixHost): number {
  const states = host.interfaces.map((i) => i.available ?? 0);
  if (states.includes(1)) return 1;
  return states.includes(2) ? 2 : 0;
}

/** The interface a device address comes from: a main one, agent before SNMP, IPMI, JMX. */
function mainInterface(host: ZabbixHost): ZabbixHost['interfaces'][number] | undefined {
  return [...host.interfaces].sort((a, b) => Number(b.main) - Number(a.main) || a.type - b.type)[0];
}

/** Addresses an imported device may take, best first: the main interface's (IP, or DNS when it does not use the IP), then the others. */
function addressChoices(host: ZabbixHost): string[] {
  const main = mainInterface(host);
  const list = main ? [main.useIp ? main.ip : main.dns, main.useIp ? main.dns : main.ip] : [];
  for (const i of host.interfaces) list.push(i.ip, i.dns);
  // Never resolvable (RFC 2606): for a host without a usable interface, or whose address another device has.
  list.push(`zabbix-host-${host.hostId.replace(/[^0-9a-z-]/gi, '')}.invalid`);
  return [...new Set(list.map((a) => a.trim()).filter((a) => a && !addressProblem(a)))];
}

/** Lower case, with runs of spaces, dashes and underscores as one space: "Load_Balancer" and "load-balancer" read alike. */
const words = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
const TYPE_BY_WORDS = new Map<string, DeviceType>(
  DeviceType.options.flatMap((t) => [
    [words(t), t],
    [words(DEVICE_TYPE_LABELS[t]), t],
  ]),
);

/**
 * A device type from the inventory's free-text type field, as an admin fills it in: the type's
 * name ("pdu", "load-balancer") or its words ("PDU", "Load balancer", "Environment sensor"),
 * in any case and spacing. Anything else is no type.
 */
function deviceTypeFromText(text: string): DeviceType | undefined {
  return TYPE_BY_WORDS.get(words(text));
}

/** What a device is, from the host inventory fields Zabbix has (only those filled in). */
export function identityFromInventory(inventory: Record<string, string>): Partial<IdentityPatch> {
  const out: Partial<IdentityPatch> = {};
  const text = (k: string) => inventory[k]?.trim() || undefined;
  const type = deviceTypeFromText(text('type') ?? '');
  if (type) out.type = type;
  const vendor = text('vendor');
  if (vendor) out.vendor = vendor;
  const model = text('model');
  if (model) out.model = model;
  const os = text('os_short') ?? text('os');
  if (os) out.os = os;
  const location = text('location');
  if (location) out.location = location;
  return out;
}

export function createHostMirror(deps: HostMirrorDeps) {
  const { devices, links } = deps;
  const log = deps.logger.child({ area: 'zabbix-mirror' });
  /** WARD FLUX's own devices (not imported from Zabbix), for the matcher. */
  const ownDevices = () => {
    const imported = new Set(links.importedIds());
    return devices.summaries().filter((d) => !imported.has(d.id));
  };
  // Case-insensitive, as every device lookup (main/devices/).
  const nameOwner = (name: string) => devices.byName(name);
  const addressOwner = (address: string) => devices.byAddress(address);

  const free = (owner: { id: string } | undefined, self: string | undefined) => !owner || owner.id === self;

  function deviceName(host: ZabbixHost, self: string | undefined): string {
    const base = (host.name || host.host).trim().slice(0, NAME_MAX);
    if (free(nameOwner(base), self)) return base;
    const suffix = ` (Zabbix ${host.hostId})`;
    return `${base.slice(0, NAME_MAX - suffix.length)}${suffix}`;
  }

  function deviceAddress(host: ZabbixHost, self: string | undefined): string {
    const choices = addressChoices(host);
    return choices.find((a) => free(addressOwner(a), self)) ?? choices.at(-1)!;
  }

  /** Deletes devices in one transaction (devices/ reports them after the commit). */
  function deleteDevices(ids: readonly string[], why: string): number {
    if (!ids.length) return 0;
    devices.transaction(() => {
      for (const id of ids) devices.delete(id);
    });
    log.info({ count: ids.length, why }, 'imported zabbix devices deleted');
    return ids.length;
  }

  return {
    /**
     * Brings links and imported devices in line with a fresh host list of `server` (never call it
     * with stale data: hosts missing from it are deleted). `problems` gives each host's open problem
     * count and worst severity; `seenAt` is when the list was read.
     */
    apply(server: string, hosts: readonly ZabbixHost[], problems: readonly ZabbixProblem[], seenAt: number, opts: { complete?: boolean } = {}): ApplyResult {
      const complete = opts.complete ?? true;
      const previous = links.ofServer(server);
      const previousByHost = new Map(previous.map((l) => [l.hostId, l]));
      const { links: matched, unmatched } = matchHosts({
        hosts,
        devices: ownDevices().map((d) => ({ id: d.id, name: d.name, address: d.address, sysName: d.sysName })),
        pushed: links.pushedTo(server),
        previous: new Map(previous.filter((l) => l.matchedBy !== 'imported').map((l) => [l.hostId, l.deviceId])),
      });

      const stats = new Map<string, { problems: number; worst: number | null }>();
      for (const p of problems) {
        for (const h of p.hosts) {
          const s = stats.get(h.hostId) ?? { problems: 0, worst: null };
          s.problems++;
          s.worst = Math.max(s.worst ?? 0, p.severity);
          stats.set(h.hostId, s);
        }
      }
      const view = (host: ZabbixHost, deviceId: string, matchedBy: ZabbixLink['matchedBy']): ZabbixLink => ({
        deviceId,
        server,
        hostId: host.hostId,
        host: host.host,
        name: host.name,
        matchedBy,
        available: hostAvailability(host),
        enabled: host.enabled,
        problems: stats.get(host.hostId)?.problems ?? 0,
        worstSeverity: stats.get(host.hostId)?.worst ?? null,
        seenAt,
      });

      const hostById = new Map(hosts.map((h) => [h.hostId, h]));
      const unmatchedIds = new Set(unmatched.map((h) => h.hostId));
      const ownByHost = new Map(matched.map((m) => [m.hostId, m.deviceId]));
      // Imported devices whose host now stands for one of our own devices, or is gone. From a
      // truncated read (`complete: false`) a missing host may still exist: nothing is deleted for that.
      const gone = previous.filter((l) => l.matchedBy === 'imported' && !unmatchedIds.has(l.hostId) && (complete || ownByHost.has(l.hostId)));

      const created: Device[] = [];
      const updated: Device[] = [];
      const hostDevice = new Map<string, string>();
      devices.transaction(() => {
        for (const l of gone) {
          // The host's mirrored problems move to the own device with their history and acknowledgements.
          const own = ownByHost.get(l.hostId);
          if (own) deps.moveExternalAlerts(own, l.deviceId);
          devices.delete(l.deviceId);
        }
        // Own devices no longer matched, or matched to another host, lose their old link first: (server, host_id) is unique.
        const matchedByDevice = new Map(matched.map((m) => [m.deviceId, m]));
        for (const l of previous) {
          if (l.matchedBy !== 'imported' && matchedByDevice.get(l.deviceId)?.hostId !== l.hostId) links.remove(l.deviceId);
        }
        for (const m of matched) {
          links.upsert(view(hostById.get(m.hostId)!, m.deviceId, m.matchedBy));
          hostDevice.set(m.hostId, m.deviceId);
        }
        for (const host of unmatched) {
          const existing = previousByHost.get(host.hostId);
          const self = existing?.matchedBy === 'imported' ? existing.deviceId : undefined;
          const name = deviceName(host, self);
          const address = deviceAddress(host, self);
          let device: Device;
          let changed = true;
          if (self) {
            device = devices.get(self);
            changed = device.name !== name || device.address !== address;
            if (changed) device = devices.update({ id: self, name, address });
          } else {
            device = devices.create({ name, address, tags: [IMPORTED_TAG], notes: `Imported from Zabbix host "${host.host}" (${host.hostId}).`, credentialIds: [], enabled: true });
          }
          links.upsert(view(host, device.id, 'imported'));
          const withIdentity = devices.setIdentity(device.id, identityFromInventory(host.inventory));
          if (withIdentity) {
            device = withIdentity;
            changed = true;
          }
          if (!self) created.push(device);
          else if (changed) updated.push(device);
          hostDevice.set(host.hostId, device.id);
        }
      });
      if (gone.length) log.info({ count: gone.length }, 'imported zabbix devices deleted: host left zabbix or matched an own device');
      if (created.length || updated.length || gone.length) log.info({ created: created.length, updated: updated.length, deleted: gone.length }, 'zabbix hosts mirrored');
      return { hosts: hosts.length, matched: matched.length, imported: unmatched.length, created: created.length, updated: updated.length, deleted: gone.length, hostDevice };
    },

    /**
     * Adding a device at the address of an imported one (the technician adds a device Zabbix
     * already has): the imported device becomes the technician's own, with the fields given, and
     * keeps its id, its link to the host (now matched by IP), its alerts and its history. Undefined
     * when no imported device has that address (the device is created as usual).
     */
    adopt(input: DeviceCreate): Device | undefined {
      const owner = addressOwner(input.address);
      const link = owner ? links.ofDevice(owner.id) : undefined;
      if (!owner || link?.matchedBy !== 'imported') return undefined;
      const device = devices.transaction(() => {
        const d = devices.update({ id: owner.id, name: input.name, tags: input.tags, notes: input.notes, credentialIds: input.credentialIds, enabled: input.enabled });
        links.upsert({ ...link, matchedBy: 'ip' });
        return d;
      });
      log.info({ deviceId: device.id, hostId: link.hostId }, 'imported zabbix device adopted as an own device');
      return device;
    },

    /** Device id by host id from the stored links of `server` (for stale data: nothing is re-read). */
    hostDevice(server: string): Map<string, string> {
      return new Map(links.ofServer(server).map((l) => [l.hostId, l.deviceId]));
    },

    /** Deletes every imported device (leaving Zabbix and hybrid modes). Own devices keep their links. */
    removeImported(why: string): number {
      return deleteDevices(links.importedIds(), why);
    },

    /** Forgets another server's mirror: its imported devices and every link to it. */
    forgetOtherServers(server: string): number {
      const n = deleteDevices(links.importedFromOtherServers(server), 'zabbix server changed');
      links.removeOtherServers(server);
      return n;
    },
  };
}

export type HostMirror = ReturnType<typeof createHostMirror>;
