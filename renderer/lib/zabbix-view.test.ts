import { describe, expect, it } from 'vitest';
import type { ZabbixStatus } from '../../main/api/zabbix.ts';
import { chartUnit, formatAge, formatItemValue, historyPoints, isNumericItem, mirrorNotice, statusOrigin } from './zabbix-view.ts';

const NOW = 1_800_000_000_000;
const status = (over: Partial<ZabbixStatus>): ZabbixStatus => ({
  mode: 'zabbix',
  configured: true,
  active: true,
  stale: false,
  lastSyncAt: NOW - 5000,
  ageSec: 5,
  lastAttemptAt: NOW - 5000,
  error: null,
  hosts: 3,
  matched: 1,
  imported: 2,
  problems: 1,
  pendingPushes: 0,
  intervalSec: 60,
  ...over,
});

describe('mirrorNotice', () => {
  it('says nothing in standalone mode or when the last read was fresh', () => {
    expect(mirrorNotice(status({ mode: 'standalone', configured: false }), NOW)).toBeUndefined();
    expect(mirrorNotice(status({}), NOW)).toBeUndefined();
  });
  it('warns with the age of the data shown and the reason when Zabbix is unreachable', () => {
    expect(mirrorNotice(status({ stale: true, lastSyncAt: NOW - 12 * 60_000, error: 'connect ECONNREFUSED 127.0.0.1:9' }), NOW)).toEqual({
      tone: 'warning',
      text: 'Zabbix unreachable, showing data from 12 min ago: connect ECONNREFUSED 127.0.0.1:9',
    });
    expect(mirrorNotice(status({ stale: true, lastSyncAt: null, error: 'timed out' }), NOW)?.text).toBe('Zabbix unreachable, nothing read from it yet: timed out');
  });
  it('asks for a server when the mode needs one and none is configured', () => {
    expect(mirrorNotice(status({ mode: 'hybrid', configured: false, active: false }), NOW)?.text).toMatch(/^Hybrid mode, but no Zabbix server is configured/);
  });
  it('says when nothing was read yet', () => {
    expect(mirrorNotice(status({ lastSyncAt: null }), NOW)).toEqual({ tone: 'info', text: 'Not synced with Zabbix yet.' });
  });
});

describe('statusOrigin', () => {
  it('names the source of the status of a device WARD FLUX and Zabbix both watch, in hybrid mode only', () => {
    expect(statusOrigin({ statusSource: 'zabbix', source: 'both' }, 'hybrid')?.via).toBe('zabbix');
    expect(statusOrigin({ statusSource: 'wardflux', source: 'both' }, 'hybrid')?.via).toBe('wardflux');
    expect(statusOrigin({ statusSource: 'zabbix', source: 'both' }, 'zabbix')).toBeUndefined();
    expect(statusOrigin({ statusSource: 'zabbix', source: 'zabbix' }, 'hybrid')).toBeUndefined();
    expect(statusOrigin({ statusSource: null, source: 'wardflux' }, 'hybrid')).toBeUndefined();
  });
});

describe('item values', () => {
  const item = (valueType: number, lastValue: string, units = '', lastClock: number | null = NOW) => ({ valueType, lastValue, units, lastClock });
  it('scales bytes and bits, formats durations and percentages, keeps other units after the number', () => {
    expect(formatItemValue(item(3, '2147483648', 'B'))).toBe('2.0 GB');
    expect(formatItemValue(item(3, '1500000', 'bps'))).toBe('1.5 Mbit/s');
    expect(formatItemValue(item(3, '93784', 'uptime'))).toBe('1 d 2 h');
    expect(formatItemValue(item(0, '12.3456', '%'))).toBe('12.3 %');
    expect(formatItemValue(item(0, '41.5', '°C'))).toBe('41.5 °C');
    expect(formatItemValue(item(3, '90'))).toBe('90');
  });
  it('shows text items as they are and a dash for an item that never got a value', () => {
    expect(formatItemValue(item(4, 'warming up'))).toBe('warming up');
    expect(formatItemValue(item(3, '0', '', null))).toBe('—');
    expect(isNumericItem({ valueType: 0 })).toBe(true);
    expect(isNumericItem({ valueType: 1 })).toBe(false);
  });
  it('maps Zabbix units to the chart units', () => {
    expect(chartUnit('bps')).toBe('bit/s');
    expect(chartUnit('uptime')).toBe('s');
    expect(chartUnit('%')).toBe('%');
  });
});

describe('historyPoints', () => {
  it('turns history and trends into sorted chart points, leaving text values out', () => {
    expect(
      historyPoints([
        { clock: 3000, value: 7, min: 5, max: 9 },
        { clock: 1000, value: '20' },
        { clock: 2000, value: 'n/a' },
      ]),
    ).toEqual([
      { ts: 1000, avg: 20, min: 20, max: 20, count: 1 },
      { ts: 3000, avg: 7, min: 5, max: 9, count: 1 },
    ]);
  });
});

describe('formatAge', () => {
  it('uses the largest whole unit', () => {
    expect([formatAge(45), formatAge(720), formatAge(7300), formatAge(200_000)]).toEqual(['45 s', '12 min', '2 h', '2 d']);
  });
});
