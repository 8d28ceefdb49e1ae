import { describe, expect, it } from 'vitest';
import { DiscoveryJobInput, ValidateTargetsInput, ValidateTargetsOutput } from '../api/discovery.ts';
import { contract } from '../api/contract.ts';
import { createDiscoveryHandlers } from './discovery-handlers.ts';

const handlers = createDiscoveryHandlers({ localNetworks: [], resolve: (n) => (n === 'sw1.lab' ? Promise.resolve(['198.18.7.10']) : Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }))) });
const ctx = { transport: 'in-process' } as const;
const call = async (input: unknown) => ValidateTargetsOutput.parse(await handlers['discovery.validateTargets'](ValidateTargetsInput.parse(input), ctx));

describe('discovery.validateTargets', () => {
  it('is in the contract', () => {
    expect(contract['discovery.validateTargets'].input).toBe(ValidateTargetsInput);
  });

  it('accepts a pasted block and returns the count and per-entry issues', async () => {
    const out = await call({ targets: ['198.18.7.0/24, sw1.lab\n198.18.8.1 - 198.18.8.5', '10.0.0.0/8', 'nosuch.lab'], exclusions: ['198.18.7.128/25'] });
    expect(out.ok).toBe(false);
    expect(out.count).toBe(127 + 5);
    expect(out.issues.map((i) => [i.target, i.severity])).toEqual([
      ['10.0.0.0/8', 'error'],
      ['nosuch.lab', 'error'],
    ]);
    expect(out.targets.map((t) => t.input)).toEqual(['198.18.7.0/24', 'sw1.lab', '198.18.8.1-198.18.8.5', '10.0.0.0/8', 'nosuch.lab']);
    expect(out.exclusions[0]).toMatchObject({ kind: 'cidr', count: 128 });
  });

  it('confirmLarge lets a /12 through', async () => {
    expect(await call({ targets: ['10.0.0.0/12'] })).toMatchObject({ ok: false });
    expect(await call({ targets: ['10.0.0.0/12'], confirmLarge: true })).toMatchObject({ ok: true, count: 2 ** 20 - 2 });
  });

  it('syntax-only mode does not resolve names', async () => {
    expect(await call({ targets: ['nosuch.lab'], resolveHostnames: false })).toMatchObject({ ok: true, count: 0, issues: [] });
  });
});

describe('DiscoveryJobInput', () => {
  it('fills the defaults', () => {
    expect(DiscoveryJobInput.parse({ targets: ['198.18.7.0/24'] })).toEqual({
      targets: ['198.18.7.0/24'],
      exclusions: [],
      methods: ['icmp', 'tcp', 'arp', 'snmp'],
      credentialIds: [],
      ratePps: 500,
      adaptiveRate: true,
      timeoutMs: 1000,
      retries: 1,
      tcpPorts: [22, 23, 80, 443, 445, 3389, 8080, 9100],
      tcpAllHosts: false,
      reverseDns: true,
      confirmLarge: false,
    });
  });

  it('explains bad options', () => {
    const r = DiscoveryJobInput.safeParse({ targets: [], ratePps: 20_000, tcpPorts: [22, 22, 70_000], methods: ['icmp', 'udp'] });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'targets: At least one target is required',
        'ratePps: Rate must be at most 10000 packets per second',
        'tcpPorts.2: Ports are 1-65535',
        expect.stringMatching(/^methods\.1: /),
      ]),
    );
  });
});
