/**
 * The vendor templates' alerts on sets of states (kind `state`) and on values read from text, on
 * the recordings of real devices (test/fixtures/templates/) served by the fake agent and polled by
 * the SNMP poller: quiet as recorded and on the states that are not failures (an empty slot, a RAID
 * scrub, a UPS trimming the mains), firing once the served value is changed to a failing state.
 * Tables the recordings lack (ProCurve air temperature, QNAP volumes) and a probe set to Fahrenheit
 * are served as extra rows of the same recording.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { conditionHolds } from '../alerts/condition-holds.ts';
import type { PollSample } from '../monitoring/poll-executor.ts';
import { encInt, tlv } from '../snmp/testing/ber.ts';
import { byLabel, type CapturePoller, pollCapture } from './testing/poll-capture.ts';

const INTEGER = 0x02;
const int = (v: number) => encInt(INTEGER, v);
const text = (v: string) => tlv(0x04, Buffer.from(v, 'latin1'));

const open: CapturePoller[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});

/** The template's alerts (includes merged) that one of the samples would fire (the duration aside). */
function firing(p: CapturePoller, samples: readonly PollSample[]): string[] {
  return p.template.alerts.filter((a) => (a.condition.kind === 'threshold' || a.condition.kind === 'state') && samples.some((s) => s.name === (a.condition as { metric: string }).metric && conditionHolds(a.condition as Parameters<typeof conditionHolds>[0], s.value))).map((a) => a.key);
}

async function poll(p: CapturePoller): Promise<PollSample[]> {
  const r = await p.poll();
  expect(r.status).toBe('ok');
  return r.samples;
}

interface Case {
  template: string;
  fixture: string;
  alert: string;
  oid: string;
  /** Served values that must leave the alert quiet (besides the recorded one). */
  quiet: (number | string)[];
  /** Served values that must fire it. */
  fires: (number | string)[];
}

const CASES: Case[] = [
  // SYNOLOGY-RAID-MIB raidStatus: 11 degrade, 12 crashed; 13-21 (scrubbing, SHR conversion...) and 2-10 (repairing, syncing...) are maintenance.
  { template: 'synology-dsm', fixture: 'synology-dsm', alert: 'raid_degraded', oid: '1.3.6.1.4.1.6574.3.1.1.3.0', quiet: [2, 7, 13, 18, 21], fires: [11, 12] },
  // CISCO-ENVMON-MIB: 5 notPresent is an empty slot; 3 critical, 4 shutdown, 6 notFunctioning are failures.
  { template: 'cisco-ios', fixture: 'cisco-ios-2960x', alert: 'fan_failed', oid: '1.3.6.1.4.1.9.9.13.1.4.1.3.2007', quiet: [2, 5], fires: [3, 4, 6] },
  { template: 'cisco-ios', fixture: 'cisco-ios-2960x', alert: 'psu_failed', oid: '1.3.6.1.4.1.9.9.13.1.5.1.3.3006', quiet: [2, 5], fires: [3, 4, 6] },
  // CISCO-ENTITY-FRU-CONTROL-MIB cefcFRUPowerOperStatus: on (2) and off by the admin (3) are fine.
  { template: 'cisco-nxos', fixture: 'cisco-nxos-n3k-3064pq', alert: 'psu_failed', oid: '1.3.6.1.4.1.9.9.117.1.1.2.1.2.470', quiet: [3], fires: [1, 4, 8, 9, 12] },
  { template: 'cisco-nxos', fixture: 'cisco-nxos-n3k-3064pq', alert: 'fan_failed', oid: '1.3.6.1.4.1.9.9.117.1.4.1.1.1.534', quiet: [1], fires: [3, 4] },
  // DELLEMC-OS10-CHASSIS-MIB: 6 notPresent is an empty slot; 2 down and 8 failed are failures.
  { template: 'dell-os10', fixture: 'dell-os10-s4128f', alert: 'psu_failed', oid: '1.3.6.1.4.1.674.11000.5000.100.4.1.2.1.1.4.2', quiet: [6], fires: [2, 8] },
  { template: 'dell-os10', fixture: 'dell-os10-s4128f', alert: 'fan_failed', oid: '1.3.6.1.4.1.674.11000.5000.100.4.1.2.2.1.4.3', quiet: [6], fires: [2, 8] },
  // XUPS-MIB xupsOutputSource: booster (6) and reducer (7) correct the mains, high-efficiency (10) is normal.
  { template: 'eaton-ups', fixture: 'eaton-ups', alert: 'on_battery', oid: '1.3.6.1.4.1.534.1.4.5.0', quiet: [4, 6, 7, 10], fires: [5] },
  { template: 'eaton-ups', fixture: 'eaton-ups', alert: 'on_bypass', oid: '1.3.6.1.4.1.534.1.4.5.0', quiet: [5, 6, 7], fires: [4, 11] },
  // CISCO-FIREWALL-MIB cfwHardwareStatusValue: recorded down (3, failover off); active/standby fine.
  { template: 'cisco-asa', fixture: 'cisco-asa', alert: 'failover_secondary_degraded', oid: '1.3.6.1.4.1.9.9.147.1.2.1.1.1.3.7', quiet: [9, 10], fires: [4, 5, 7] },
  { template: 'cisco-asa', fixture: 'cisco-asa', alert: 'failover_primary_degraded', oid: '1.3.6.1.4.1.9.9.147.1.2.1.1.1.3.6', quiet: [9, 10], fires: [4] },
  // upsAdvBatteryReplaceIndicator / upsAdvanceBatteryReplaceIndicator: 2 batteryNeedsReplacing.
  { template: 'apc-ups', fixture: 'apc-ups', alert: 'battery_replace', oid: '1.3.6.1.4.1.318.1.1.1.2.2.4.0', quiet: [], fires: [2] },
  { template: 'cyberpower-ups', fixture: 'cyberpower-ups', alert: 'battery_replace', oid: '1.3.6.1.4.1.3808.1.1.1.2.2.5.0', quiet: [], fires: [2] },
  // PAN-COMMON-MIB panSysHAState / PeerState are text: recorded "active" / "passive".
  { template: 'paloalto-panos', fixture: 'paloalto-panos-vsys', alert: 'ha_not_functional', oid: '1.3.6.1.4.1.25461.2.1.2.1.11.0', quiet: ['passive', 'initial', 'disabled', 'something new'], fires: ['suspended', 'non-functional', 'Suspended'] },
  { template: 'paloalto-panos', fixture: 'paloalto-panos-vsys', alert: 'ha_peer_not_functional', oid: '1.3.6.1.4.1.25461.2.1.2.1.12.0', quiet: ['active', 'tentative'], fires: ['non-functional'] },
];

