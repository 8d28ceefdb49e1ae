/**
 * Discovery says why SNMP said nothing, and knows the computer it runs on: a lab host answers
 * ping but its snmpd knows another community, so the result (contract and CLI) reads "SNMP: no
 * answer to public ..."; the probe side's own address in the swept /24 is marked self and is not
 * added to monitoring unless asked for.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { DiscoveryHost } from '../../main/api/discovery.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { testEngine } from '../support/engine.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { DISCOVERY_HOSTS, waitForEvent } from './discovery-support.ts';

describeLab('discovery: why SNMP said nothing, and this computer', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let jobId: string;
  let results: Map<string, DiscoveryHost>;
  const dir = tempDir();

  beforeAll(async () => {
    const linux = DISCOVERY_HOSTS.find((h) => h.name === 'linux')!;
    const router = DISCOVERY_HOSTS.find((h) => h.name === 'router')!;
    // The "other" host runs snmpd with a community the scan does not know.
    lab = await createLab({ name: 'disc-why', probe: 'root', hosts: [router, { ...linux, name: 'other', snmp: { ...linux.snmp!, communities: ['not-public-7'] } }] });
    engine = await testEngine({ icmp: { method: 'raw', ratePerSec: 5000 }, logger: createLogger({ level: 'error' }) });
    const cred = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
    const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 60_000, 'discovery.finished');
    const started = await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], credentialIds: [cred.id], ratePps: 2000, timeoutMs: 500, retries: 1, reverseDns: false }));
    jobId = started.id;
    await finished;
    const page = await unwrap(engine.api.call('discovery.get', { jobId, limit: 1000 }));
    results = new Map(page.results.map((h) => [h.address, h]));
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await lab?.destroy();
    dir.cleanup();
  });

  it('a host that answers ping but not the community says so, naming the credential', () => {
    const other = results.get(lab.hosts.other!)!;
    expect(other.foundBy).toContain('icmp');
    expect(other.snmpStatus).toEqual({ state: 'no-answer', credentials: ['public (v2c)'], message: "SNMP: no answer to public (v2c) (check the community, the agent's ACL or the v3 user)" });
    expect(other.snmpStatus!.message).toMatch(/^SNMP: no answer to public/);
    expect(results.get(lab.hosts.router!)!.snmpStatus).toMatchObject({ state: 'answered', credentials: ['public (v2c)'] });
  });

  it("the probe side's own address is marked self and skipped by add to monitoring unless asked for", async () => {
    expect(results.get(lab.probeAddress)?.self).toBe(true);
    expect([...results.values()].filter((h) => h.self).map((h) => h.address)).toEqual([lab.probeAddress]);
    const skipped = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId, addresses: [lab.probeAddress, lab.hosts.router!] }));
    expect(skipped.results.map((r) => [r.address, r.outcome])).toEqual([
      [lab.probeAddress, 'self'],
      [lab.hosts.router!, 'created'],
    ]);
    const asked = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId, addresses: [lab.probeAddress], includeSelf: true }));
    expect(asked.results[0]).toMatchObject({ address: lab.probeAddress, outcome: 'created' });
  });

  it('the CLI table says it too (NOTE column), as do JSON and CSV', async () => {
    const env = { ...process.env, WARD_DATA_DIR: dir.dir };
    const table = await runCli(['discover', lab.prefix, '-c', 'public', '--no-dns', '--timeout', '500'], env);
    expect(table.code, table.stderr).toBe(0);
    const line = (address: string) => table.stdout.split('\n').find((l) => l.startsWith(`${address} `)) ?? '';
    expect(line(lab.hosts.other!)).toContain("SNMP: no answer to command line #1 (v2c) (check the community, the agent's ACL or the v3 user)");
    expect(line(lab.probeAddress)).toContain('this computer');
    expect(table.stdout).not.toContain('not-public-7');
    const csv = await runCli(['discover', lab.hosts.other!, '-c', 'public', '--no-dns', '--timeout', '500', '--csv'], env);
    expect(csv.stdout).toContain('no-answer');
    expect(csv.stdout).toContain('SNMP: no answer to command line #1 (v2c)');
  }, 60_000);
});
