import { describe, expect, it } from 'vitest';
import type { DiscoveryJob } from '../../main/api/discovery.ts';
import { fromChoices, resolveScanPair, uploadUnavailable } from './report-picks.ts';

function job(id: string, createdAt: number, targets: string[], status: DiscoveryJob['status'] = 'finished'): DiscoveryJob {
  return { id, status, createdAt, options: { targets } } as unknown as DiscoveryJob;
}

const lan = ['198.18.0.0/24'];
const dmz = ['198.18.9.0/28'];
// Newest last, out of order on purpose: the helpers sort.
const jobs = [job('a', 1000, lan), job('c', 3000, lan), job('d', 4000, dmz), job('b', 2000, lan), job('e', 5000, lan, 'running')];

describe('report scan picks', () => {
  it('defaults to the latest finished scan and the one before it on the same targets', () => {
    expect(resolveScanPair(jobs, {})).toMatchObject({ to: { id: 'd' }, from: undefined });
    expect(resolveScanPair(jobs.filter((j) => j.id !== 'd'), {})).toMatchObject({ to: { id: 'c' }, from: { id: 'b' } });
    expect(resolveScanPair(jobs, { toJobId: 'c' })).toMatchObject({ to: { id: 'c' }, from: { id: 'b' } });
    expect(resolveScanPair(jobs, { toJobId: 'c', fromJobId: 'a' })).toMatchObject({ to: { id: 'c' }, from: { id: 'a' } });
    expect(resolveScanPair([], {})).toEqual({});
  });

  it('"from" offers only older finished scans, the same targets first', () => {
    expect(fromChoices(jobs, jobs[2]).map((j) => j.id)).toEqual(['c', 'b', 'a']);
    expect(fromChoices(jobs, job('x', 3500, dmz)).map((j) => j.id)).toEqual(['c', 'b', 'a']);
    expect(fromChoices(jobs, job('y', 4500, dmz)).map((j) => j.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(fromChoices(jobs, undefined)).toEqual([]);
  });

  it('Upload is unavailable, with the reason, until a central with a token is configured and on', () => {
    expect(uploadUnavailable(undefined)).toMatch(/Loading/);
    expect(uploadUnavailable({ url: '', hasToken: false, enabled: true, updatedAt: null })).toMatch(/No central server is configured/);
    expect(uploadUnavailable({ url: 'https://central.example', hasToken: false, enabled: true, updatedAt: 1 })).toMatch(/no API token/);
    expect(uploadUnavailable({ url: 'https://central.example', hasToken: true, enabled: false, updatedAt: 1 })).toMatch(/turned off/);
    expect(uploadUnavailable({ url: 'https://central.example', hasToken: true, enabled: true, updatedAt: 1 })).toBeUndefined();
  });
});
