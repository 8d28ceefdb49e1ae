/**
 * discovery.start takes SNMP communities for one scan (the UI's "community for this scan only",
 * like the CLI's -c): they reach the service as run-only credentials, never as part of the job's
 * options, and an invalid one is a field error that does not repeat the value.
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../api/contract.ts';
import { DiscoveryStartInput, type DiscoveryJob, type DiscoveryJobOptions } from '../api/discovery.ts';
import { createDiscoveryJobHandlers } from './discovery-handlers.ts';
import type { DiscoveryService, StartExtras } from './jobs/discovery-service.ts';

const ctx = { transport: 'in-process' } as const;

function recordingService(): { service: DiscoveryService; calls: Array<{ input: DiscoveryJobOptions; extras: StartExtras | undefined }> } {
  const calls: Array<{ input: DiscoveryJobOptions; extras: StartExtras | undefined }> = [];
  const service = {
    start: (input: DiscoveryJobOptions, extras?: StartExtras) => {
      calls.push({ input, extras });
      return Promise.resolve({ id: 'job' } as DiscoveryJob);
    },
  } as unknown as DiscoveryService;
  return { service, calls };
}

describe('discovery.start with a community for this scan', () => {
  it('is the contract input', () => {
    expect(contract['discovery.start'].input).toBe(DiscoveryStartInput);
  });

  it('hands the communities to the service as v2c credentials for this run, outside the job options', async () => {
    const { service, calls } = recordingService();
    const handlers = createDiscoveryJobHandlers(service);
    await handlers['discovery.start'](DiscoveryStartInput.parse({ targets: ['198.18.7.0/29'], communities: ['s3cret-ro'] }), ctx);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.extras).toEqual({ credentials: [{ version: '2c', community: 's3cret-ro' }], label: 'this scan' });
    expect(JSON.stringify(calls[0]!.input)).not.toContain('s3cret-ro');
    expect(calls[0]!.input).not.toHaveProperty('communities');
  });

  it('passes no extras without a community', async () => {
    const { service, calls } = recordingService();
    await createDiscoveryJobHandlers(service)['discovery.start'](DiscoveryStartInput.parse({ targets: ['198.18.7.0/29'] }), ctx);
    expect(calls[0]!.extras).toEqual({});
  });

  it('refuses an empty or oversized community without echoing it', () => {
    const long = 'x'.repeat(300);
    const r = DiscoveryStartInput.safeParse({ targets: ['198.18.7.0/29'], communities: ['', long] });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(['communities.0: The community is empty', 'communities.1: A community is at most 255 characters']);
    expect(JSON.stringify(r.error!.issues)).not.toContain(long);
  });
});
