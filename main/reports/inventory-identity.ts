/**
 * What the inventory says a device is. A later scan that learns less (a wrong community, a host
 * that did not answer SNMP this time) must never erase what an earlier one learned, so:
 * - the discovery records of one address are merged field by field, the newest non-empty value
 *   winning (a type is empty when it is 'unknown'); the methods that found it are the union;
 * - a device's identity comes from the devices area (main/devices/ keeps the best known one),
 *   and only its empty fields are filled from the merged discovery records.
 * Pure functions: collect.ts reads the records and the devices.
 */
import type { DiscoveryHost } from '../api/discovery.ts';
import type { Device } from '../api/devices.ts';
import type { InventoryDevice } from './types.ts';

/** The facts of one address the inventory shows, from its discovery records. */
export type DiscoveredIdentity = Pick<InventoryDevice, 'type' | 'vendor' | 'model' | 'serial' | 'firmware' | 'hardwareRev' | 'os' | 'osVersion' | 'mac' | 'macVendor' | 'location' | 'sysName' | 'sysDescr' | 'foundBy'> & {
  /** When a scan last saw the address. */
  seenAt: number;
};

const FIELDS = ['vendor', 'model', 'serial', 'firmware', 'hardwareRev', 'os', 'osVersion', 'mac', 'macVendor', 'location', 'sysName', 'sysDescr'] as const;
const METHOD_ORDER = ['icmp', 'tcp', 'arp', 'snmp'];

const filled = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';

function fromHost(h: DiscoveryHost, at: number): DiscoveredIdentity {
  return {
    type: h.type,
    vendor: h.vendor,
    model: h.model,
    // Absent in results stored before the evidence round.
    serial: h.serial ?? null,
    firmware: h.firmware ?? null,
    hardwareRev: h.hardwareRev ?? null,
    os: h.os,
    osVersion: h.osVersion,
    mac: h.mac,
    macVendor: h.macVendor,
    location: h.sysLocation,
    sysName: h.sysName,
    sysDescr: h.sysDescr,
    foundBy: [...h.foundBy],
    seenAt: at,
  };
}

/**
 * Folds one more record of an address into what is known of it. Records may come in any order:
 * a field keeps the value of the newest record that has one.
 */
export function mergeDiscovered(known: DiscoveredIdentity | undefined, host: DiscoveryHost, at: number): DiscoveredIdentity {
  const next = fromHost(host, at);
  if (!known) return next;
  const [older, newer] = known.seenAt <= at ? [known, next] : [next, known];
  const out: DiscoveredIdentity = { ...newer, foundBy: [], seenAt: newer.seenAt };
  out.type = newer.type !== 'unknown' ? newer.type : older.type;
  for (const k of FIELDS) out[k] = filled(newer[k]) ? newer[k] : filled(older[k]) ? older[k] : null;
  const methods = new Set([...older.foundBy, ...newer.foundBy]);
  out.foundBy = [...methods].sort((a, b) => rank(a) - rank(b));
  return out;
}

function rank(method: string): number {
  const i = METHOD_ORDER.indexOf(method);
  return i < 0 ? METHOD_ORDER.length : i;
}

export type DeviceIdentityFacts = Pick<Device, 'type' | 'vendor' | 'model' | 'serial' | 'firmware' | 'hardwareRev' | 'os' | 'osVersion' | 'location' | 'sysName'>;

/** The device's identity where it has one, the discovery records' for what it lacks. */
export function inventoryIdentity(device: DeviceIdentityFacts | undefined, discovered: DiscoveredIdentity | undefined): Omit<DiscoveredIdentity, 'seenAt' | 'foundBy'> {
  const pick = (own: string | null | undefined, found: string | null | undefined) => (filled(own) ? own : filled(found) ? found : null);
  return {
    type: device && device.type !== 'unknown' ? device.type : (discovered?.type ?? 'unknown'),
    vendor: pick(device?.vendor, discovered?.vendor),
    model: pick(device?.model, discovered?.model),
    serial: pick(device?.serial, discovered?.serial),
    firmware: pick(device?.firmware, discovered?.firmware),
    hardwareRev: pick(device?.hardwareRev, discovered?.hardwareRev),
    // OS and its version go together: a version is never attached to another source's OS.
    ...(filled(device?.os) ? { os: device?.os ?? null, osVersion: device?.osVersion ?? null } : { os: discovered?.os ?? null, osVersion: filled(discovered?.os) ? (discovered?.osVersion ?? null) : null }),
    mac: discovered?.mac ?? null,
    macVendor: discovered?.macVendor ?? null,
    location: pick(device?.location, discovered?.location),
    sysName: pick(device?.sysName, discovered?.sysName),
    sysDescr: discovered?.sysDescr ?? null,
  };
}