describe('state alerts on recordings of real devices', () => {
  it.each(CASES.map((c) => [c.template, c.alert, c] as const))('%s %s: quiet as recorded and on the harmless states, fires on the failing ones', async (_t, _a, c) => {
    const p = await pollCapture(c.template, c.fixture);
    open.push(p);
    expect(p.template.alerts.find((a) => a.key === c.alert)?.condition.kind).toBe('state');
    expect(p.mib.has(c.oid), `${c.oid} is in the recording`).toBe(true);
    expect(firing(p, await poll(p))).toEqual([]);
    const serve = (v: number | string) => p.mib.set(c.oid, typeof v === 'number' ? int(v) : text(v));
    for (const v of c.quiet) {
      serve(v);
      expect(firing(p, await poll(p)), `${c.oid} = ${v}`).not.toContain(c.alert);
    }
    for (const v of c.fires) {
      serve(v);
      expect(firing(p, await poll(p)), `${c.oid} = ${v}`).toContain(c.alert);
    }
  }, 60_000);
});

describe('values read from text and from Fahrenheit, on recordings with rows added', () => {
  it('ProCurve chassis air temperature: "26C" read as 26 °C, the threshold too, over-temperature fires on yes', async () => {
    const AIR = '1.3.6.1.4.1.11.2.14.11.1.2.8.1.1';
    const rows = new Map([
      [`${AIR}.2.0`, text('sys-1')],
      [`${AIR}.3.0`, text('26C')],
      [`${AIR}.6.0`, int(2)],
      [`${AIR}.7.0`, text('75C')],
    ]);
    const p = await pollCapture('hpe-procurve', 'hpe-procurve-e2910', rows);
    open.push(p);
    let s = await poll(p);
    expect([byLabel(s, 'sensor_celsius', 'sensor'), byLabel(s, 'temperature_threshold_c', 'sensor'), byLabel(s, 'procurve_air_over_temperature', 'sensor')]).toEqual([{ 'sys-1': 26 }, { 'sys-1': 75 }, { 'sys-1': 2 }]);
    expect(firing(p, s)).toEqual([]);
    p.mib.set(`${AIR}.6.0`, int(1));
    s = await poll(p);
    expect(firing(p, s)).toEqual(['air_over_temperature']);
  });

  it('QNAP volume status: text mapped to states, degraded and failure fire, rebuilding does not', async () => {
    const VOL = '1.3.6.1.4.1.24681.1.4.1.1.1.2.3.2.1';
    const rows = new Map([
      [`${VOL}.1.1`, int(1)],
      [`${VOL}.3.1`, int(1_000_000)],
      [`${VOL}.4.1`, int(600_000)],
      [`${VOL}.5.1`, text('Ready')],
    ]);
    const p = await pollCapture('qnap', 'qnap', rows);
    open.push(p);
    const status = async (v: string) => {
      p.mib.set(`${VOL}.5.1`, text(v));
      const s = await poll(p);
      return { value: byLabel(s, 'qnap_volume_status', 'volume')['1'], fires: firing(p, s).includes('volume_degraded') };
    };
    expect(await status('Ready')).toEqual({ value: 1, fires: false });
    expect(await status('Rebuilding')).toEqual({ value: 3, fires: false });
    expect(await status('Degraded')).toEqual({ value: 5, fires: true });
    expect(await status('Failure')).toEqual({ value: 6, fires: true });
    expect(await status('a status QTS added later')).toEqual({ value: 0, fires: false });
  });

  it('AKCP: a probe set to Fahrenheit reads in °C, the Celsius ones as they are', async () => {
    const p = await pollCapture('akcp-sensorprobe', 'akcp-sensorprobe');
    open.push(p);
    const PROBE = '1.3.6.1.4.1.3854.1.2.2.1.16.1';
    const before = byLabel(await poll(p), 'env_temperature_c', 'sensor');
    expect(before['Temp.Sensor 1']).toBeCloseTo(22.1, 6);
    // Probe 7 switched to Fahrenheit (sensorProbeTempDegreeType 0): 71.6 °F in tenths.
    p.mib.set(`${PROBE}.12.7`, int(0));
    p.mib.set(`${PROBE}.14.7`, int(716));
    const after = byLabel(await poll(p), 'env_temperature_c', 'sensor');
    expect(after['Temp.Sensor 1']).toBeCloseTo(22, 6);
    expect(after['Temp.Sensor 2']).toBeCloseTo(before['Temp.Sensor 2'] as number, 6);
  });
});
