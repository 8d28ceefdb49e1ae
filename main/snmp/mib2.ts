/**
 * The MIB objects WARD FLUX knows by name, without MIB files: MIB-II (SNMPv2-MIB, IF-MIB, IP-MIB),
 * HOST-RESOURCES-MIB, UCD-SNMP-MIB, ENTITY-MIB and SNMP-FRAMEWORK-MIB. Names resolve to numeric
 * OIDs in {@link ./oid-names.ts}.
 */

/** scalar: one instance `.0`; table/entry: a conceptual table and its row; column: a table column; node: a subtree. */
export type MibKind = 'node' | 'scalar' | 'table' | 'entry' | 'column';

export interface MibObject {
  name: string;
  module: string;
  oid: string;
  kind: MibKind;
}

const MIB2 = '1.3.6.1.2.1';
const IF_ENTRY = `${MIB2}.2.2.1`;
const IFX_ENTRY = `${MIB2}.31.1.1.1`;
const HR = `${MIB2}.25`;
const UCD = '1.3.6.1.4.1.2021';

const o = (name: string, module: string, oid: string, kind: MibKind): MibObject => ({ name, module, oid, kind });

/** Every object known by name. Each line is one MIB object; its name is its MIB name. */
export const MIB_OBJECTS: readonly MibObject[] = [
  o('iso', 'SNMPv2-SMI', '1', 'node'),
  o('internet', 'SNMPv2-SMI', '1.3.6.1', 'node'),
  o('mib-2', 'SNMPv2-SMI', MIB2, 'node'),
  o('enterprises', 'SNMPv2-SMI', '1.3.6.1.4.1', 'node'),
  // SNMPv2-MIB::system
  o('system', 'SNMPv2-MIB', `${MIB2}.1`, 'node'),
  o('sysDescr', 'SNMPv2-MIB', `${MIB2}.1.1`, 'scalar'), // SNMPv2-MIB::sysDescr
  o('sysObjectID', 'SNMPv2-MIB', `${MIB2}.1.2`, 'scalar'), // SNMPv2-MIB::sysObjectID
  o('sysUpTime', 'SNMPv2-MIB', `${MIB2}.1.3`, 'scalar'), // SNMPv2-MIB::sysUpTime (hundredths of a second since the agent started)
  o('sysContact', 'SNMPv2-MIB', `${MIB2}.1.4`, 'scalar'), // SNMPv2-MIB::sysContact
  o('sysName', 'SNMPv2-MIB', `${MIB2}.1.5`, 'scalar'), // SNMPv2-MIB::sysName
  o('sysLocation', 'SNMPv2-MIB', `${MIB2}.1.6`, 'scalar'), // SNMPv2-MIB::sysLocation
  o('sysServices', 'SNMPv2-MIB', `${MIB2}.1.7`, 'scalar'), // SNMPv2-MIB::sysServices
  o('sysORLastChange', 'SNMPv2-MIB', `${MIB2}.1.8`, 'scalar'), // SNMPv2-MIB::sysORLastChange
  o('sysORTable', 'SNMPv2-MIB', `${MIB2}.1.9`, 'table'), // SNMPv2-MIB::sysORTable
  o('sysOREntry', 'SNMPv2-MIB', `${MIB2}.1.9.1`, 'entry'),
  o('sysORID', 'SNMPv2-MIB', `${MIB2}.1.9.1.2`, 'column'), // SNMPv2-MIB::sysORID
  o('sysORDescr', 'SNMPv2-MIB', `${MIB2}.1.9.1.3`, 'column'), // SNMPv2-MIB::sysORDescr
  o('sysORUpTime', 'SNMPv2-MIB', `${MIB2}.1.9.1.4`, 'column'), // SNMPv2-MIB::sysORUpTime
  // IF-MIB::interfaces
  o('interfaces', 'IF-MIB', `${MIB2}.2`, 'node'),
  o('ifNumber', 'IF-MIB', `${MIB2}.2.1`, 'scalar'), // IF-MIB::ifNumber
  o('ifTable', 'IF-MIB', `${MIB2}.2.2`, 'table'), // IF-MIB::ifTable
  o('ifEntry', 'IF-MIB', IF_ENTRY, 'entry'), // IF-MIB::ifEntry
  o('ifIndex', 'IF-MIB', `${IF_ENTRY}.1`, 'column'), // IF-MIB::ifIndex
  o('ifDescr', 'IF-MIB', `${IF_ENTRY}.2`, 'column'), // IF-MIB::ifDescr
  o('ifType', 'IF-MIB', `${IF_ENTRY}.3`, 'column'), // IF-MIB::ifType (IANAifType)
  o('ifMtu', 'IF-MIB', `${IF_ENTRY}.4`, 'column'), // IF-MIB::ifMtu
  o('ifSpeed', 'IF-MIB', `${IF_ENTRY}.5`, 'column'), // IF-MIB::ifSpeed (bit/s, Gauge32, saturates at 4.29 Gb/s)
  o('ifPhysAddress', 'IF-MIB', `${IF_ENTRY}.6`, 'column'), // IF-MIB::ifPhysAddress
  o('ifAdminStatus', 'IF-MIB', `${IF_ENTRY}.7`, 'column'), // IF-MIB::ifAdminStatus (1 up, 2 down, 3 testing)
  o('ifOperStatus', 'IF-MIB', `${IF_ENTRY}.8`, 'column'), // IF-MIB::ifOperStatus (1 up, 2 down, ... 7 lowerLayerDown)
  o('ifLastChange', 'IF-MIB', `${IF_ENTRY}.9`, 'column'), // IF-MIB::ifLastChange
  o('ifInOctets', 'IF-MIB', `${IF_ENTRY}.10`, 'column'), // IF-MIB::ifInOctets (Counter32)
  o('ifInUcastPkts', 'IF-MIB', `${IF_ENTRY}.11`, 'column'), // IF-MIB::ifInUcastPkts
  o('ifInNUcastPkts', 'IF-MIB', `${IF_ENTRY}.12`, 'column'), // IF-MIB::ifInNUcastPkts (deprecated)
  o('ifInDiscards', 'IF-MIB', `${IF_ENTRY}.13`, 'column'), // IF-MIB::ifInDiscards
  o('ifInErrors', 'IF-MIB', `${IF_ENTRY}.14`, 'column'), // IF-MIB::ifInErrors
  o('ifInUnknownProtos', 'IF-MIB', `${IF_ENTRY}.15`, 'column'), // IF-MIB::ifInUnknownProtos
  o('ifOutOctets', 'IF-MIB', `${IF_ENTRY}.16`, 'column'), // IF-MIB::ifOutOctets (Counter32)
  o('ifOutUcastPkts', 'IF-MIB', `${IF_ENTRY}.17`, 'column'), // IF-MIB::ifOutUcastPkts
  o('ifOutNUcastPkts', 'IF-MIB', `${IF_ENTRY}.18`, 'column'), // IF-MIB::ifOutNUcastPkts (deprecated)
  o('ifOutDiscards', 'IF-MIB', `${IF_ENTRY}.19`, 'column'), // IF-MIB::ifOutDiscards
  o('ifOutErrors', 'IF-MIB', `${IF_ENTRY}.20`, 'column'), // IF-MIB::ifOutErrors
  o('ifOutQLen', 'IF-MIB', `${IF_ENTRY}.21`, 'column'), // IF-MIB::ifOutQLen (deprecated)
  o('ifSpecific', 'IF-MIB', `${IF_ENTRY}.22`, 'column'), // IF-MIB::ifSpecific (deprecated)
  // IF-MIB::ifMIB / ifXTable
  o('ifMIB', 'IF-MIB', `${MIB2}.31`, 'node'),
  o('ifXTable', 'IF-MIB', `${MIB2}.31.1.1`, 'table'), // IF-MIB::ifXTable
  o('ifXEntry', 'IF-MIB', IFX_ENTRY, 'entry'), // IF-MIB::ifXEntry
  o('ifName', 'IF-MIB', `${IFX_ENTRY}.1`, 'column'), // IF-MIB::ifName
  o('ifInMulticastPkts', 'IF-MIB', `${IFX_ENTRY}.2`, 'column'), // IF-MIB::ifInMulticastPkts
  o('ifInBroadcastPkts', 'IF-MIB', `${IFX_ENTRY}.3`, 'column'), // IF-MIB::ifInBroadcastPkts
  o('ifOutMulticastPkts', 'IF-MIB', `${IFX_ENTRY}.4`, 'column'), // IF-MIB::ifOutMulticastPkts
  o('ifOutBroadcastPkts', 'IF-MIB', `${IFX_ENTRY}.5`, 'column'), // IF-MIB::ifOutBroadcastPkts
  o('ifHCInOctets', 'IF-MIB', `${IFX_ENTRY}.6`, 'column'), // IF-MIB::ifHCInOctets (Counter64)
  o('ifHCInUcastPkts', 'IF-MIB', `${IFX_ENTRY}.7`, 'column'), // IF-MIB::ifHCInUcastPkts
  o('ifHCInMulticastPkts', 'IF-MIB', `${IFX_ENTRY}.8`, 'column'), // IF-MIB::ifHCInMulticastPkts
  o('ifHCInBroadcastPkts', 'IF-MIB', `${IFX_ENTRY}.9`, 'column'), // IF-MIB::ifHCInBroadcastPkts
  o('ifHCOutOctets', 'IF-MIB', `${IFX_ENTRY}.10`, 'column'), // IF-MIB::ifHCOutOctets (Counter64)
  o('ifHCOutUcastPkts', 'IF-MIB', `${IFX_ENTRY}.11`, 'column'), // IF-MIB::ifHCOutUcastPkts
  o('ifHCOutMulticastPkts', 'IF-MIB', `${IFX_ENTRY}.12`, 'column'), // IF-MIB::ifHCOutMulticastPkts
  o('ifHCOutBroadcastPkts', 'IF-MIB', `${IFX_ENTRY}.13`, 'column'), // IF-MIB::ifHCOutBroadcastPkts
  o('ifLinkUpDownTrapEnable', 'IF-MIB', `${IFX_ENTRY}.14`, 'column'), // IF-MIB::ifLinkUpDownTrapEnable
  o('ifHighSpeed', 'IF-MIB', `${IFX_ENTRY}.15`, 'column'), // IF-MIB::ifHighSpeed (Mbit/s)
  o('ifPromiscuousMode', 'IF-MIB', `${IFX_ENTRY}.16`, 'column'), // IF-MIB::ifPromiscuousMode
  o('ifConnectorPresent', 'IF-MIB', `${IFX_ENTRY}.17`, 'column'), // IF-MIB::ifConnectorPresent
  o('ifAlias', 'IF-MIB', `${IFX_ENTRY}.18`, 'column'), // IF-MIB::ifAlias
  o('ifCounterDiscontinuityTime', 'IF-MIB', `${IFX_ENTRY}.19`, 'column'), // IF-MIB::ifCounterDiscontinuityTime
  // IP-MIB
  o('ip', 'IP-MIB', `${MIB2}.4`, 'node'),
  o('ipForwarding', 'IP-MIB', `${MIB2}.4.1`, 'scalar'), // IP-MIB::ipForwarding (1 router, 2 host)
  o('ipAddrTable', 'IP-MIB', `${MIB2}.4.20`, 'table'), // IP-MIB::ipAddrTable
  o('ipAddrEntry', 'IP-MIB', `${MIB2}.4.20.1`, 'entry'),
  o('ipAdEntAddr', 'IP-MIB', `${MIB2}.4.20.1.1`, 'column'), // IP-MIB::ipAdEntAddr
  o('ipAdEntIfIndex', 'IP-MIB', `${MIB2}.4.20.1.2`, 'column'), // IP-MIB::ipAdEntIfIndex
  o('ipAdEntNetMask', 'IP-MIB', `${MIB2}.4.20.1.3`, 'column'), // IP-MIB::ipAdEntNetMask
  o('ipAdEntBcastAddr', 'IP-MIB', `${MIB2}.4.20.1.4`, 'column'), // IP-MIB::ipAdEntBcastAddr
  o('ipAdEntReasmMaxSize', 'IP-MIB', `${MIB2}.4.20.1.5`, 'column'), // IP-MIB::ipAdEntReasmMaxSize
  o('ipNetToMediaTable', 'IP-MIB', `${MIB2}.4.22`, 'table'), // IP-MIB::ipNetToMediaTable (ARP cache)
  o('ipNetToMediaEntry', 'IP-MIB', `${MIB2}.4.22.1`, 'entry'),
  o('ipNetToMediaIfIndex', 'IP-MIB', `${MIB2}.4.22.1.1`, 'column'), // IP-MIB::ipNetToMediaIfIndex
  o('ipNetToMediaPhysAddress', 'IP-MIB', `${MIB2}.4.22.1.2`, 'column'), // IP-MIB::ipNetToMediaPhysAddress
  o('ipNetToMediaNetAddress', 'IP-MIB', `${MIB2}.4.22.1.3`, 'column'), // IP-MIB::ipNetToMediaNetAddress
  o('ipNetToMediaType', 'IP-MIB', `${MIB2}.4.22.1.4`, 'column'), // IP-MIB::ipNetToMediaType
  // HOST-RESOURCES-MIB
  o('host', 'HOST-RESOURCES-MIB', HR, 'node'),
  o('hrSystemUptime', 'HOST-RESOURCES-MIB', `${HR}.1.1`, 'scalar'), // HOST-RESOURCES-MIB::hrSystemUptime (host, not agent, uptime)
  o('hrSystemDate', 'HOST-RESOURCES-MIB', `${HR}.1.2`, 'scalar'), // HOST-RESOURCES-MIB::hrSystemDate
  o('hrSystemNumUsers', 'HOST-RESOURCES-MIB', `${HR}.1.5`, 'scalar'), // HOST-RESOURCES-MIB::hrSystemNumUsers
  o('hrSystemProcesses', 'HOST-RESOURCES-MIB', `${HR}.1.6`, 'scalar'), // HOST-RESOURCES-MIB::hrSystemProcesses
  o('hrMemorySize', 'HOST-RESOURCES-MIB', `${HR}.2.2`, 'scalar'), // HOST-RESOURCES-MIB::hrMemorySize (KiB)
  o('hrStorageTable', 'HOST-RESOURCES-MIB', `${HR}.2.3`, 'table'), // HOST-RESOURCES-MIB::hrStorageTable
  o('hrStorageEntry', 'HOST-RESOURCES-MIB', `${HR}.2.3.1`, 'entry'),
  o('hrStorageIndex', 'HOST-RESOURCES-MIB', `${HR}.2.3.1.1`, 'column'), // HOST-RESOURCES-MIB::hrStorageIndex
  o('hrStorageType', 'HOST-RESOURCES-MIB', `${HR}.2.3.1.2`, 'column'), // HOST-RESOURCES-MIB::hrStorageType (OID: hrStorageRam, hrStorageFixedDisk, ...)
  o('hrStorageDescr', 'HOST-RESOURCES-MIB', `${HR}.2.3.1.3`, 'column'), // HOST-RESOURCES-MIB::hrStorageDescr
  o('hrStorageAllocationUnits', 'HOST-RESOURCES-MIB', `${HR}.2.3.1.4`, 'column'), // HOST-RESOURCES-MIB::hrStorageAllocationUnits (bytes)
  o('hrStorageSize', 'HOST-RESOURCES-MIB', `${HR}.2.3.1.5`, 'column'), // HOST-RESOURCES-MIB::hrStorageSize (units)
  o('hrStorageUsed', 'HOST-RESOURCES-MIB', `${HR}.2.3.1.6`, 'column'), // HOST-RESOURCES-MIB::hrStorageUsed (units)
  o('hrStorageAllocationFailures', 'HOST-RESOURCES-MIB', `${HR}.2.3.1.7`, 'column'), // HOST-RESOURCES-MIB::hrStorageAllocationFailures
  o('hrDeviceTable', 'HOST-RESOURCES-MIB', `${HR}.3.2`, 'table'), // HOST-RESOURCES-MIB::hrDeviceTable
  o('hrDeviceEntry', 'HOST-RESOURCES-MIB', `${HR}.3.2.1`, 'entry'),
  o('hrDeviceIndex', 'HOST-RESOURCES-MIB', `${HR}.3.2.1.1`, 'column'), // HOST-RESOURCES-MIB::hrDeviceIndex
  o('hrDeviceType', 'HOST-RESOURCES-MIB', `${HR}.3.2.1.2`, 'column'), // HOST-RESOURCES-MIB::hrDeviceType
  o('hrDeviceDescr', 'HOST-RESOURCES-MIB', `${HR}.3.2.1.3`, 'column'), // HOST-RESOURCES-MIB::hrDeviceDescr
  o('hrDeviceStatus', 'HOST-RESOURCES-MIB', `${HR}.3.2.1.5`, 'column'), // HOST-RESOURCES-MIB::hrDeviceStatus
  o('hrProcessorTable', 'HOST-RESOURCES-MIB', `${HR}.3.3`, 'table'), // HOST-RESOURCES-MIB::hrProcessorTable
  o('hrProcessorEntry', 'HOST-RESOURCES-MIB', `${HR}.3.3.1`, 'entry'),
  o('hrProcessorFrwID', 'HOST-RESOURCES-MIB', `${HR}.3.3.1.1`, 'column'), // HOST-RESOURCES-MIB::hrProcessorFrwID
  o('hrProcessorLoad', 'HOST-RESOURCES-MIB', `${HR}.3.3.1.2`, 'column'), // HOST-RESOURCES-MIB::hrProcessorLoad (% over the last minute)
  o('hrSWRunTable', 'HOST-RESOURCES-MIB', `${HR}.4.2`, 'table'), // HOST-RESOURCES-MIB::hrSWRunTable
  o('hrSWRunEntry', 'HOST-RESOURCES-MIB', `${HR}.4.2.1`, 'entry'),
  o('hrSWRunName', 'HOST-RESOURCES-MIB', `${HR}.4.2.1.2`, 'column'), // HOST-RESOURCES-MIB::hrSWRunName
  // ENTITY-MIB
  o('entPhysicalTable', 'ENTITY-MIB', `${MIB2}.47.1.1.1`, 'table'), // ENTITY-MIB::entPhysicalTable
  o('entPhysicalEntry', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1`, 'entry'),
  o('entPhysicalDescr', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1.2`, 'column'), // ENTITY-MIB::entPhysicalDescr
  o('entPhysicalClass', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1.5`, 'column'), // ENTITY-MIB::entPhysicalClass
  o('entPhysicalName', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1.7`, 'column'), // ENTITY-MIB::entPhysicalName
  o('entPhysicalSoftwareRev', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1.10`, 'column'), // ENTITY-MIB::entPhysicalSoftwareRev
  o('entPhysicalSerialNum', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1.11`, 'column'), // ENTITY-MIB::entPhysicalSerialNum
  o('entPhysicalMfgName', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1.12`, 'column'), // ENTITY-MIB::entPhysicalMfgName
  o('entPhysicalModelName', 'ENTITY-MIB', `${MIB2}.47.1.1.1.1.13`, 'column'), // ENTITY-MIB::entPhysicalModelName
  // UCD-SNMP-MIB (Net-SNMP agents)
  o('ucdavis', 'UCD-SNMP-MIB', UCD, 'node'),
  o('memory', 'UCD-SNMP-MIB', `${UCD}.4`, 'node'), // UCD-SNMP-MIB::memory
  o('memTotalSwap', 'UCD-SNMP-MIB', `${UCD}.4.3`, 'scalar'), // UCD-SNMP-MIB::memTotalSwap (KiB)
  o('memAvailSwap', 'UCD-SNMP-MIB', `${UCD}.4.4`, 'scalar'), // UCD-SNMP-MIB::memAvailSwap (KiB)
  o('memTotalReal', 'UCD-SNMP-MIB', `${UCD}.4.5`, 'scalar'), // UCD-SNMP-MIB::memTotalReal (KiB)
  o('memAvailReal', 'UCD-SNMP-MIB', `${UCD}.4.6`, 'scalar'), // UCD-SNMP-MIB::memAvailReal (KiB)
  o('memTotalFree', 'UCD-SNMP-MIB', `${UCD}.4.11`, 'scalar'), // UCD-SNMP-MIB::memTotalFree (KiB)
  o('memShared', 'UCD-SNMP-MIB', `${UCD}.4.13`, 'scalar'), // UCD-SNMP-MIB::memShared (KiB)
  o('memBuffer', 'UCD-SNMP-MIB', `${UCD}.4.14`, 'scalar'), // UCD-SNMP-MIB::memBuffer (KiB)
  o('memCached', 'UCD-SNMP-MIB', `${UCD}.4.15`, 'scalar'), // UCD-SNMP-MIB::memCached (KiB)
  o('dskTable', 'UCD-SNMP-MIB', `${UCD}.9`, 'table'), // UCD-SNMP-MIB::dskTable
  o('dskEntry', 'UCD-SNMP-MIB', `${UCD}.9.1`, 'entry'),
  o('dskPath', 'UCD-SNMP-MIB', `${UCD}.9.1.2`, 'column'), // UCD-SNMP-MIB::dskPath
  o('dskTotal', 'UCD-SNMP-MIB', `${UCD}.9.1.6`, 'column'), // UCD-SNMP-MIB::dskTotal (KiB)
  o('dskAvail', 'UCD-SNMP-MIB', `${UCD}.9.1.7`, 'column'), // UCD-SNMP-MIB::dskAvail (KiB)
  o('dskUsed', 'UCD-SNMP-MIB', `${UCD}.9.1.8`, 'column'), // UCD-SNMP-MIB::dskUsed (KiB)
  o('dskPercent', 'UCD-SNMP-MIB', `${UCD}.9.1.9`, 'column'), // UCD-SNMP-MIB::dskPercent
  o('laTable', 'UCD-SNMP-MIB', `${UCD}.10`, 'table'), // UCD-SNMP-MIB::laTable (load averages)
  o('laEntry', 'UCD-SNMP-MIB', `${UCD}.10.1`, 'entry'),
  o('laIndex', 'UCD-SNMP-MIB', `${UCD}.10.1.1`, 'column'), // UCD-SNMP-MIB::laIndex
  o('laNames', 'UCD-SNMP-MIB', `${UCD}.10.1.2`, 'column'), // UCD-SNMP-MIB::laNames (Load-1, Load-5, Load-15)
  o('laLoad', 'UCD-SNMP-MIB', `${UCD}.10.1.3`, 'column'), // UCD-SNMP-MIB::laLoad (text, "0.15")
  o('laConfig', 'UCD-SNMP-MIB', `${UCD}.10.1.4`, 'column'), // UCD-SNMP-MIB::laConfig
  o('laLoadInt', 'UCD-SNMP-MIB', `${UCD}.10.1.5`, 'column'), // UCD-SNMP-MIB::laLoadInt (load x 100)
  o('systemStats', 'UCD-SNMP-MIB', `${UCD}.11`, 'node'), // UCD-SNMP-MIB::systemStats
  o('ssCpuUser', 'UCD-SNMP-MIB', `${UCD}.11.9`, 'scalar'), // UCD-SNMP-MIB::ssCpuUser (%)
  o('ssCpuSystem', 'UCD-SNMP-MIB', `${UCD}.11.10`, 'scalar'), // UCD-SNMP-MIB::ssCpuSystem (%)
  o('ssCpuIdle', 'UCD-SNMP-MIB', `${UCD}.11.11`, 'scalar'), // UCD-SNMP-MIB::ssCpuIdle (%)
  o('ssCpuRawUser', 'UCD-SNMP-MIB', `${UCD}.11.50`, 'scalar'), // UCD-SNMP-MIB::ssCpuRawUser (Counter32 ticks)
  o('ssCpuRawNice', 'UCD-SNMP-MIB', `${UCD}.11.51`, 'scalar'), // UCD-SNMP-MIB::ssCpuRawNice
  o('ssCpuRawSystem', 'UCD-SNMP-MIB', `${UCD}.11.52`, 'scalar'), // UCD-SNMP-MIB::ssCpuRawSystem
  o('ssCpuRawIdle', 'UCD-SNMP-MIB', `${UCD}.11.53`, 'scalar'), // UCD-SNMP-MIB::ssCpuRawIdle
  // SNMP-FRAMEWORK-MIB
  o('snmpEngineID', 'SNMP-FRAMEWORK-MIB', '1.3.6.1.6.3.10.2.1.1', 'scalar'), // SNMP-FRAMEWORK-MIB::snmpEngineID
  o('snmpEngineBoots', 'SNMP-FRAMEWORK-MIB', '1.3.6.1.6.3.10.2.1.2', 'scalar'), // SNMP-FRAMEWORK-MIB::snmpEngineBoots
  o('snmpEngineTime', 'SNMP-FRAMEWORK-MIB', '1.3.6.1.6.3.10.2.1.3', 'scalar'), // SNMP-FRAMEWORK-MIB::snmpEngineTime
];

const byOid = (name: string): string => {
  const found = MIB_OBJECTS.find((m) => m.name === name);
  if (!found) throw new Error(`mib2: ${name} missing from MIB_OBJECTS`);
  return found.oid;
};

/** Numeric OIDs the engine uses directly (no `.0`; scalars get it at request time). */
export const OID = {
  sysDescr: byOid('sysDescr'), // SNMPv2-MIB::sysDescr
  sysObjectID: byOid('sysObjectID'), // SNMPv2-MIB::sysObjectID
  sysUpTime: byOid('sysUpTime'), // SNMPv2-MIB::sysUpTime
  sysContact: byOid('sysContact'), // SNMPv2-MIB::sysContact
  sysName: byOid('sysName'), // SNMPv2-MIB::sysName
  sysLocation: byOid('sysLocation'), // SNMPv2-MIB::sysLocation
  sysServices: byOid('sysServices'), // SNMPv2-MIB::sysServices
  system: byOid('system'), // SNMPv2-MIB::system
  ifTable: byOid('ifTable'), // IF-MIB::ifTable
  ifXTable: byOid('ifXTable'), // IF-MIB::ifXTable
  hrStorageTable: byOid('hrStorageTable'), // HOST-RESOURCES-MIB::hrStorageTable
  hrProcessorTable: byOid('hrProcessorTable'), // HOST-RESOURCES-MIB::hrProcessorTable
  hrSystemUptime: byOid('hrSystemUptime'), // HOST-RESOURCES-MIB::hrSystemUptime
  ipAddrTable: byOid('ipAddrTable'), // IP-MIB::ipAddrTable
  laTable: byOid('laTable'), // UCD-SNMP-MIB::laTable
} as const;
