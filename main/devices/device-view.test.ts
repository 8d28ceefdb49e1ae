import { describe, expect, it } from 'vitest';
import type { Device, DeviceZabbixView } from '../api/devices.ts';
import { createDeviceView, type Mode, type OwnStatus } from './device-view.ts';

const device = (id: string): Device => ({
  id,
  name: id,
  address: `198.18.0.${id.length}`,
  tags: [],
  notes: '',
  credentialIds: [],
  enabled: true,
  type: 'unknown',
  vendor: null,
  model: null,
  os: null,
  osVersion: null,
  sysName: null,
  location: null,
  sysObjectID: null,
  serial: null,
  firmware: null,
  hardwareRev: null,
  identityUpdatedAt: null,
  createdAt: 0,
  updatedAt: 0,
});

const zabbix = (matchedBy: DeviceZabbixView['matchedBy'], status: DeviceZabbixView['status']): DeviceZabbixView => ({ hostId: '10100', host: 'h', name: 'h', matchedBy, status, problems: 0, worstSeverity: null, seenAt: 5 });

/** own: a device of WARD FLUX's only; linked: own and linked to a host by IP; imported: from Zabbix; quiet: linked, never answered WARD FLUX. */
const own: Record<string, OwnStatus> = { own: { status: 'up', lastSeen: 7 }, linked: { status: 'down' }, imported: { status: 'unknown' }, quiet: { status: 'unknown' } };
const links: Record<string, DeviceZabbixView> = { linked: zabbix('ip', 'up'), imported: zabbix('imported', 'degraded'), quiet: zabbix('dns', 'up') };

function view(mode: Mode) {
  const lookups: number[] = [];
  const list = createDeviceView({
    mode: () => mode,
    ownStatus: (ds) => (lookups.push(ds.length), (d) => own[d.id] ?? { status: 'unknown' }),
    zabbix: () => (d) => links[d.id],
  });
  const out = list(['own', 'linked', 'imported', 'quiet'].map(device));
  const by = Object.fromEntries(out.map((d) => [d.id, { status: d.status, statusSource: d.statusSource, source: d.source, zabbix: d.zabbix?.matchedBy ?? null, lastSeen: d.lastSeen }]));
  return { by, lookups };
}

describe('the device as listed, one view for every mode', () => {
  it('standalone: WARD FLUX status; own devices ignore their links; imported ones show Zabbix', () => {
    const { by, lookups } = view('standalone');
    expect(by).toEqual({
      own: { status: 'up', statusSource: 'wardflux', source: 'wardflux', zabbix: null, lastSeen: 7 },
      linked: { status: 'down', statusSource: 'wardflux', source: 'wardflux', zabbix: null, lastSeen: undefined },
      imported: { status: 'degraded', statusSource: 'zabbix', source: 'zabbix', zabbix: 'imported', lastSeen: undefined },
      quiet: { status: 'unknown', statusSource: 'wardflux', source: 'wardflux', zabbix: null, lastSeen: undefined },
    });
    expect(lookups).toEqual([4]); // one status read for the page
  });

  it("zabbix: Zabbix's status for linked devices, none for a device Zabbix does not know", () => {
    expect(view('zabbix').by).toEqual({
      own: { status: 'unknown', statusSource: null, source: 'wardflux', zabbix: null, lastSeen: 7 },
      linked: { status: 'up', statusSource: 'zabbix', source: 'both', zabbix: 'ip', lastSeen: undefined },
      imported: { status: 'degraded', statusSource: 'zabbix', source: 'zabbix', zabbix: 'imported', lastSeen: undefined },
      quiet: { status: 'up', statusSource: 'zabbix', source: 'both', zabbix: 'dns', lastSeen: undefined },
    });
  });

  it("hybrid: WARD FLUX's own status when it has one, else Zabbix's", () => {
    expect(view('hybrid').by).toEqual({
      own: { status: 'up', statusSource: 'wardflux', source: 'wardflux', zabbix: null, lastSeen: 7 },
      linked: { status: 'down', statusSource: 'wardflux', source: 'both', zabbix: 'ip', lastSeen: undefined },
      imported: { status: 'degraded', statusSource: 'zabbix', source: 'zabbix', zabbix: 'imported', lastSeen: undefined },
      quiet: { status: 'up', statusSource: 'zabbix', source: 'both', zabbix: 'dns', lastSeen: undefined },
    });
  });
});
