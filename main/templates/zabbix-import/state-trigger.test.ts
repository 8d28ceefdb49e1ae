import { describe, expect, it } from 'vitest';
import { createMacroResolver } from './macros.ts';
import { mapTrigger } from './map-trigger.ts';

const macros = createMacroResolver([
  { macro: '{$PSU_CRIT_STATUS}', value: '3' },
  { macro: '{$PSU_CRIT_STATUS:"shutdown"}', value: '4' },
  { macro: '{$PSU_OK_STATUS}', value: '1' },
  { macro: '{$RATIO}', value: '0.5' },
]);
const items: Record<string, string> = { 'sensor.psu.status[ciscoEnvMonSupplyState.1]': 'psu_status', 'sensor.fan.status[ciscoEnvMonFanState.1]': 'fan_status' };
const map = (expression: string) => mapTrigger({ expression, name: 'PSU state', priority: 'HIGH' } as Parameters<typeof mapTrigger>[0], macros, (k) => items[k]);
const PSU = 'last(/Cisco/sensor.psu.status[ciscoEnvMonSupplyState.1])';

describe('Zabbix triggers on states', () => {
  it('last()=N, or several joined by or on one item, become "in"; <> joined by and become "notIn"', () => {
    expect(map(`${PSU}=3`)).toMatchObject({ ok: true, alert: { itemKey: 'psu_status', severity: 'major', condition: { kind: 'state', metric: 'psu_status', op: 'in', values: [3], forSec: 0 } } });
    expect(map(`${PSU}={$PSU_CRIT_STATUS} or ${PSU}={$PSU_CRIT_STATUS:"shutdown"}`)).toMatchObject({ ok: true, alert: { condition: { op: 'in', values: [3, 4] } } });
    expect(map(`${PSU}<>{$PSU_OK_STATUS} and ${PSU}<>5`)).toMatchObject({ ok: true, alert: { condition: { op: 'notIn', values: [1, 5] } } });
    expect(map(`last(/Cisco/sensor.psu.status[ciscoEnvMonSupplyState.1],#1)=6`)).toMatchObject({ ok: true, alert: { condition: { op: 'in', values: [6] } } });
  });

  it('what is not exactly a set of states is left to the threshold mapping, with its reason', () => {
    // = joined by and, <> by or, two items, a fraction, an older value, another function.
    expect(map(`${PSU}=3 and ${PSU}=4`)).toMatchObject({ ok: false });
    expect(map(`${PSU}<>1 or ${PSU}<>5`)).toMatchObject({ ok: false });
    expect(map(`${PSU}=3 or last(/Cisco/sensor.fan.status[ciscoEnvMonFanState.1])=3`)).toMatchObject({ ok: false });
    expect(map(`${PSU}={$RATIO}`)).toEqual({ ok: false, reason: expect.stringMatching(/^equality \(=\) has no equivalent here/) });
    expect(map(`last(/Cisco/sensor.psu.status[ciscoEnvMonSupplyState.1],#2)=3`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^equality/) });
    expect(map(`max(/Cisco/sensor.psu.status[ciscoEnvMonSupplyState.1],5m)=3`)).toMatchObject({ ok: false });
    expect(map(`last(/Cisco/not.imported)=3`)).toEqual({ ok: false, reason: 'its item not.imported was not imported' });
    // Thresholds are mapped as before.
    expect(map(`${PSU}>2`)).toMatchObject({ ok: true, alert: { condition: { kind: 'threshold', op: 'above', value: 2 } } });
  });
});
