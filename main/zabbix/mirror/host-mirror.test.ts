import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../../test/support/cleanups.ts';
import { recordingDevices } from '../../../test/support/recording-devices.ts';
import { tempDatabase } from '../../../test/support/temp-database.ts';
import type { ZabbixHost } from '../../api/zabbix.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createHostMirror } from './host-mirror.ts';
import { createZabbixLinksRepo } from './links-repo.ts';

const SERVER = 'http://127.0.0.1:9/api_jsonrpc.php';
const later = cleanupAfterEach();

function setup() {
  const { db } = tempDatabase(later);
  const { devices, events, batches, names } = recordingDevices(db);
  const links = createZabbixLinksRepo(db);
  const mirror = createHostMirror({ devices, links, moveExternalAlerts: () => undefined, logger: silentLogger() });
  return { devices, links, mirror, events, batches, names };
}

function host(hostId: string, name: string, ip: string, inventory: Record<string, string> = {}): ZabbixHost {
  return {
    hostId,
    host: name,
    name,
    enabled: true,
    groups: [],
    interfaces: [{ interfaceId: `i${hostId}`, type: 1, ip, dns: '', port: '10050', useIp: true, main: true, available: 1 }],
    inventory,
    tags: [],
    templates: [],
  };
}

describe('host mirror: device writes in one transaction, each reported once', () => {
  it('imports, updates and deletes devices with one event per device per apply, and none for an unchanged apply', () => {
    const { mirror, events, batches, names } = setup();
    const r = mirror.apply(SERVER, [host('1', 'nas', '198.18.0.2', { vendor: 'Synology' }), host('2', 'ups', '198.18.0.3')], [], 1000);
    expect(r).toMatchObject({ created: 2, updated: 0, deleted: 0 });
    // Created and given its inventory identity in the same transaction: one device.created, with the identity.
    expect(names()).toEqual(['device.created', 'device.created']);
    expect(events[0]?.payload).toMatchObject({ name: 'nas', vendor: 'Synology', tags: ['zabbix'] });
    expect(batches).toHaveLength(1);

    events.length = 0;
    mirror.apply(SERVER, [host('1', 'nas', '198.18.0.2', { vendor: 'Synology' }), host('2', 'ups', '198.18.0.3')], [], 2000);
    expect(events).toEqual([]);

    mirror.apply(SERVER, [host('1', 'nas-2', '198.18.0.2', { vendor: 'Synology', model: 'DS920+' })], [], 3000);
    expect(names()).toEqual(['device.deleted', 'device.updated']);
    expect(events[1]?.payload).toMatchObject({ name: 'nas-2', model: 'DS920+' });
    expect(batches).toHaveLength(2);
  });

  it('an own device at Core-SW.example is matched by a host at core-sw.example, and adopting looks the address up case-insensitively', () => {
    const { devices, mirror, links, events, names } = setup();
    const mine = devices.create({ name: 'Core-SW', address: 'Core-SW.example', tags: [], notes: '', credentialIds: [], enabled: true });
    const dnsHost: ZabbixHost = { ...host('5', 'core-sw', ''), interfaces: [{ interfaceId: 'i5', type: 1, ip: '', dns: 'core-sw.example', port: '10050', useIp: false, main: true, available: 1 }] };
    events.length = 0;
    expect(mirror.apply(SERVER, [dnsHost], [], 1000)).toMatchObject({ matched: 1, imported: 0, created: 0 });
    expect(links.ofDevice(mine.id)).toMatchObject({ hostId: '5' });
    expect(events).toEqual([]);

    // An imported device at NAS.example: adding nas.example adopts it (one device.updated).
    mirror.apply(SERVER, [dnsHost, { ...host('6', 'nas', ''), interfaces: [{ interfaceId: 'i6', type: 1, ip: '', dns: 'NAS.example', port: '10050', useIp: false, main: true, available: 1 }] }], [], 2000);
    const imported = devices.byAddress('nas.example');
    expect(imported).toMatchObject({ address: 'NAS.example', tags: ['zabbix'] });
    events.length = 0;
    const adopted = mirror.adopt({ name: 'nas', address: 'nas.example', tags: ['storage'], notes: '', credentialIds: [], enabled: true });
    expect(adopted).toMatchObject({ id: imported?.id, tags: ['storage'] });
    expect(links.ofDevice(imported!.id)).toMatchObject({ matchedBy: 'ip' });
    expect(names()).toEqual(['device.updated']);
  });
});

describe('host mirror: the inventory type field', () => {
  it('takes a type by its name or its words, in any case and spacing, and ignores anything else', () => {
    const { devices, mirror } = setup();
    const typed = [
      ['pdu-a', 'PDU'],
      ['env-1', 'Environment sensor'],
      ['lb-1', 'Load_Balancer'],
      ['ata-1', 'voip gateway'],
      ['nas-1', 'nas'],
      ['idrac-1', 'Appliance'],
      ['ap-1', 'Access point'],
      ['core-1', 'l3-switch'],
      ['odd-1', 'Toaster'],
    ] as const;
    mirror.apply(SERVER, typed.map(([name, type], i) => host(String(i + 1), name, `198.18.0.${i + 10}`, { type })), [], 1000);
    expect(typed.map(([name]) => devices.byName(name)?.type)).toEqual(['pdu', 'sensor', 'load-balancer', 'voip-gateway', 'nas', 'appliance', 'wireless-ap', 'l3-switch', 'unknown']);
  });
});
