/**
 * The OIDs of the evidence round (device-evidence.ts) and how their answers become a
 * DeviceEvidence. Pure: evidence-read.ts asks the agent, this file only reads VarBinds.
 *
 * OIDs (scalars, or the instance the round GETs):
 * - ENTITY-MIB entPhysicalEntry (1.3.6.1.2.1.47.1.1.1.1) columns Descr 2, Class 5, Name 7,
 *   HardwareRev 8, FirmwareRev 9, SoftwareRev 10, SerialNum 11, MfgName 12, ModelName 13;
 *   entPhysicalClass 3 = chassis;
 * - LLDP-MIB lldpLocSysCapEnabled.0 (1.0.8802.1.1.2.1.3.6.0), BITS;
 * - BRIDGE-MIB dot1dBaseNumPorts.0 (1.3.6.1.2.1.17.1.2.0);
 * - IP-MIB ipForwarding.0 (1.3.6.1.2.1.4.1.0): forwarding(1), notForwarding(2);
 * - HOST-RESOURCES-MIB hrDeviceType.1 (1.3.6.1.2.1.25.3.2.1.2.1): an OID under hrDeviceTypes;
 * - Printer-MIB prtGeneralPrinterName.1 (1.3.6.1.2.1.43.5.1.1.16.1);
 * - UPS-MIB upsIdentManufacturer/Model/UPSSoftwareVersion/AgentSoftwareVersion .0 (1.3.6.1.2.1.33.1.1.{1,2,3,4}.0).
 */
import { compareOids, isException, isInSubtree, type VarBind } from '../snmp/index.ts';
import type { DeviceEvidence, EntityChassis, LldpCapability } from './device-evidence.ts';

export const ENT_PHYSICAL_ENTRY = '1.3.6.1.2.1.47.1.1.1.1';
/** entPhysicalClass value of a chassis. */
export const CHASSIS_CLASS = 3;

/** The entPhysicalEntry columns read, class first (the chassis search keys on it). */
export const ENTITY_COLUMNS = { class: 5, descr: 2, name: 7, model: 13, serial: 11, mfgName: 12, hardwareRev: 8, firmwareRev: 9, softwareRev: 10 } as const;
type EntityField = Exclude<keyof typeof ENTITY_COLUMNS, 'class'>;
const ENTITY_KEYS = Object.keys(ENTITY_COLUMNS) as (keyof typeof ENTITY_COLUMNS)[];

/** Column OIDs of entPhysicalEntry, in ENTITY_KEYS order. */
export const ENTITY_COLUMN_OIDS: readonly string[] = ENTITY_KEYS.map((k) => `${ENT_PHYSICAL_ENTRY}.${ENTITY_COLUMNS[k]}`);

/** The other objects of the round, as the object OID (no instance) and the instance a GET asks for. */
export const OTHER_OBJECTS = {
  lldpCaps: { base: '1.0.8802.1.1.2.1.3.6', instance: '0' },
  bridgePorts: { base: '1.3.6.1.2.1.17.1.2', instance: '0' },
  ipForwarding: { base: '1.3.6.1.2.1.4.1', instance: '0' },
  hrDeviceType: { base: '1.3.6.1.2.1.25.3.2.1.2', instance: '1' },
  printerName: { base: '1.3.6.1.2.1.43.5.1.1.16', instance: '1' },
  upsManufacturer: { base: '1.3.6.1.2.1.33.1.1.1', instance: '0' },
  upsModel: { base: '1.3.6.1.2.1.33.1.1.2', instance: '0' },
  upsSoftware: { base: '1.3.6.1.2.1.33.1.1.3', instance: '0' },
  upsAgentSoftware: { base: '1.3.6.1.2.1.33.1.1.4', instance: '0' },
} as const;
type OtherKey = keyof typeof OTHER_OBJECTS;
const OTHER_KEYS = Object.keys(OTHER_OBJECTS) as OtherKey[];

/** Every object of the round (entity columns, then the others): what a GETNEXT asks for on SNMPv1. */
export const EVIDENCE_BASES: readonly string[] = [...ENTITY_COLUMN_OIDS, ...OTHER_KEYS.map((k) => OTHER_OBJECTS[k].base)];

/** The one GET of the round: the entity columns at `entityIndex`, then the other objects' instances. */
export function evidenceGetOids(entityIndex = '1'): string[] {
  return [...ENTITY_COLUMN_OIDS.map((c) => `${c}.${entityIndex}`), ...OTHER_KEYS.map((k) => `${OTHER_OBJECTS[k].base}.${OTHER_OBJECTS[k].instance}`)];
}

/** LldpSystemCapabilitiesMap bits, bit 0 first. */
const LLDP_BITS: readonly LldpCapability[] = ['other', 'repeater', 'bridge', 'wlanAccessPoint', 'router', 'telephone', 'docsisCableDevice', 'stationOnly'];

/**
 * A BITS value (RFC 2578): bit 0 is the most significant bit of the first octet. Returns the
 * capabilities whose bit is set; bits past the named ones are ignored.
 */
