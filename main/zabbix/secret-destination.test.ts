/**
 * The Zabbix token is bound to the server it was entered for (secrets/destination.ts): two fake
 * Zabbix servers on 127.0.0.1 record what they receive, and a change of URL without the token
 * must bring neither the token nor a device's SNMP secrets to the new server.
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { type FakeZabbixServer, startFakeZabbixServer } from '../../test/support/fake-zabbix-server.ts';
import { unwrap } from '../api/dispatcher.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';

const TOKEN_A = 'token-of-server-a-0123456789abcdef';
const TOKEN_B = 'token-of-server-b-fedcba9876543210';
const COMMUNITY = 'community-s3cret-A';
const AUTH_KEY = 'v3-auth-key-s3cret';
const PRIV_KEY = 'v3-priv-key-s3cret';

const later = cleanupAfterEach();

async function setup() {
  const engine = await testEngine();
  later(() => engine.close());
  const a = await startFakeZabbixServer({ token: TOKEN_A });
  const b = await startFakeZabbixServer({ token: TOKEN_B });
  later(a);
  later(b);
  const v2 = await unwrap(engine.api.call('credentials.create', { name: 'site-v2', version: '2c', community: COMMUNITY }));
  const v3 = await unwrap(
    engine.api.call('credentials.create', { name: 'site-v3', version: '3', username: 'ops', securityLevel: 'authPriv', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'aes', privKey: PRIV_KEY }),
  );
  const sw = await unwrap(engine.api.call('devices.create', { name: 'core-sw', address: '127.0.0.21', credentialIds: [v2.id] }));
  const fw = await unwrap(engine.api.call('devices.create', { name: 'edge-fw', address: '127.0.0.22', credentialIds: [v3.id] }));
  await unwrap(engine.api.call('zabbix.setConfig', { url: a.url, authMethod: 'token', token: TOKEN_A }));
  return { engine, a, b, deviceIds: [sw.id, fw.id] };
}

/** No request to this server carried the token of A or a device secret. */
function expectNoSecretOfA(server: FakeZabbixServer): void {
  for (const r of server.requests) {
    expect(r.raw).not.toContain(TOKEN_A);
    expect(r.authorization ?? '').not.toContain(TOKEN_A);
  }
}

const dropped = { ok: false, error: { code: 'validation', issues: [{ path: 'token', message: expect.stringMatching(/^The server address changed: enter the API token again/) as unknown }] } };

describe('the Zabbix token follows no change of server', () => {
  it('a new URL without the token is refused: setConfig, testConnection and pushes send nothing to the new server', async () => {
    const { engine, a, b, deviceIds } = await setup();

    expect(await engine.api.call('zabbix.setConfig', { url: b.url, authMethod: 'token' })).toMatchObject(dropped);
    expect(await engine.api.call('zabbix.testConnection', { url: b.url })).toMatchObject(dropped);
    expect(await engine.api.call('zabbix.testConnection', { url: `${b.url}/`, authMethod: 'token' })).toMatchObject(dropped);
    // The saved connection is still A's, and pushes go there only.
    expect(await unwrap(engine.api.call('zabbix.getConfig', {}))).toMatchObject({ url: a.url, hasToken: true });
    expect(await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds }))).toEqual({ queued: 2 });
    await engine.areas.outbox.runDue();
    expect(a.requests.filter((r) => r.method === 'host.create').map((r) => r.params.host)).toEqual(['core-sw', 'edge-fw']);
    expect(b.requests).toEqual([]);

    // Given again, the token for B works, and only B's token reaches B.
    expect(await unwrap(engine.api.call('zabbix.testConnection', { url: b.url, authMethod: 'token', token: TOKEN_B }))).toMatchObject({ authenticated: true });
    expect(await unwrap(engine.api.call('zabbix.setConfig', { url: b.url, authMethod: 'token', token: TOKEN_B }))).toMatchObject({ url: b.url, hasToken: true });
    expect(await unwrap(engine.api.call('zabbix.testConnection', {}))).toMatchObject({ authenticated: true, version: '6.0.14' });
    expect(await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds }))).toEqual({ queued: 2 });
    await engine.areas.outbox.runDue();
    const created = b.requests.filter((r) => r.method === 'host.create');
    expect(created.map((r) => [r.params.host, r.auth])).toEqual([
      ['core-sw', TOKEN_B],
      ['edge-fw', TOKEN_B],
    ]);
    // The server the user configured gets the devices' SNMP access, by design.
    expect(created[0]?.raw).toContain(COMMUNITY);
    expect(created[1]?.raw).toContain(PRIV_KEY);
    expectNoSecretOfA(b);
  });

  it('pushes queued for server A are not delivered to server B, nor with its token', async () => {
    const { engine, a, b, deviceIds } = await setup();
    // Queued while A is configured (not yet delivered), then the server changes.
    expect(await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds }))).toEqual({ queued: 2 });
    await unwrap(engine.api.call('zabbix.setConfig', { url: b.url, authMethod: 'token', token: TOKEN_B }));
    await engine.areas.outbox.runDue();
    for (const r of b.requests) {
      expect(r.raw).not.toContain(COMMUNITY);
      expect(r.raw).not.toContain(AUTH_KEY);
      expect(r.raw).not.toContain(PRIV_KEY);
    }
    expect(b.requests.filter((r) => r.method.startsWith('host.'))).toEqual([]);
    expectNoSecretOfA(b);
    expect(a.requests).toEqual([]);
    const pushes = engine.areas.outbox.list({ topic: 'zabbix.push' });
    expect(pushes.map((p) => p.state)).toEqual(['dead', 'dead']);
    expect(pushes[0]?.lastError).toMatch(/^This push was queued for http:\/\/127\.0\.0\.1:\d+\/zabbix\/api_jsonrpc\.php; Zabbix is configured at .* now\. Not sent there: push the device again/);
  });

  it('password mode: another server needs the password again', async () => {
    const { engine, a, b } = await setup();
    await unwrap(engine.api.call('zabbix.setConfig', { url: a.url, authMethod: 'password', username: 'Admin', password: 'pw-of-server-a' }));
    expect(await engine.api.call('zabbix.setConfig', { url: b.url, authMethod: 'password', username: 'Admin' })).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: 'password', message: expect.stringMatching(/^The server address changed: enter the password again/) as unknown }] },
    });
    expect(await engine.api.call('zabbix.testConnection', { url: b.url, authMethod: 'password' })).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'password' }] } });
    expect(b.requests).toEqual([]);
    // The same server, spelled another way, keeps it.
    expect(await unwrap(engine.api.call('zabbix.setConfig', { url: `${a.url}/api_jsonrpc.php`, authMethod: 'password' }))).toMatchObject({ hasPassword: true });
  });
});
