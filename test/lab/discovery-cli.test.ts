/** `wardflux discover` against the lab, as a user runs it: a child process, JSON on stdout, progress on stderr. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DiscoveryHost, DiscoveryJob } from '../../main/api/discovery.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { DISCOVERY_HOSTS } from './discovery-support.ts';

const FORMULA = '=HYPERLINK(A1)';

describeLab('discovery: wardflux discover', () => {
  let lab: Lab;
  let dir: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    // The linux host names itself like a spreadsheet formula (sysName comes from the network).
    const hosts = DISCOVERY_HOSTS.filter((h) => ['router', 'linux', 'printer', 'pingonly'].includes(h.name)).map((h) => (h.name === 'linux' && h.snmp ? { ...h, snmp: { ...h.snmp, sysName: FORMULA } } : h));
    lab = await createLab({ name: 'disc-cli', probe: 'root', hosts });
    dir = tempDir();
  }, 60_000);

  afterAll(async () => {
    await lab?.destroy();
    dir?.cleanup();
  });

  it('finds and classifies the hosts with a community given on the command line, and stores no secret', async () => {
    const env = { ...process.env, WARD_DATA_DIR: dir.dir };
    const r = await runCli(['discover', lab.prefix, '-c', 'wrong', '-c', 'public', '--rate', '2000', '--timeout', '500', '--no-dns', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { job: DiscoveryJob; results: DiscoveryHost[] };
    expect(out.job).toMatchObject({ status: 'finished', adHocCredentials: 2 });
    expect(out.results.map((h) => h.address).sort()).toEqual([lab.probeAddress, ...Object.values(lab.hosts)].sort());
    const by = new Map(out.results.map((h) => [h.address, h]));
    expect(by.get(lab.hosts.router!)).toMatchObject({ type: 'router', vendor: 'Cisco', name: 'core-rtr1', credentialId: null, credentialLabel: 'command line #2 (v2c)' });
    expect(by.get(lab.hosts.printer!)).toMatchObject({ type: 'printer' });
    // Piped: plain progress lines, no terminal escapes.
    expect(r.stderr).toMatch(/^scanning 254 addresses/m);
    expect(r.stderr).toMatch(/^finished: 5 alive of 254 addresses/m);
    expect(r.stderr).not.toContain('\x1b[');
    expect(r.stdout + r.stderr).not.toContain('"public"');

    // The table, from the same data dir; the job list shows both runs.
    const table = await runCli(['discover', lab.hosts.router!, '-c', 'public', '--no-dns', '--timeout', '500'], env);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ADDRESS\s+NAME\s+TYPE\s+VENDOR\s+MODEL\s+OS\s+FOUND BY\s+NOTE$/);
    expect(table.stdout).toMatch(new RegExp(`${lab.hosts.router!.replaceAll('.', '\\.')}\\s+core-rtr1\\s+router\\s+Cisco\\s+Cisco 3925\\s+IOS 15\\.2\\(4\\)M6\\s+icmp,snmp`));
  }, 90_000);

  it('--community-stdin reads communities from a pipe; --csv escapes a sysName that is a formula', async () => {
    const env = { ...process.env, WARD_DATA_DIR: dir.dir };
    const r = await runCli(['discover', lab.hosts.linux!, lab.hosts.router!, '--community-stdin', '--no-dns', '--timeout', '500', '--csv'], env, { input: 'wrong\npublic\n' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^address,name,type,/);
    const linux = lines.find((l) => l.startsWith(`${lab.hosts.linux!},`));
    expect(linux).toContain(`,'${FORMULA},`);
    expect(linux).not.toMatch(/,=/);
    expect(linux).toContain(',command line #2 (v2c),');
    expect(lines.find((l) => l.startsWith(`${lab.hosts.router!},`))).toContain(',core-rtr1,router,Cisco,');
    expect(r.stdout + r.stderr).not.toContain('public');
  }, 60_000);

  it('refuses bad targets with a clear message and exit code 2', async () => {
    const r = await runCli(['discover', '10.0.0.0/8', '--no-dns'], { ...process.env, WARD_DATA_DIR: dir.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/10\.0\.0\.0\/8/);
    expect(r.stdout).toBe('');
  }, 30_000);
});
