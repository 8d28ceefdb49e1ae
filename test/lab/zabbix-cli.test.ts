/**
 * `wardflux zabbix …` against a real Zabbix 6.0, as a user runs it (child processes on one data
 * directory): connect with the password on standard input, Zabbix mode, sync, hosts, push a device
 * and find it in Zabbix, and a push while the server is unreachable exits 1 and stays queued.
 *
 * Safety: the pushed device has a 127.0.0.x address; the Zabbix server sends from 127.0.0.1.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createZabbixClient, type ZabbixClient } from '../../main/zabbix/api/client.ts';
import { getHosts } from '../../main/zabbix/api/reads.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { describeLab } from './describe-lab.ts';
import { ensureZabbixLab, freePort, type ZabbixLab } from './zabbix-server.ts';

describeLab('zabbix: wardflux zabbix (CLI)', () => {
  let lab: ZabbixLab;
  let admin: ZabbixClient;
  let dir: { dir: string; cleanup: () => void };
  let env: NodeJS.ProcessEnv;
  const run = `wfc${Date.now().toString(36)}`;
  const created: string[] = [];
  const cli = (args: string[], input?: string) => runCli(['--data-dir', dir.dir, ...args], env, input === undefined ? {} : { input });

  beforeAll(async () => {
    lab = await ensureZabbixLab();
    admin = createZabbixClient({ url: lab.url, auth: { kind: 'password', ...lab.admin } });
    await admin.authenticate();
    dir = tempDir();
    env = { ...process.env, WARD_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('hex') };
  }, 240_000);

  afterAll(async () => {
    if (created.length) await admin.call('host.delete', created).catch(() => undefined);
    await admin?.close();
    dir?.cleanup();
  });

  it('connects (secret from stdin only), switches to Zabbix mode, syncs and lists hosts', async () => {
    expect(await cli(['zabbix', 'connect', lab.url, '--user', lab.admin.username, '--password-stdin'], 'wrong-password\n')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^wardflux: Connected to Zabbix 6\.0\.\d+, but: .*(password|incorrect|credential)/i),
    });
    expect(await cli(['zabbix', 'connect', lab.url, '--token-stdin', '--password-stdin'], 'x\n')).toMatchObject({ code: 2, stderr: expect.stringContaining('Use either --token-stdin') });
    const ok = await cli(['zabbix', 'connect', lab.url, '--user', lab.admin.username, '--password-stdin'], `${lab.admin.password}\n`);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Connected to Zabbix 6\.0\.\d+ at .* \(user Admin\); saved\.\n$/) });
    expect(await cli(['zabbix', 'mode', 'sideways'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown mode "sideways"') });
    expect(await cli(['zabbix', 'mode', 'zabbix'])).toMatchObject({ code: 0, stdout: 'Monitoring mode: zabbix\n' });

    const sync = await cli(['--json', 'zabbix', 'sync']);
    expect(sync.code).toBe(0);
    const status = JSON.parse(sync.stdout) as { mode: string; stale: boolean; hosts: number; imported: number };
    expect(status).toMatchObject({ mode: 'zabbix', stale: false });
    expect(status.hosts).toBeGreaterThanOrEqual(1);
    const text = await cli(['zabbix', 'status']);
    expect(text).toMatchObject({ code: 0, stdout: expect.stringMatching(/Mode:\s+zabbix\n.*Last sync:\s+\d+ s ago/s) });

    const hosts = await cli(['zabbix', 'hosts', '--search', 'Zabbix server']);
    expect(hosts.code).toBe(0);
    expect(hosts.stdout).toMatch(/^HOST\s+NAME\s+ADDRESS\s+AVAILABLE\s+GROUPS\n/);
    expect(hosts.stdout).toMatch(/Zabbix server\s+Zabbix server\s+127\.0\.0\.1/);
    // The mirrored host is a device now, listed with the WARD FLUX ones.
    const devices = JSON.parse((await cli(['--json', 'devices', 'list'])).stdout) as { name: string; source: string }[];
    expect(devices).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Zabbix server', source: 'zabbix' })]));
  }, 120_000);

  it('pushes a device and reports it; unreachable, the push exits 1 and stays queued', async () => {
    expect(await cli(['devices', 'add', `${run}-edge`, '127.0.0.7'])).toMatchObject({ code: 0 });
    const pushed = await cli(['zabbix', 'push', `${run}-edge`]);
    expect(pushed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^DEVICE\\s+ADDRESS\\s+STATE\\s+ERROR\\n${run}-edge\\s+127\\.0\\.0\\.7\\s+pushed`)) });
    const [host] = await getHosts(admin, { names: [`${run}-edge`] });
    if (host) created.push(host.hostId); // deleted in afterAll even when an expectation below fails
    expect(host).toMatchObject({ host: `${run}-edge`, interfaces: [expect.objectContaining({ type: 2, ip: '127.0.0.7' })] });

    // The server goes away (a saved URL on a closed loopback port; --no-check saves it untested, as one does offline).
    const closed = `http://127.0.0.1:${await freePort()}/`;
    expect(await cli(['zabbix', 'connect', closed, '--user', lab.admin.username, '--password-stdin'], `${lab.admin.password}\n`)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^wardflux: .*(connect|reach|refused)/i),
    });
    expect(await cli(['zabbix', 'connect', closed, '--no-check', '--user', lab.admin.username, '--password-stdin'], `${lab.admin.password}\n`)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('saved without testing'),
    });
    const offline = await cli(['zabbix', 'push', `${run}-edge`]);
    expect(offline).toMatchObject({ code: 1, stderr: expect.stringContaining('1 of 1 not delivered') });
    expect(offline.stdout).toMatch(new RegExp(`${run}-edge\\s+127\\.0\\.0\\.7\\s+pending\\s+\\S`));
    expect(JSON.parse((await cli(['--json', 'zabbix', 'status'])).stdout)).toMatchObject({ pendingPushes: 1 });

    // Back: pushing again updates the same host (no duplicate).
    expect(await cli(['zabbix', 'connect', lab.url, '--user', lab.admin.username, '--password-stdin'], `${lab.admin.password}\n`)).toMatchObject({ code: 0 });
    expect(await cli(['zabbix', 'push', `${run}-edge`])).toMatchObject({ code: 0 });
    expect((await getHosts(admin, { names: [`${run}-edge`] })).map((h) => h.hostId)).toEqual([host!.hostId]);
  }, 120_000);
});
