import { describe, expect, it } from 'vitest';
import type { ZabbixHost } from '../../api/zabbix.ts';
import { type MatchDevice, matchHosts } from './match.ts';

type Iface = Partial<ZabbixHost['interfaces'][number]>;

function host(hostId: string, host: string, interfaces: Iface[] = [], name = host): ZabbixHost {
  return {
    hostId,
    host,
    name,
    enabled: true,
    groups: [],
    inventory: {},
    tags: [],
    templates: [],
    interfaces: interfaces.map((i, n) => ({ interfaceId: `${hostId}${n}`, type: 1, ip: '', dns: '', port: '10050', useIp: true, main: n === 0, ...i })),
  };
}

const dev = (id: string, name: string, address: string, sysName: string | null = null): MatchDevice => ({ id, name, address, sysName });

const pairs = (r: ReturnType<typeof matchHosts>) => r.links.map((l) => `${l.hostId}->${l.deviceId}:${l.matchedBy}`);

describe('matchHosts', () => {
  it('links by IP, DNS and name, and leaves the rest unmatched', () => {
    const r = matchHosts({
      hosts: [
        host('1', 'core-sw', [{ ip: '198.18.0.1' }]),
        host('2', 'fw-host', [{ ip: '', dns: 'FW1.example.net', useIp: false }]),
        host('3', 'Printer-3'),
        host('4', 'unknown', [{ ip: '198.18.9.9' }]),
      ],
      devices: [dev('a', 'switch', '198.18.0.1'), dev('b', 'firewall', 'fw1.example.net'), dev('c', 'printer-3', '198.18.0.3')],
    });
    expect(pairs(r)).toEqual(['1->a:ip', '2->b:dns', '3->c:name']);
    expect(r.unmatched.map((h) => h.hostId)).toEqual(['4']);
  });

  it('a previous push wins over everything, even when another device has the IP', () => {
    const r = matchHosts({
      hosts: [host('10', 'edge', [{ ip: '198.18.0.7' }])],
      devices: [dev('ip-owner', 'other', '198.18.0.7'), dev('pushed', 'edge-renamed', '198.18.0.8')],
      pushed: new Map([['pushed', '10']]),
    });
    expect(pairs(r)).toEqual(['10->pushed:pushed']);
  });

  it('a push recorded for a host that no longer exists matches nothing', () => {
    const r = matchHosts({ hosts: [host('11', 'x', [{ ip: '198.18.0.2' }])], devices: [dev('d', 'x', '198.18.0.2')], pushed: new Map([['d', '999']]) });
    expect(pairs(r)).toEqual(['11->d:ip']);
  });

  it('priority: IP beats DNS beats name when two hosts want the same device', () => {
    const r = matchHosts({
      hosts: [host('1', 'by-name-only', [], 'router'), host('2', 'h2', [{ dns: 'router' }]), host('3', 'h3', [{ ip: '198.18.1.1' }])],
      devices: [dev('r', 'router', '198.18.1.1')],
    });
    expect(pairs(r)).toEqual(['3->r:ip']);
    expect(r.unmatched.map((h) => h.hostId)).toEqual(['1', '2']);
  });

  it('compares text case-insensitively (address, DNS, name, sysName)', () => {
    const r = matchHosts({
      hosts: [host('1', 'H1', [{ dns: 'AP-Lobby', useIp: false }]), host('2', 'CORE-RTR'), host('3', 'whatever', [], 'Backup-NAS')],
      devices: [dev('a', 'ap-lobby', '198.18.2.1'), dev('b', 'core', '198.18.2.2', 'core-rtr'), dev('c', 'BACKUP-nas', '198.18.2.3')],
    });
    expect(pairs(r)).toEqual(['1->a:dns', '2->b:name', '3->c:name']);
  });

  it('DNS matches the device address, name or sysName', () => {
    const r = matchHosts({
      hosts: [host('1', 'h1', [{ dns: 'sw1.lan' }]), host('2', 'h2', [{ dns: 'sw2' }]), host('3', 'h3', [{ dns: 'sw3-sys' }])],
      devices: [dev('a', 'A', 'sw1.lan'), dev('b', 'sw2', '198.18.3.2'), dev('c', 'C', '198.18.3.3', 'SW3-SYS')],
    });
    expect(pairs(r)).toEqual(['1->a:dns', '2->b:dns', '3->c:dns']);
  });

  it('one-to-one: two hosts with the same IP link the first; the other stays unmatched', () => {
    const r = matchHosts({
      hosts: [host('5', 'dup-a', [{ ip: '198.18.4.4' }]), host('6', 'dup-b', [{ ip: '198.18.4.4' }])],
      devices: [dev('d', 'd', '198.18.4.4')],
    });
    expect(pairs(r)).toEqual(['5->d:ip']);
    expect(r.unmatched.map((h) => h.hostId)).toEqual(['6']);
  });

  it('one-to-one: on a tie the current link is kept instead of the first host', () => {
    const r = matchHosts({
      hosts: [host('5', 'dup-a', [{ ip: '198.18.4.4' }]), host('6', 'dup-b', [{ ip: '198.18.4.4' }])],
      devices: [dev('d', 'd', '198.18.4.4')],
      previous: new Map([['6', 'd']]),
    });
    expect(pairs(r)).toEqual(['6->d:ip']);
  });

  it('a device taken at a higher level is not linked again at a lower one; the host falls to the next device', () => {
    const r = matchHosts({
      hosts: [host('1', 'srv', [{ ip: '198.18.5.1' }]), host('2', 'srv')],
      devices: [dev('a', 'srv', '198.18.5.1'), dev('b', 'other', '198.18.5.2', 'srv')],
    });
    // Host 1 takes device a by IP; host 2's name also names a, but a is taken: b's sysName matches.
    expect(pairs(r)).toEqual(['1->a:ip', '2->b:name']);
  });

  it('hosts with several interfaces: the main interface is preferred, any interface can match', () => {
    const r = matchHosts({
      hosts: [
        host('1', 'multi', [
          { ip: '198.18.6.2', main: false, type: 2 },
          { ip: '198.18.6.1', main: true, type: 1 },
        ]),
        host('2', 'second', [{ ip: '198.18.6.9' }, { ip: '198.18.6.3', main: false, type: 2 }]),
      ],
      devices: [dev('main', 'm', '198.18.6.1'), dev('other', 'o', '198.18.6.2'), dev('snmp', 's', '198.18.6.3')],
    });
    expect(pairs(r)).toEqual(['1->main:ip', '2->snmp:ip']);
  });

  it('a DNS-only interface (useIp false, IP empty) matches by DNS; empty fields never match', () => {
    const r = matchHosts({
      hosts: [host('1', 'h1', [{ ip: '', dns: 'nas.lan', useIp: false }]), host('2', 'h2', [{ ip: '', dns: '' }])],
      devices: [dev('a', 'nas', 'nas.lan'), dev('b', 'b', '198.18.7.1')],
    });
    expect(pairs(r)).toEqual(['1->a:dns']);
    expect(r.unmatched.map((h) => h.hostId)).toEqual(['2']);
  });

  it('a host whose visible name matches is linked by name; the technical name is preferred on a tie', () => {
    const r = matchHosts({
      hosts: [host('1', 'tech-1', [], 'Visible One')],
      devices: [dev('a', 'visible one', '198.18.8.1'), dev('b', 'TECH-1', '198.18.8.2')],
    });
    expect(pairs(r)).toEqual(['1->b:name']);
  });

  it('no hosts or no devices: nothing linked', () => {
    expect(matchHosts({ hosts: [], devices: [dev('a', 'a', '198.18.0.1')] })).toEqual({ links: [], unmatched: [] });
    const h = host('1', 'x', [{ ip: '198.18.0.1' }]);
    expect(matchHosts({ hosts: [h], devices: [] })).toEqual({ links: [], unmatched: [h] });
  });
});