export function decodeLldpCapabilities(bytes: Uint8Array): LldpCapability[] {
  const out: LldpCapability[] = [];
  LLDP_BITS.forEach((name, bit) => {
    const byte = bytes[bit >> 3];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) out.push(name);
  });
  return out;
}

const present = (vb: VarBind | undefined): vb is VarBind => vb !== undefined && !isException(vb) && vb.type !== 'Null';

/** A DisplayString / SnmpAdminString as text; null when absent or blank. */
function text(vb: VarBind | undefined): string | null {
  if (!present(vb)) return null;
  const raw = vb.type === 'OctetString' ? vb.bytes.toString('utf8').replace(/\0+$/, '') : typeof vb.value === 'string' || typeof vb.value === 'number' ? String(vb.value) : '';
  // eslint-disable-next-line no-control-regex
  const t = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return t === '' ? null : t.slice(0, 255);
}

const int = (vb: VarBind | undefined): number | null => (present(vb) && typeof vb.value === 'number' ? vb.value : null);

/** One entPhysicalEntry row, as read (class kept to pick the chassis). */
export interface EntityRow extends EntityChassis {
  index: string;
  physicalClass: number | null;
}

/**
 * The rows of entPhysicalEntry in `vbs` (a GET, GETNEXT or GETBULK answer), by index, from every
 * varbind under one of the columns read; others (past the table, exceptions) are ignored.
 */
export function entityRows(vbs: readonly VarBind[]): EntityRow[] {
  const rows = new Map<string, EntityRow>();
  for (const vb of vbs) {
    if (!present(vb)) continue;
    const col = ENTITY_COLUMN_OIDS.findIndex((c) => isInSubtree(c, vb.oid));
    if (col < 0) continue;
    const index = vb.oid.slice((ENTITY_COLUMN_OIDS[col] as string).length + 1);
    let row = rows.get(index);
    if (!row) rows.set(index, (row = { index, physicalClass: null }));
    const key = ENTITY_KEYS[col] as keyof typeof ENTITY_COLUMNS;
    if (key === 'class') row.physicalClass = int(vb);
    else row[key as EntityField] = text(vb);
  }
  return [...rows.values()].sort((a, b) => compareOids(a.index, b.index));
}

const hasFacts = (r: EntityRow): boolean => ENTITY_KEYS.some((k) => k !== 'class' && r[k as EntityField]);

/** The first chassis (class 3) among `rows`, else the first row that says anything; null when none does. */
export function pickChassis(rows: readonly EntityRow[]): EntityRow | null {
  return rows.find((r) => r.physicalClass === CHASSIS_CLASS && hasFacts(r)) ?? rows.find(hasFacts) ?? null;
}

/** The chassis part of the evidence (no index, no class). */
export function chassisOf(row: EntityRow): EntityChassis {
  const out: EntityChassis = {};
  for (const k of ENTITY_KEYS) if (k !== 'class' && row[k as EntityField]) out[k as EntityField] = row[k as EntityField] ?? null;
  return out;
}

/**
 * The non-entity objects from an answer. `vbs` are matched by OID: the instance a GET asked for,
 * or, for a GETNEXT answer, the first instance under the object.
 */
export function decodeOthers(vbs: readonly VarBind[]): Omit<DeviceEvidence, 'entity'> {
  const by = {} as Partial<Record<OtherKey, VarBind>>;
  for (const vb of vbs) {
    if (!present(vb)) continue;
    const k = OTHER_KEYS.find((key) => isInSubtree(OTHER_OBJECTS[key].base, vb.oid));
    if (k && !by[k]) by[k] = vb;
  }
  const out: Omit<DeviceEvidence, 'entity'> = {};
  const caps = by.lldpCaps;
  if (caps?.type === 'OctetString') out.lldpCapabilities = decodeLldpCapabilities(caps.bytes);
  const ports = int(by.bridgePorts);
  if (ports !== null) out.bridgePorts = ports;
  const fwd = int(by.ipForwarding);
  if (fwd === 1 || fwd === 2) out.ipForwarding = fwd === 1;
  const hr = by.hrDeviceType;
  if (hr?.type === 'ObjectIdentifier') {
    const last = Number(hr.value.split('.').at(-1));
    if (Number.isInteger(last)) out.hrDeviceTypes = [last];
  }
  if (present(by.printerName)) out.printerMib = true;
  const ups = { manufacturer: text(by.upsManufacturer), model: text(by.upsModel), softwareVersion: text(by.upsSoftware), agentSoftwareVersion: text(by.upsAgentSoftware) };
  if (Object.values(ups).some((v) => v !== null)) out.ups = ups;
  return out;
}

/** What a device keeps of the evidence: its inventory. */
export interface Inventory {
  model: string | null;
  serial: string | null;
  /** Software (else firmware) revision of the chassis, else the UPS's software version. */
  firmware: string | null;
  hardwareRev: string | null;
}

export function inventoryOf(e: DeviceEvidence | null | undefined): Inventory {
  const c = e?.entity;
  return {
    model: c?.model ?? e?.ups?.model ?? null,
    serial: c?.serial ?? null,
    firmware: c?.softwareRev ?? c?.firmwareRev ?? e?.ups?.softwareVersion ?? null,
    hardwareRev: c?.hardwareRev ?? null,
  };
}
