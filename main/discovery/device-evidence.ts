/**
 * What one extra, bounded round of SNMP GETs learns about a host beyond the system group: the
 * chassis row of ENTITY-MIB (model, serial, revisions), LLDP's enabled capabilities, BRIDGE-MIB's
 * port count, IP-MIB's forwarding flag, HOST-RESOURCES device types, Printer-MIB and UPS-MIB
 * identity. Every field is optional: an agent that does not implement a MIB leaves it out. The
 * classifier weighs it (classifier.ts) and the device keeps the inventory part (model, serial,
 * firmware, hardware revision).
 */

/** ENTITY-MIB entPhysicalTable, the chassis (or the first physical entity when none is a chassis). */
export interface EntityChassis {
  descr?: string | null;
  name?: string | null;
  model?: string | null;
  serial?: string | null;
  mfgName?: string | null;
  hardwareRev?: string | null;
  firmwareRev?: string | null;
  softwareRev?: string | null;
}

/** LLDP-MIB LldpSystemCapabilitiesMap bit names (IEEE 802.1AB). */
export type LldpCapability = 'other' | 'repeater' | 'bridge' | 'wlanAccessPoint' | 'router' | 'telephone' | 'docsisCableDevice' | 'stationOnly';

export interface DeviceEvidence {
  entity?: EntityChassis;
  /** LLDP-MIB lldpLocSysCapEnabled.0, decoded. */
  lldpCapabilities?: LldpCapability[];
  /** BRIDGE-MIB dot1dBaseNumPorts.0 (a bridge with this many ports). */
  bridgePorts?: number | null;
  /** IP-MIB ipForwarding.0: true = forwarding(1), false = notForwarding(2). */
  ipForwarding?: boolean | null;
  /** HOST-RESOURCES-MIB hrDeviceType values, as the last arc of hrDeviceTypes (3 = processor, 5 = printer, 6 = diskStorage, ...). */
  hrDeviceTypes?: number[];
  /** Printer-MIB answers (prtGeneral or prtMarkerSupplies rows exist). */
  printerMib?: boolean;
  /**
   * Values of the OIDs OS families test beyond the system group (os-families.ts familyProbes),
   * by numeric OID: null = asked, the agent has no such object. Absent = not asked.
   */
  familyValues?: Record<string, string | null>;
  /** UPS-MIB (RFC 1628) upsIdent. */
  ups?: { manufacturer?: string | null; model?: string | null; softwareVersion?: string | null; agentSoftwareVersion?: string | null };
}
