import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isUsableMac, neighborsByAddress, normalizeMac, parseIpNeighJson, parseNeighborStates, parseProcNetArp, readNeighbors, readNeighborStates } from './neighbors.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const LAB_MAC = '02:77:66:6c:01:01';

describe('parseIpNeighJson', () => {
  it('reads a real `ip -j neigh show dev X` capture (no dev key) and drops FAILED entries', () => {
    const list = parseIpNeighJson(fixture('ip-neigh-dev.json.txt'), 'wfl1p');
    expect(list.map((n) => [n.address, n.mac, n.state, n.interface])).toEqual([
      ['198.18.1.10', LAB_MAC, 'REACHABLE', 'wfl1p'],
      ['198.18.1.12', LAB_MAC, 'REACHABLE', 'wfl1p'],
      ['198.18.1.254', LAB_MAC, 'PERMANENT', 'wfl1p'],
      ['198.18.1.11', LAB_MAC, 'REACHABLE', 'wfl1p'],
    ]);
  });

  it('reads a real full table with both families and STALE entries', () => {
    const list = parseIpNeighJson(fixture('ip-neigh-all.json.txt'));
    expect(list).toHaveLength(5);
    expect(list.find((n) => n.address === '192.0.2.1')).toEqual({ address: '192.0.2.1', family: 4, mac: '02:fc:00:00:00:05', interface: 'eth0', state: 'STALE', router: false });
    expect(list.some((n) => n.family === 6)).toBe(false); // fd00::1 never resolved
  });

  it('handles IPv6 entries, the router flag, odd MACs and junk', () => {
    // Constructed in iproute2's JSON format (ipneigh.c prints NTF_ROUTER as "router":null); not a capture.
    const text = JSON.stringify([
      { dst: 'fe80::0211:22ff:fe33:4455', dev: 'eth0', lladdr: '00:11:22:33:44:55', router: null, state: ['STALE'] },
      { dst: '2001:db8::0:10', dev: 'eth0', lladdr: '0:1b:54:a:b:c', state: ['REACHABLE'] },
      { dst: '224.0.0.251', dev: 'eth0', lladdr: '01:00:5e:00:00:fb', state: ['NOARP'] },
      { dst: '10.0.0.9', dev: 'eth0', lladdr: '00:00:00:00:00:00', state: ['REACHABLE'] },
      { dst: '10.0.0.8', dev: 'eth0', state: ['INCOMPLETE'] },
      { dst: 'not-an-ip', dev: 'eth0', lladdr: '00:11:22:33:44:55', state: ['REACHABLE'] },
      null,
    ]);
    expect(parseIpNeighJson(text)).toEqual([
      { address: 'fe80::211:22ff:fe33:4455', family: 6, mac: '00:11:22:33:44:55', interface: 'eth0', state: 'STALE', router: true },
      { address: '2001:db8::10', family: 6, mac: '00:1b:54:0a:0b:0c', interface: 'eth0', state: 'REACHABLE', router: false },
    ]);
    expect(parseIpNeighJson('')).toEqual([]);
    expect(() => parseIpNeighJson('{"dst":1}')).toThrow(/array/);
  });
});

describe('parseProcNetArp', () => {
  it('reads a real capture, keeping complete entries only', () => {
    const list = parseProcNetArp(fixture('proc-net-arp.txt'));
    expect(list.map((n) => [n.address, n.state])).toEqual([
      ['198.18.1.10', 'COMPLETE'],
      ['198.18.1.12', 'COMPLETE'],
      ['198.18.1.254', 'PERMANENT'],
      ['198.18.1.11', 'COMPLETE'],
    ]);
    expect(new Set(list.map((n) => n.mac))).toEqual(new Set([LAB_MAC]));
  });
});

describe('readNeighbors', () => {
  it('uses ip -j, and falls back to /proc/net/arp when ip fails', async () => {
    const ok = await readNeighbors({ run: async (cmd, args) => (expect([cmd, ...args]).toEqual(['ip', '-s', '-j', '-4', 'neigh', 'show']), fixture('ip-neigh-all.json.txt')), family: 4 });
    expect(ok.source).toBe('ip');
    const fallback = await readNeighbors({ run: () => Promise.reject(new Error('spawn ip ENOENT')), readProcArp: async () => fixture('proc-net-arp.txt') });
    expect(fallback).toMatchObject({ source: 'proc' });
    expect(fallback.neighbors).toHaveLength(4);
    const none = await readNeighbors({ run: () => Promise.reject(new Error('spawn ip ENOENT')), readProcArp: () => Promise.reject(new Error('ENOENT /proc/net/arp')) });
    expect(none).toMatchObject({ source: 'none', neighbors: [], error: expect.stringMatching(/ENOENT/) });
  });
});

describe('MAC helpers', () => {
  it('normalises the usual spellings', () => {
    expect(normalizeMac('00-1B-54-AA-BB-CC')).toBe('00:1b:54:aa:bb:cc');
    expect(normalizeMac('001b.54aa.bbcc')).toBe('00:1b:54:aa:bb:cc');
    expect(normalizeMac('001B54AABBCC')).toBe('00:1b:54:aa:bb:cc');
    expect(normalizeMac('00:1b:54:aa:bb')).toBeNull();
    expect(isUsableMac('ff:ff:ff:ff:ff:ff')).toBe(false);
    expect(isUsableMac('33:33:00:00:00:01')).toBe(false);
    expect(isUsableMac('02:77:66:6c:01:01')).toBe(true);
  });

  it('indexes by address', () => {
    const map = neighborsByAddress(parseIpNeighJson(fixture('ip-neigh-all.json.txt')));
    expect(map.get('198.18.1.11')?.mac).toBe(LAB_MAC);
  });
});

describe('parseNeighborStates', () => {
  it('keeps the FAILED and INCOMPLETE entries of a real table, with their ages', () => {
    const states = parseNeighborStates(fixture('ip-neigh-all.json.txt'));
    expect(states.get('198.18.1.60')).toEqual({ address: '198.18.1.60', state: 'FAILED' });
    expect(states.get('198.18.1.11')?.state).toBe('REACHABLE');
    expect(states.get('fd00::1')?.state).toBe('FAILED');
    const aged = parseNeighborStates(JSON.stringify([{ dst: '10.0.0.8', dev: 'eth0', used: 0, confirmed: 0, state: ['INCOMPLETE'] }, { dst: '10.0.0.9', dev: 'eth0', lladdr: '00:11:22:33:44:55', confirmed: 3, state: ['STALE'] }]));
    expect([...aged.values()]).toEqual([
      { address: '10.0.0.8', state: 'INCOMPLETE', confirmedAgoSec: 0 },
      { address: '10.0.0.9', state: 'STALE', confirmedAgoSec: 3 },
    ]);
  });

  it('readNeighborStates runs ip -s -j neigh show', async () => {
    const calls: string[][] = [];
    const states = await readNeighborStates((cmd, args) => {
      calls.push([cmd, ...args]);
      return Promise.resolve('[{"dst":"10.0.0.8","dev":"eth0","state":["FAILED"]}]');
    });
    expect(calls).toEqual([['ip', '-s', '-j', 'neigh', 'show']]);
    expect(states.get('10.0.0.8')?.state).toBe('FAILED');
  });
});
