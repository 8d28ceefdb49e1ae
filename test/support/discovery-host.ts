import type { DiscoveryHost } from '../../main/api/discovery.ts';

/** A discovered host as the job runner stores it: a Cisco ISR router that answered ICMP and SNMP v2c. */
export function discoveryHost(over: Partial<DiscoveryHost> = {}): DiscoveryHost {
  return {
    address: '198.18.0.7',
    family: 4,
    foundBy: ['icmp', 'snmp'],
    name: 'edge-r1',
    hostnames: [],
    mac: null,
    macVendor: null,
    rttMs: 1,
    openPorts: [22],
    sysName: 'edge-r1',
    sysDescr: 'Cisco IOS Software, ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.4',
    sysObjectID: '1.3.6.1.4.1.9.1.1861',
    sysUpTimeSec: 100,
    sysContact: null,
    sysLocation: 'Lab rack 2',
    sysServices: 6,
    snmpVersion: '2c',
    credentialId: null,
    credentialLabel: null,
    type: 'router',
    vendor: 'Cisco',
    model: 'ISR4331',
    os: 'IOS',
    osVersion: '16.9.4',
    confidence: 0.95,
    reasons: [],
    templateId: null,
    templateName: null,
    deviceId: null,
    updatedAt: 0,
    ...over,
  };
}
