/**
 * WARD FLUX against a real Zabbix 6.0 (Debian's packages, brought up by zabbix-server.ts on
 * 127.0.0.1): login by password and by API token, typed errors, hosts, pushes (idempotent), a real
 * problem raised through a trapper item and acknowledged, history by value type, and offline
 * behaviour (stale cache, queued pushes delivered when the server is back).
 *
 * Safety: every pushed host has a 127.0.0.x address, so the Zabbix server's pollers never leave
 * the machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createZabbixClient, type ZabbixClient } from '../../main/zabbix/api/client.ts';
import { ZabbixAuthError, ZabbixUnavailableError } from '../../main/zabbix/api/errors.ts';
import { getHostGroups, getHosts, getItems, getProblems, getTriggers } from '../../main/zabbix/api/reads.ts';
import { testEngine } from '../support/engine.ts';
import { until } from '../support/until.ts';
import { describeLab } from './describe-lab.ts';
import { ensureZabbixLab, freePort, startFrontend, stopFrontend, type ZabbixLab } from './zabbix-server.ts';
import { sendUntil, sendValues } from './zabbix-sender.ts';

type TestEngine = Awaited<ReturnType<typeof testEngine>>;

describeLab('zabbix: a real Zabbix 6.0 server', () => {
  let lab: ZabbixLab;
  let admin: ZabbixClient;
  let engine: TestEngine;
  let token: string;
  let tokenId: string;
  const run = `wf${Date.now().toString(36)}`;

  beforeAll(async () => {
    const t0 = Date.now();
    lab = await ensureZabbixLab();
    console.info(`zabbix lab ${lab.version} ready in ${Date.now() - t0} ms (first start took ${lab.startMs} ms)`);
    admin = createZabbixClient({ url: lab.url, auth: { kind: 'password', ...lab.admin } });
    await admin.authenticate();
    // An API token for Admin, made the way an administrator would.
    const created = await admin.call<{ tokenids: string[] }>('token.create', { name: `${run}-token`, userid: '1' });
    tokenId = created.tokenids[0]!;
    token = (await admin.call<{ token: string }[]>('token.generate', [tokenId]))[0]!.token;
    engine = await testEngine();
  }, 240_000);

  afterAll(async () => {
    if (lab) await startFrontend(lab).catch(() => undefined);
    await engine?.close();
    // The hosts this run created (run-unique names) go, so later runs and modes see only their own.
    const mine = await admin?.call<{ hostid: string }[]>('host.get', { search: { host: run }, output: ['hostid'] }).catch(() => []);
    if (mine?.length) await admin.call('host.delete', mine.map((h) => h.hostid)).catch(() => undefined);
    await admin?.close();
  });

  it('logs in by password (6.0: user.login with username) and reports the version', async () => {
    const c = createZabbixClient({ url: lab.url, auth: { kind: 'password', ...lab.admin } });
    expect((await c.version()).text).toMatch(/^6\.0\./);
    await c.authenticate();
    const hosts = await getHosts(c);
    expect(hosts.map((h) => h.host)).toContain('Zabbix server');
    // The session dies (here: logged out behind the client's back); the client logs in again.
    await c.call('user.logout', []);
    expect((await getHosts(c)).length).toBeGreaterThan(0);
    await c.close();
  });

  it('wrong credentials, a non-Zabbix URL and a closed port give clear typed errors', async () => {
    const wrong = createZabbixClient({ url: lab.url, auth: { kind: 'password', username: 'Admin', password: 'not-the-password' } });
    await expect(wrong.authenticate()).rejects.toMatchObject({ reason: 'bad_credentials', code: 'unauthorized' });

    const html = createZabbixClient({ url: `${lab.url}no-such-dir/`, auth: { kind: 'token', token } });
    const err = await html.version().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZabbixUnavailableError);
    expect((err as ZabbixUnavailableError).kind).toBe('not_zabbix');

    const closed = createZabbixClient({ url: `http://127.0.0.1:${await freePort()}/`, auth: { kind: 'token', token } });
    await expect(closed.version()).rejects.toMatchObject({ kind: 'unreachable', code: 'unavailable' });
  });

  it('logs in by API token; a revoked token is a clear auth error', async () => {
    const c = createZabbixClient({ url: lab.url, auth: { kind: 'token', token } });
    await c.authenticate();
    expect((await getHosts(c)).map((h) => h.host)).toContain('Zabbix server');

    const extra = await admin.call<{ tokenids: string[] }>('token.create', { name: `${run}-revoked`, userid: '1' });
    const revoked = (await admin.call<{ token: string }[]>('token.generate', extra.tokenids))[0]!.token;
    const r = createZabbixClient({ url: lab.url, auth: { kind: 'token', token: revoked } });
    await r.authenticate();
    await admin.call('token.delete', extra.tokenids);
    const err = await getHosts(r).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZabbixAuthError);
    expect((err as ZabbixAuthError).reason).toBe('token_invalid');
    expect((err as Error).message).not.toContain(revoked);
  });

  it('contract: setConfig keeps the token write-only; testConnection shows the version; hosts are listed', async () => {
    const cfg = await unwrap(engine.api.call('zabbix.setConfig', { url: lab.url, authMethod: 'token', token }));
    expect(cfg).toMatchObject({ url: lab.url, authMethod: 'token', hasToken: true });
    expect(JSON.stringify(cfg)).not.toContain(token);
    expect(JSON.stringify(await unwrap(engine.api.call('zabbix.getConfig', {})))).not.toContain(token);
    // The secret is sealed at rest.
    for (const file of ['wardflux.db', 'wardflux.db-wal']) {
      const f = path.join(engine.dataDir, file);
      if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from(token))).toBe(false);
    }

    const test = await unwrap(engine.api.call('zabbix.testConnection', {}));
    expect(test).toMatchObject({ authenticated: true, version: lab.version });
    const bad = await engine.api.call('zabbix.setConfig', { url: 'ftp://example/', authMethod: 'token', token: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });

    const hosts = await unwrap(engine.api.call('zabbix.hosts', {}));
    expect(hosts.stale).toBe(false);
    expect(hosts.items.find((h) => h.host === 'Zabbix server')).toMatchObject({ interfaces: [expect.objectContaining({ type: 1, ip: '127.0.0.1' })] });
  });

  it('pushes discovered devices as SNMP hosts (group, template, site tag), idempotent by host name', async () => {
    await unwrap(engine.api.call('settings.set', { siteName: 'Lab site' }));
    const v2 = await unwrap(engine.api.call('credentials.create', { name: `${run}-v2`, version: '2c', community: 'lab-community' }));
    const v3 = await unwrap(
      engine.api.call('credentials.create', {
        name: `${run}-v3`,
        version: '3',
        username: 'admin',
        securityLevel: 'authPriv',
        authProtocol: 'sha',
        authKey: 'lab-auth-secret',
        privProtocol: 'aes',
        privKey: 'lab-priv-secret',
      }),
    );
    // What a discovery sweep would have added (loopback addresses: nothing polled leaves the machine).
    const sw = await unwrap(engine.api.call('devices.create', { name: `${run}-core-sw1`, address: '127.0.0.2', tags: ['core'], credentialIds: [v2.id] }));
    const fw = await unwrap(engine.api.call('devices.create', { name: `${run}-fw1`, address: '127.0.0.3', credentialIds: [v3.id] }));

    expect(await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds: [sw.id, fw.id] }))).toEqual({ queued: 2 });
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: 'zabbix.push' }).map((r) => r.state)).toEqual(['delivered', 'delivered']);

    const hosts = await getHosts(admin, { names: [sw.name, fw.name] });
    expect(hosts).toHaveLength(2);
    const h = hosts.find((x) => x.host === sw.name)!;
    expect(h.groups.map((g) => g.name)).toContain('WARD FLUX');
    expect(h.templates).toContain('Generic by SNMP');
    expect(h.tags).toEqual(expect.arrayContaining([{ tag: 'site', value: 'Lab site' }, { tag: 'core', value: '' }]));
    expect(h.interfaces).toEqual([expect.objectContaining({ type: 2, ip: '127.0.0.2', port: '161', useIp: true, main: true })]);
    const [ifaces] = await admin.call<{ interfaces: { details: Record<string, string> }[] }[]>('host.get', {
      hostids: [hosts.find((x) => x.host === fw.name)!.hostId],
      selectInterfaces: ['details'],
      output: ['hostid'],
    });
    expect(ifaces!.interfaces[0]!.details).toMatchObject({ version: '3', securityname: 'admin', securitylevel: '2', authprotocol: '1', privprotocol: '1' });

    // Second push, after the device moved: the same host, updated; no duplicate.
    await unwrap(engine.api.call('devices.update', { id: sw.id, address: '127.0.0.4' }));
    await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds: [sw.id] }));
    await engine.areas.outbox.runDue();
    const again = await getHosts(admin, { names: [sw.name] });
    expect(again).toHaveLength(1);
    expect(again[0]!.hostId).toBe(h.hostId);
    expect(again[0]!.interfaces).toEqual([expect.objectContaining({ ip: '127.0.0.4' })]);
    expect((await admin.call<unknown[]>('host.get', { search: { host: run }, output: ['hostid'] })).length).toBe(2);
  });

  it('a real problem from a trapper item is listed and exactly that event is acknowledged', async () => {
    const group = (await admin.call<{ groupid: string }[]>('hostgroup.get', { filter: { name: ['WARD FLUX'] }, output: ['groupid'] }))[0]!.groupid;
    const names = [`${run}-trap-a`, `${run}-trap-b`];
    const hostIds: string[] = [];
    for (const name of names) {
      const { hostids } = await admin.call<{ hostids: string[] }>('host.create', { host: name, groups: [{ groupid: group }] });
      hostIds.push(hostids[0]!);
      // Trapper items (type 2): a number and a text, to read history by value type.
      await admin.call('item.create', { hostid: hostids[0], name: 'Temperature', key_: 'wf.temp', type: 2, value_type: 3 });
      await admin.call('item.create', { hostid: hostids[0], name: 'Status text', key_: 'wf.status', type: 2, value_type: 4 });
      await admin.call('trigger.create', { description: `Too hot on ${name}`, expression: `last(/${name}/wf.temp)>50`, priority: 4 });
    }
    // The server picks new items up from its configuration cache (CacheUpdateFrequency=2).
    await until(
      async () => {
        const r = await sendValues('127.0.0.1', lab.trapperPort, names.flatMap((host) => [
          { host, key: 'wf.temp', value: 20 },
          { host, key: 'wf.status', value: 'warming up' },
        ]));
        return r.processed === 4 ? r : undefined;
      },
      30_000,
      'the trapper to accept values',
      { intervalMs: 250 },
    );
    const problems = await sendUntil(
      lab.trapperPort,
      names.map((host) => ({ host, key: 'wf.temp', value: 90 })),
      async () => {
        const r = await unwrap(engine.api.call('zabbix.problems', { hostIds: hostIds }));
        return r.items.length === 2 ? r.items : undefined;
      },
      'both problems',
    );
    expect(problems.map((p) => p.name).sort()).toEqual(names.map((n) => `Too hot on ${n}`).sort());
    expect(problems[0]).toMatchObject({ severity: 4, acknowledged: false, resolvedAt: null });
    const target = problems.find((p) => p.hosts[0]!.name === names[0])!;
    const other = problems.find((p) => p.hosts[0]!.name === names[1])!;

    expect(await unwrap(engine.api.call('zabbix.acknowledge', { eventId: target.eventId, message: 'On it: fan replaced' }))).toEqual({ eventId: target.eventId });
    const after = await getProblems(admin, { hostIds });
    const acked = after.find((p) => p.eventId === target.eventId)!;
    expect(acked.acknowledged).toBe(true);
    expect(acked.acknowledges).toEqual([expect.objectContaining({ message: 'On it: fan replaced' })]);
    expect(after.find((p) => p.eventId === other.eventId)).toMatchObject({ acknowledged: false, acknowledges: [] });

    // History with the item's own value type: unsigned numbers and text.
    const items = await getItems(admin, { hostIds: [hostIds[0]!] });
    const temp = items.find((i) => i.key === 'wf.temp')!;
    expect(temp).toMatchObject({ valueType: 3, lastValue: '90' });
    const now = Date.now();
    const th = await unwrap(engine.api.call('zabbix.history', { itemId: temp.itemId, from: now - 3600_000, to: now + 60_000 }));
    expect(th).toMatchObject({ source: 'history', valueType: 3 });
    // 20 (maybe several times: sent until the server knew the new items), then 90.
    const values = th.points.map((p) => p.value);
    expect(values.at(-1)).toBe(90);
    expect(new Set(values.slice(0, -1))).toEqual(new Set([20]));
    const text = items.find((i) => i.key === 'wf.status')!;
    const sh = await unwrap(engine.api.call('zabbix.history', { itemId: text.itemId, from: now - 3600_000, to: now + 60_000 }));
    expect(sh).toMatchObject({ valueType: 4, source: 'history' });
    expect(sh.points.at(-1)?.value).toBe('warming up');

    // Triggers in problem state, with their hosts; the group the pushes made.
    const firing = await getTriggers(admin, { hostIds, onlyProblems: true });
    expect(firing.map((t) => t.hosts[0]!.name).sort()).toEqual([...names].sort());
    expect(firing[0]).toMatchObject({ priority: 4, problem: true, enabled: true });
    expect((await getHostGroups(admin)).map((g) => g.name)).toContain('WARD FLUX');

    // Resolved problems come from event.get.
    await sendValues('127.0.0.1', lab.trapperPort, [{ host: names[1]!, key: 'wf.temp', value: 10 }]);
    const withResolved = await until(
      async () => {
        const r = await unwrap(engine.api.call('zabbix.problems', { hostIds, recentSince: now - 3600_000 }));
        const resolved = r.items.find((p) => p.eventId === other.eventId);
        return resolved?.resolvedAt ? r.items : undefined;
      },
      30_000,
      'the resolved problem via event.get',
      { intervalMs: 250 },
    );
    expect(withResolved.find((p) => p.eventId === target.eventId)?.resolvedAt).toBeNull();
  });

  it('offline: cached hosts come back stale with their age; pushes queue and are delivered when the server is back', async () => {
    const fresh = await unwrap(engine.api.call('zabbix.hosts', {}));
    expect(fresh.stale).toBe(false);
    const dev = await unwrap(engine.api.call('devices.create', { name: `${run}-offline-ap`, address: '127.0.0.5' }));

    await stopFrontend(lab);
    try {
      const stale = await unwrap(engine.api.call('zabbix.hosts', {}));
      expect(stale).toMatchObject({ stale: true, fetchedAt: fresh.fetchedAt });
      expect(stale.ageSec).toBeGreaterThanOrEqual(0);
      expect(stale.error).toMatch(/Cannot reach the Zabbix server/);
      expect(stale.items.map((h) => h.host)).toEqual(fresh.items.map((h) => h.host));
      // A query never fetched has nothing to fall back on: the error itself.
      expect(await engine.api.call('zabbix.hosts', { search: 'never-asked' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

      expect(await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds: [dev.id] }))).toEqual({ queued: 1 });
      await engine.areas.outbox.runDue();
      const [entry] = engine.areas.outbox.list({ topic: 'zabbix.push', state: 'pending' });
      expect(entry).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/Cannot reach/) as unknown });
    } finally {
      await startFrontend(lab);
    }
    // Back online: the next successful read makes the queued push due at once.
    expect((await unwrap(engine.api.call('zabbix.hosts', {}))).stale).toBe(false);
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: 'zabbix.push', state: 'pending' })).toEqual([]);
    expect(await getHosts(admin, { names: [dev.name] })).toEqual([expect.objectContaining({ host: dev.name, interfaces: [expect.objectContaining({ ip: '127.0.0.5' })] })]);
  });

  it('password mode through the contract; the password never comes back', async () => {
    const cfg = await unwrap(engine.api.call('zabbix.setConfig', { url: lab.url, authMethod: 'password', username: 'Admin', password: 'zabbix' }));
    expect(cfg).toMatchObject({ authMethod: 'password', username: 'Admin', hasPassword: true, hasToken: false });
    expect(JSON.stringify(cfg)).not.toContain('"zabbix"');
    expect(await unwrap(engine.api.call('zabbix.testConnection', {}))).toMatchObject({ authenticated: true });
    const wrong = await engine.api.call('zabbix.testConnection', { authMethod: 'password', username: 'Admin', password: 'wrong-one' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/Connected to Zabbix 6\.0.*user name or password/) as unknown } });
    expect((await unwrap(engine.api.call('zabbix.hosts', {}))).items.length).toBeGreaterThan(0);
    await admin.call('token.delete', [tokenId]);
  });
});
