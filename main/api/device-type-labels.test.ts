import { describe, expect, it } from 'vitest';
import { DEVICE_TYPE_LABELS, deviceTypeLabel } from './device-type-labels.ts';
import { DeviceType } from './discovery.ts';

describe('device type labels', () => {
  it('has words for every type of the contract, and only for those, no two alike', () => {
    expect(Object.keys(DEVICE_TYPE_LABELS).sort()).toEqual([...DeviceType.options].sort());
    const words = Object.values(DEVICE_TYPE_LABELS);
    expect(new Set(words.map((w) => w.toLowerCase())).size).toBe(words.length);
    for (const type of DeviceType.options) expect(deviceTypeLabel(type).trim(), type).not.toBe('');
  });

  it('names the power, environment and appliance types as a technician says them', () => {
    expect(['pdu', 'sensor', 'load-balancer', 'voip-gateway', 'nas', 'appliance'].map(deviceTypeLabel)).toEqual([
      'PDU',
      'Environment sensor',
      'Load balancer',
      'VoIP gateway',
      'NAS',
      'Appliance',
    ]);
  });

  it('shows a value outside the enum as it is', () => {
    expect(deviceTypeLabel('toaster')).toBe('toaster');
    expect(deviceTypeLabel('toString')).toBe('toString');
  });
});
