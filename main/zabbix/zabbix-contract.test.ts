import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../api/dispatcher.ts';
import { testEngine } from '../../test/support/engine.ts';

type TestEngine = Awaited<ReturnType<typeof testEngine>>;

describe('zabbix contract (no server needed)', () => {
  let engine: TestEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('starts unconfigured; reads and pushes say so clearly', async () => {
    engine = await testEngine();
    expect(await unwrap(engine.api.call('zabbix.getConfig', {}))).toMatchObject({ url: '', hasToken: false, hasPassword: false, templates: expect.arrayContaining(['Generic by SNMP']) as unknown });
    expect(await engine.api.call('zabbix.hosts', {})).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/No Zabbix server is configured/) as unknown } });
    const dev = await unwrap(engine.api.call('devices.create', { name: 'sw1', address: '127.0.0.9' }));
    expect(await engine.api.call('zabbix.pushDevices', { deviceIds: [dev.id] })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('validates URLs and the credential each auth method needs; secrets are write-only and sealed', async () => {
    engine = await testEngine();
    for (const url of ['ftp://z/', 'not a url', 'http://user:pw@z/']) {
      expect(await engine.api.call('zabbix.setConfig', { url, authMethod: 'token', token: 't' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await engine.api.call('zabbix.setConfig', { url: 'http://z/', authMethod: 'token' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await engine.api.call('zabbix.setConfig', { url: 'http://z/', authMethod: 'password', username: 'Admin' })).toMatchObject({ ok: false, error: { code: 'validation' } });

    const secret = 'f00dfeed'.repeat(8);
    const cfg = await unwrap(engine.api.call('zabbix.setConfig', { url: 'http://z/zabbix', authMethod: 'token', token: secret }));
    expect(cfg).toMatchObject({ url: 'http://z/zabbix', authMethod: 'token', hasToken: true, hasPassword: false });
    expect(JSON.stringify(cfg)).not.toContain(secret);
    // Changing other fields keeps the stored token (the same server, spelled differently, too).
    expect(await unwrap(engine.api.call('zabbix.setConfig', { url: 'http://Z:80/zabbix/api_jsonrpc.php', authMethod: 'token', hostGroup: 'Site A' }))).toMatchObject({ hasToken: true, hostGroup: 'Site A' });
    expect(engine.areas.zabbix.config.resolve()?.auth).toEqual({ kind: 'token', token: secret });
    // Another server needs the token again: the saved one is only sent where it was entered.
    expect(await engine.api.call('zabbix.setConfig', { url: 'http://z2/zabbix', authMethod: 'token' })).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: 'token', message: expect.stringMatching(/^The server address changed: enter the API token again/) as unknown }] },
    });
    expect(await unwrap(engine.api.call('zabbix.setConfig', { url: 'http://z2/zabbix', authMethod: 'token', token: 'other-token' }))).toMatchObject({ url: 'http://z2/zabbix', hasToken: true, hostGroup: 'Site A' });

    // Password mode: a new user name needs its password.
    await unwrap(engine.api.call('zabbix.setConfig', { url: 'http://z2/', authMethod: 'password', username: 'Admin', password: 'pw-one-1' }));
    expect(await engine.api.call('zabbix.setConfig', { url: 'http://z2/', authMethod: 'password', username: 'other' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await unwrap(engine.api.call('zabbix.setConfig', { url: 'http://z2/', authMethod: 'password' }))).toMatchObject({ username: 'Admin', hasPassword: true, hasToken: false });
  });

  it('validates history and acknowledge inputs', async () => {
    engine = await testEngine();
    expect(await engine.api.call('zabbix.history', { itemId: '1', from: 2000, to: 1000 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await engine.api.call('zabbix.history', { itemId: 'x; drop', from: 0, to: 1000 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await engine.api.call('zabbix.acknowledge', { eventId: '12', message: '   ' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
