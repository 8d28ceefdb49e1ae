/**
 * The standard templates against captured walks of real devices (test/fixtures/templates/, from
 * LibreNMS's tests/snmpsim with a provenance header), served by the fake agent and polled by the
 * SNMP poller: every item resolves (or the capture is named as lacking it) and the values are
 * plausible in their units.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PollSample } from '../monitoring/poll-executor.ts';
import { byLabel, type CapturePoller, pollCapture, sampledNames, unsignedOf } from './testing/poll-capture.ts';

const open: CapturePoller[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});
async function capture(templateId: string, fixture: string): Promise<CapturePoller> {
  const p = await pollCapture(templateId, fixture);
  open.push(p);
  return p;
}

/** Every metric key of the template (items, table columns, derived), for "every item resolves". */
function keysOf(p: CapturePoller): string[] {
  const t = p.template;
  return [...t.items.map((i) => i.key), ...t.derived.map((d) => d.key), ...t.tables.flatMap((tb) => [...tb.columns.map((c) => c.key), ...tb.derived.map((d) => d.key)])];
}
const missing = (p: CapturePoller, samples: readonly PollSample[]) => {
  const have = sampledNames(samples);
  return keysOf(p).filter((k) => !have.has(k));
};
const GiB = 1024 ** 3;

describe('standard templates on real devices', () => {
  it('host-resources on a Synology NAS: CPU per core, RAM and disks in bytes (allocation units) and %', async () => {
    const p = await capture('host-resources', 'host-resources-synology-dsm');
    const r = await p.poll();
    expect(r.status).toBe('ok');
    expect(missing(p, r.samples)).toEqual([]);
    expect(byLabel(r.samples, 'cpu_util_pct', 'cpu')).toEqual({ '196608': 8, '196609': 8, '196610': 8, '196611': 10 });
    // Physical memory: 1012408 units of 1024 bytes.
    expect(byLabel(r.samples, 'memory_size_bytes', 'memory')).toEqual({ 'Physical memory': 1012408 * 1024 });
    const mem = byLabel(r.samples, 'mem_used_pct', 'memory')['Physical memory'];
    expect(mem).toBeGreaterThan(0);
    expect(mem).toBeLessThan(100);
    // Only fixed disks (not virtual memory, buffers, swap); /volume1 counts in 64 KiB units.
    const size = byLabel(r.samples, 'storage_size_bytes', 'storage');
    expect(Object.keys(size)).toEqual(expect.arrayContaining(['/', '/volume1']));
    expect(Object.keys(size)).not.toContain('Swap space');
    expect(size['/volume1']).toBe(Number(unsignedOf(p.mib, '1.3.6.1.2.1.25.2.3.1.5.51')) * 65536);
    expect(size['/volume1']).toBeGreaterThan(100 * GiB);
    for (const v of Object.values(byLabel(r.samples, 'disk_used_pct', 'storage'))) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
  });

  it('ups-mib on a Dell Tower 1000W: battery, runtime, voltages, load, all in their units', async () => {
    const p = await capture('ups-mib', 'ups-mib-dell-tower-1000w');
    const r = await p.poll();
    expect(r.status).toBe('ok');
    // This agent does not implement upsAlarmsPresent; it has no interfaces table either.
    expect(missing(p, r.samples).filter((k) => !k.startsWith('if_'))).toEqual(['ups_alarms']);
    const one = (name: string) => r.samples.find((s) => s.name === name)?.value;
    expect(one('ups_battery_status')).toBe(2); // normal
    expect(one('ups_output_source')).toBe(3); // normal: not on battery
    expect(one('ups_seconds_on_battery')).toBe(0);
    expect(one('ups_battery_charge_pct')).toBe(98);
    expect(one('ups_runtime_sec')).toBe(31 * 60);
    expect(one('ups_battery_volts')).toBeCloseTo(38.0);
    expect(one('ups_output_hz')).toBeCloseTo(49.9);
    expect(byLabel(r.samples, 'ups_input_volts', 'line')).toEqual({ '1': 232 });
    expect(byLabel(r.samples, 'ups_input_hz', 'line')['1']).toBeCloseTo(49.9);
    expect(byLabel(r.samples, 'ups_output_volts', 'line')).toEqual({ '1': 233 });
    expect(byLabel(r.samples, 'ups_output_amps', 'line')['1']).toBeCloseTo(1.1);
    expect(byLabel(r.samples, 'ups_output_watts', 'line')).toEqual({ '1': 250 });
    expect(byLabel(r.samples, 'ups_load_pct', 'line')).toEqual({ '1': 26 });
    // Its alerts watch its own metrics.
    expect(p.template.alerts.map((a) => a.key)).toEqual(['on_battery', 'battery_low', 'charge_low', 'runtime_low', 'load_high', 'battery_temperature_high']);
  });

  it('printer-mib on a Ricoh MP C3002: supplies by name with % left, page count, device status', async () => {
    const p = await capture('printer-mib', 'printer-mib-ricoh-mp-c3002');
    const r = await p.poll();
    expect(r.status).toBe('ok');
    // hrPrinterStatus is in none of the captured printers (LibreNMS's set); the rest resolves.
    expect(missing(p, r.samples)).toEqual(['printer_status']);
    expect(byLabel(r.samples, 'printer_supply_pct', 'supply')).toEqual({ 'Black Toner': 40, 'Waste Toner': 100, 'Cyan Toner': 20, 'Magenta Toner': 50, 'Yellow Toner': 50 });
    expect(r.samples.find((s) => s.name === 'printer_page_count')?.value).toBe(271_871);
    expect(r.samples.find((s) => s.name === 'printer_device_status')?.value).toBe(3); // warning (a toner is low)
  });

  it('entity-sensor on an Arista 7050TX: temperatures, fans, voltages with scale and precision, named by entPhysicalName', async () => {
    const p = await capture('entity-sensor', 'entity-sensor-arista-eos');
    const r = await p.poll();
    expect(r.status).toBe('ok');
    // The switch has no humidity or dBm sensors; every other kind resolves.
    expect(missing(p, r.samples)).toEqual(['sensor_humidity_pct', 'sensor_dbm']);
    const temps = byLabel(r.samples, 'sensor_celsius', 'sensor');
    expect(temps['Cpu temp sensor']).toBe(53.3);
    expect(Object.keys(temps).length).toBeGreaterThan(5);
    for (const v of Object.values(temps)) {
      expect(v).toBeGreaterThan(10);
      expect(v).toBeLessThan(100);
    }
    const fans = byLabel(r.samples, 'fan_rpm', 'sensor');
    expect(fans['Fan Tray 1 Fan 1 Sensor 1']).toBe(8426);
    for (const v of Object.values(fans)) expect(v).toBeGreaterThan(1000);
    const volts = byLabel(r.samples, 'sensor_volts', 'sensor');
    expect(volts['CpucardPwrCon Rail1 12V standby']).toBe(11.98);
    expect(volts['CpucardPwrCon Rail3 3V3']).toBe(3.3);
    // Transceiver bias currents in mA as amperes; optical power in watts (µW range), none negative.
    const amps = byLabel(r.samples, 'sensor_amps', 'sensor');
    expect(amps['DOM TX Bias Sensor for Ethernet1']).toBeCloseTo(0.03345, 6);
    for (const v of Object.values(amps)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(50);
    }
    for (const v of Object.values(byLabel(r.samples, 'sensor_watts', 'sensor'))) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(0.01);
    }
    expect(new Set(Object.values(byLabel(r.samples, 'fan_status', 'sensor')))).toEqual(new Set([1]));
  }, 20_000);

  it('power-ethernet on a Catalyst 9200L stack: budget, draw and % per member', async () => {
    const p = await capture('power-ethernet', 'power-ethernet-cisco-c9200l');
    const r = await p.poll();
    expect(r.status).toBe('ok');
    expect(missing(p, r.samples)).toEqual([]);
    expect(byLabel(r.samples, 'poe_power_watts', 'pse')).toEqual({ '1': 740, '2': 740, '3': 740 });
    expect(byLabel(r.samples, 'poe_consumption_watts', 'pse')).toEqual({ '1': 9, '2': 19, '3': 24 });
    const pct = byLabel(r.samples, 'poe_budget_used_pct', 'pse');
    expect(pct['3']).toBeCloseTo((24 / 740) * 100, 6);
    expect(byLabel(r.samples, 'poe_status', 'pse')).toEqual({ '1': 1, '2': 1, '3': 1 });
  });

  it('if-mib on a Catalyst 9300: speed as a series, duplex, and utilisation in/out only for ports up with a known speed', async () => {
    const p = await capture('if-mib', 'if-mib-cisco-c9300');
    const first = await p.poll();
    expect(first.status).toBe('ok');
    const oper = byLabel(first.samples, 'if_oper_status', 'index');
    const speed = byLabel(first.samples, 'if_speed_bps', 'index');
    const up = Object.keys(oper).filter((i) => oper[i] === 1 && (speed[i] ?? 0) > 0);
    const down = Object.keys(oper).filter((i) => oper[i] !== 1);
    expect(up.length).toBeGreaterThan(0);
    expect(down.length).toBeGreaterThan(0);
    // ifHighSpeed in Mbit/s → bit/s: gigabit ports are 1e9.
    expect(Object.values(speed)).toContain(1_000_000_000);
    const duplex = byLabel(first.samples, 'if_duplex', 'index');
    expect(Object.keys(duplex).length).toBeGreaterThan(0);
    for (const v of Object.values(duplex)) expect([1, 2, 3]).toContain(v);
    // Rates (and utilisation) need a second reading: 10 s later, every port got 5 s of its link speed in and 1 s out
    // in its 64-bit counters; in the 32-bit ones the poller falls back to (stack ports of 480 Gbit/s here), less
    // than a wrap (2^31 octets).
    expect(first.samples.filter((s) => s.name === 'if_in_util_pct')).toEqual([]);
    const add: Record<string, bigint> = {};
    const expected = new Map<string, { in: number; out: number }>();
    for (const i of Object.keys(oper)) {
      const octetsPerSec = (speed[i] ?? 0) / 8;
      const hc = p.mib.has(`1.3.6.1.2.1.31.1.1.1.6.${i}`);
      const [inOid, outOid] = hc ? [`1.3.6.1.2.1.31.1.1.1.6.${i}`, `1.3.6.1.2.1.31.1.1.1.10.${i}`] : [`1.3.6.1.2.1.2.2.1.10.${i}`, `1.3.6.1.2.1.2.2.1.16.${i}`];
      if (!p.mib.has(inOid) || !p.mib.has(outOid)) continue; // a port without traffic counters has no rate
      const cap = (n: number) => (hc ? n : Math.min(n, 2 ** 31));
      const inOctets = cap(octetsPerSec * 5);
      const outOctets = cap(octetsPerSec);
      add[inOid] = BigInt(Math.round(inOctets));
      add[outOid] = BigInt(Math.round(outOctets));
      if (speed[i]) expected.set(i, { in: (inOctets * 8 * 100) / 10 / speed[i], out: (outOctets * 8 * 100) / 10 / speed[i] });
    }
    p.advance(10_000, add);
    const second = await p.poll();
    const inUtil = byLabel(second.samples, 'if_in_util_pct', 'index');
    const outUtil = byLabel(second.samples, 'if_out_util_pct', 'index');
    const measurable = up.filter((i) => expected.has(i));
    expect(measurable.length).toBeGreaterThan(2);
    expect(Object.keys(inUtil).sort()).toEqual([...measurable].sort());
    for (const i of measurable) {
      expect(inUtil[i]).toBeCloseTo(expected.get(i)?.in ?? NaN, 3);
      expect(outUtil[i]).toBeCloseTo(expected.get(i)?.out ?? NaN, 3);
    }
    // A 64-bit port at half its speed in and a tenth out.
    expect(inUtil['2']).toBeCloseTo(50, 3);
    expect(outUtil['2']).toBeCloseTo(10, 3);
    // A port that is down shows no utilisation, not 0 %.
    for (const i of down) expect(inUtil[i]).toBeUndefined();
  }, 20_000);
});
