/** The OIDs the L2 readers walk (numeric, no leading dot). Names as in their MIBs. */
export const IF = {
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifPhysAddress: '1.3.6.1.2.1.2.2.1.6',
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8',
  ifName: '1.3.6.1.2.1.31.1.1.1.1',
  ifAlias: '1.3.6.1.2.1.31.1.1.1.18',
} as const;

export const SYS_NAME = '1.3.6.1.2.1.1.5';

/** LLDP-MIB (IEEE 802.1AB-2005), lldpObjects. */
export const LLDP = {
  locChassisIdSubtype: '1.0.8802.1.1.2.1.3.1',
  locChassisId: '1.0.8802.1.1.2.1.3.2',
  /** lldpLocPortEntry: .2 PortIdSubtype, .3 PortId, .4 PortDesc; index lldpLocPortNum. */
  locPortEntry: '1.0.8802.1.1.2.1.3.7.1',
  /** lldpRemEntry: index TimeMark.LocalPortNum.Index; .4 ChassisIdSubtype .5 ChassisId .6 PortIdSubtype .7 PortId .8 PortDesc .9 SysName .10 SysDesc .11 CapSupported .12 CapEnabled. */
  remEntry: '1.0.8802.1.1.2.1.4.1.1',
  /** lldpRemManAddrEntry: index TimeMark.LocalPortNum.Index.AddrSubtype.<len>.Addr; .3 IfSubtype .4 IfId .5 OID. */
  remManAddrEntry: '1.0.8802.1.1.2.1.4.2.1',
} as const;

/** CISCO-CDP-MIB cdpCacheEntry: index ifIndex.deviceIndex. */
export const CDP_CACHE_ENTRY = '1.3.6.1.4.1.9.9.23.1.2.1.1';

/** BRIDGE-MIB. */
export const BRIDGE = {
  /** dot1dBasePortIfIndex, index dot1dBasePort. */
  basePortIfIndex: '1.3.6.1.2.1.17.1.4.1.2',
  /** dot1dTpFdbEntry: index MAC (6 arcs); .1 Address .2 Port .3 Status. */
  tpFdbEntry: '1.3.6.1.2.1.17.4.3.1',
} as const;

/** Q-BRIDGE-MIB. */
export const QBRIDGE = {
  /** dot1qTpFdbEntry: index FdbId.MAC; .2 Port .3 Status. */
  tpFdbEntry: '1.3.6.1.2.1.17.7.1.2.2.1',
  /** dot1qVlanCurrentEntry: index TimeMark.VlanIndex; .3 FdbId .4 CurrentEgressPorts .5 CurrentUntaggedPorts. */
  vlanCurrentEntry: '1.3.6.1.2.1.17.7.1.4.2.1',
  /** dot1qVlanStaticEntry: index VlanIndex; .1 Name .2 EgressPorts .4 UntaggedPorts. */
  vlanStaticEntry: '1.3.6.1.2.1.17.7.1.4.3.1',
  /** dot1qPvid, index dot1dBasePort. */
  pvid: '1.3.6.1.2.1.17.7.1.4.5.1.1',
} as const;

/** CISCO-VTP-MIB and CISCO-VLAN-MEMBERSHIP-MIB. */
export const CISCO_VLAN = {
  /** vtpVlanEntry: index managementDomainIndex.vtpVlanIndex; .2 State .3 Type .4 Name. */
  vtpVlanEntry: '1.3.6.1.4.1.9.9.46.1.3.1.1',
  /** vlanTrunkPortEntry: index ifIndex; .4 VlansEnabled (VLANs 0-1023) .5 NativeVlan .14 DynamicStatus. */
  trunkPortEntry: '1.3.6.1.4.1.9.9.46.1.6.1.1',
  /** vmVlan, index ifIndex: an access port's VLAN. */
  vmVlan: '1.3.6.1.4.1.9.9.68.1.2.2.1.2',
} as const;

/** IP-MIB. */
export const IP = {
  /** ipNetToPhysicalEntry: index ifIndex.AddrType.<len>.Addr; .4 PhysAddress .6 Type. */
  netToPhysicalEntry: '1.3.6.1.2.1.4.35.1',
  /** ipNetToMediaEntry: index ifIndex.a.b.c.d; .2 PhysAddress .4 Type. */
  netToMediaEntry: '1.3.6.1.2.1.4.22.1',
} as const;
