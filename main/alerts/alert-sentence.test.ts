import { describe, expect, it } from 'vitest';
import { alertSentence, formatBps, formatMs, formatPct, formatUptime, UNPHRASED_CATALOG_METRICS } from './alert-sentence.ts';

const fire = (metric: string, value: number, labels: Record<string, string> = {}, threshold?: { op: 'above' | 'below'; value: number; forText?: string }) =>
  alertSentence({ metric, labels: { device: 'd1', ...labels }, device: 'tt', value, resolved: false, threshold });
const resolve = (metric: string, value: number | null, labels: Record<string, string> = {}) => alertSentence({ metric, labels: { device: 'd1', ...labels }, device: 'tt', value, resolved: true });

describe('alert sentences', () => {
  it('has a phrasing for every metric of the catalog', () => {
    expect(UNPHRASED_CATALOG_METRICS).toEqual([]);
  });

  it('disk, memory, CPU: percentages rounded, the storage named', () => {
    expect(fire('disk_used_pct', 94.24, { index: '33', storage: '/export' }, { op: 'above', value: 90 })).toBe('Disk /export on tt is 94 % full (above 90 %)');
    expect(resolve('disk_used_pct', 71.6, { index: '33', storage: '/export' })).toBe('Disk /export on tt is back to 72 % full');
    expect(fire('disk_used_pct', 95, { index: '7' })).toBe('Disk 7 on tt is 95 % full');
    expect(fire('mem_used_pct', 91.5, {}, { op: 'above', value: 90, forText: '5 min' })).toBe('Memory on tt is 92 % used (above 90 % for 5 min)');
    expect(fire('mem_used_pct', 91.5, { memory: 'Physical memory' })).toBe('Physical memory on tt is 92 % used');
    expect(fire('cpu_util_pct', 96.4, {}, { op: 'above', value: 90 })).toBe('CPU on tt is at 96 % (above 90 %)');
    expect(fire('cpu_util_pct', 99, { cpu: '2' })).toBe('CPU 2 on tt is at 99 %');
    expect(fire('cpu_load_1m', 3.2567, {}, { op: 'above', value: 2 })).toBe('Load average (1 min) on tt is 3.26 (above 2)');
  });

  it('interfaces: traffic in bit/s with SI units, errors and discards per second, the interface and its alias named', () => {
    expect(fire('if_in_bps', 94_213_000, { interface: 'eth0', index: '2' }, { op: 'above', value: 80_000_000 })).toBe('Interface eth0 on tt receives 94.2 Mbit/s (above 80 Mbit/s)');
    expect(fire('if_out_bps', 1_250_000_000, { interface: 'Gi0/1', alias: 'uplink' })).toBe('Interface Gi0/1 (uplink) on tt sends 1.25 Gbit/s');
    expect(resolve('if_out_bps', 512_400, { interface: 'eth0' })).toBe('Interface eth0 on tt is back to 512 kbit/s out');
    expect(fire('if_in_errors', 3.2, { interface: 'eth0' }, { op: 'above', value: 1 })).toBe('Interface eth0 on tt has 3.2 input errors/s (above 1 input errors/s)');
    expect(fire('if_out_discards', 0.0523, { interface: 'eth0' })).toBe('Interface eth0 on tt has 0.052 output discards/s');
    expect(fire('if_oper_status', 2, { interface: 'Gi0/1' }, { op: 'above', value: 1 })).toBe('Interface Gi0/1 on tt is down (oper status 2)');
    expect(resolve('if_oper_status', 1, { interface: 'Gi0/1' })).toBe('Interface Gi0/1 on tt is up again');
    expect(fire('if_admin_status', 2, { interface: 'Gi0/1' })).toBe('Interface Gi0/1 on tt is disabled (admin status 2)');
  });

  it('latency in ms, loss in %, over the 5-minute window when the metric is windowed', () => {
    expect(fire('ping_rtt_ms', 152.37, {}, { op: 'above', value: 150, forText: '1 min' })).toBe('Latency to tt is 152 ms (above 150 ms for 1 min)');
    expect(fire('ping_rtt_ms_5m', 0.4231)).toBe('Latency to tt over the last 5 minutes is 0.42 ms');
    expect(fire('ping_loss_pct_5m', 20.4, {}, { op: 'above', value: 10 })).toBe('Packet loss to tt over the last 5 minutes is 20 % (above 10 %)');
    expect(fire('ping_loss_pct', 4.25)).toBe('Packet loss to tt is 4.3 %');
    expect(resolve('ping_loss_pct_5m', 0)).toBe('Packet loss to tt over the last 5 minutes is back to 0 %');
  });

  it('availability and uptime: device down / degraded / restarted, without a 0/1 threshold', () => {
    expect(fire('availability', 0, {}, { op: 'below', value: 1 })).toBe('tt does not answer the availability check');
    expect(fire('availability', 0.5, {}, { op: 'below', value: 1 })).toBe('tt is degraded');
    expect(resolve('availability', 1)).toBe('tt is reachable again');
    expect(fire('snmp_reachable', 0, {}, { op: 'below', value: 1 })).toBe('tt does not answer SNMP');
    expect(resolve('snmp_reachable', 1)).toBe('tt answers SNMP again');
    expect(fire('uptime_sec', 312, {}, { op: 'below', value: 600 })).toBe('tt has been up for 5 min (below 10 min)');
    expect(fire('printer_supply_pct', 9, { supply: 'black' }, { op: 'below', value: 10 })).toBe('Supply black on tt is at 9 % (below 10 %)');
  });

  it('falls back (null) for a metric it has no phrasing for', () => {
    expect(fire('my_custom_gauge', 7)).toBeNull();
    expect(resolve('my_custom_gauge', 7)).toBeNull();
  });

  it('rounds with units', () => {
    expect([formatPct(94.24), formatPct(4.25), formatPct(0.042), formatPct(100)]).toEqual(['94 %', '4.3 %', '0.04 %', '100 %']);
    expect([formatMs(152.37), formatMs(4.26), formatMs(0.4231)]).toEqual(['152 ms', '4.3 ms', '0.42 ms']);
    expect([formatBps(0), formatBps(999.6), formatBps(1000), formatBps(94_213_000), formatBps(12_345_000_000)]).toEqual(['0 bit/s', '1000 bit/s', '1 kbit/s', '94.2 Mbit/s', '12.3 Gbit/s']);
    expect([formatUptime(45), formatUptime(720), formatUptime(5 * 3600 + 180), formatUptime(3 * 86_400 + 4 * 3600), formatUptime(7200)]).toEqual(['45 s', '12 min', '5 h 3 min', '3 d 4 h', '2 h']);
  });

  it("a template's state item: the state by its name, no threshold repeated; an unnamed state by its number", () => {
    const words = { name: 'Fan state', unit: '', states: { '1': 'normal', '3': 'critical', '5': 'notPresent' } };
    const base = { metric: 'envmon_fan_state', labels: { device: 'd1', fan: 'Fan 1', index: '1' }, device: 'sw1', words };
    expect(alertSentence({ ...base, value: 3, resolved: false, state: { op: 'in', values: [3] } })).toBe('Fan state Fan 1 on sw1 is critical (3)');
    expect(alertSentence({ ...base, value: 3, resolved: false, state: { op: 'in', values: [3], forText: '2 min' } })).toBe('Fan state Fan 1 on sw1 is critical (3) (for 2 min)');
    expect(alertSentence({ ...base, value: 4, resolved: false, threshold: { op: 'above', value: 2 } })).toBe('Fan state Fan 1 on sw1 is in state 4');
    expect(alertSentence({ ...base, value: 1, resolved: true })).toBe('Fan state Fan 1 on sw1 is back to normal');
  });
});
