import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../../test/support/cleanups.ts';
import { discoveryHost } from '../../../test/support/discovery-host.ts';
import { addToMonitoringDeps, recordingDevices } from '../../../test/support/recording-devices.ts';
import { tempDatabase } from '../../../test/support/temp-database.ts';
import { addToMonitoring } from './add-to-monitoring.ts';

const later = cleanupAfterEach();

describe('add to monitoring: the scanning machine', () => {
  const hosts = new Map([
    ['198.18.0.1', discoveryHost({ address: '198.18.0.1', name: 'laptop', self: true })],
    ['198.18.0.2', discoveryHost({ address: '198.18.0.2', name: 'printer' })],
  ]);

  it('is skipped with a reason unless asked for; the others are added', () => {
    const { devices, names } = recordingDevices(tempDatabase(later).db);
    const out = addToMonitoring(addToMonitoringDeps(devices), 'job-1', ['198.18.0.1', '198.18.0.2'], (a) => hosts.get(a));
    expect(out.created).toBe(1);
    expect(out.results).toMatchObject([
      { address: '198.18.0.1', outcome: 'self', deviceId: null, message: expect.stringMatching(/^Not added: this is the computer running the scan/) },
      { address: '198.18.0.2', outcome: 'created' },
    ]);
    expect(devices.byAddress('198.18.0.1')).toBeUndefined();
    expect(names()).toEqual(['device.created']);
  });

  it('is added when the user asks for it (includeSelf)', () => {
    const { devices } = recordingDevices(tempDatabase(later).db);
    const out = addToMonitoring(addToMonitoringDeps(devices), 'job-1', ['198.18.0.1'], (a) => hosts.get(a), { includeSelf: true });
    expect(out.results).toMatchObject([{ address: '198.18.0.1', outcome: 'created', name: 'laptop' }]);
    expect(devices.byAddress('198.18.0.1')?.name).toBe('laptop');
  });
});
