/**
 * zabbix.testConnection stops when its caller cancels (CallContext.signal, a WS `cancel` or the
 * connection closing): the fake Zabbix server on 127.0.0.1 holds its answer back, the signal is
 * aborted, and the call answers `cancelled` at once while the server sees the connection closed.
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { startFakeZabbixServer } from '../../test/support/fake-zabbix-server.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';

const TOKEN = 'token-of-the-fake-0123456789abcdef';

const later = cleanupAfterEach();

async function setup() {
  const engine = await testEngine();
  later(() => engine.close());
  const server = await startFakeZabbixServer({ token: TOKEN });
  later(() => server.close());
  return { engine, server };
}

describe('zabbix.testConnection is cancelled with its call', () => {
  it('a cancel while the server has not answered the version ends the request and answers cancelled', async () => {
    const { engine, server } = await setup();
    const held = server.hold('apiinfo.version');
    const controller = new AbortController();
    const call = engine.api.call('zabbix.testConnection', { url: server.url, authMethod: 'token', token: TOKEN }, { transport: 'ws', signal: controller.signal });
    await held.arrived;
    controller.abort();
    expect(await call).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    // The request itself was aborted, not left to the 15 s timeout: the server saw its connection close.
    await held.closed;
    expect(server.requests.map((r) => r.method)).toEqual(['apiinfo.version']);
  });

  it('a cancel during the credential check answers cancelled (not "Connected to Zabbix, but")', async () => {
    const { engine, server } = await setup();
    const held = server.hold('user.get');
    const controller = new AbortController();
    const call = engine.api.call('zabbix.testConnection', { url: server.url, authMethod: 'token', token: TOKEN }, { transport: 'ws', signal: controller.signal });
    await held.arrived;
    controller.abort();
    const result = await call;
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(result.ok ? '' : result.error.message).not.toMatch(/^Connected to Zabbix/);
    await held.closed;
    expect(server.requests.map((r) => r.method)).toEqual(['apiinfo.version', 'user.get']);
  });

  it('without a cancel the same call answers as before', async () => {
    const { engine, server } = await setup();
    const held = server.hold('user.get');
    const controller = new AbortController();
    const call = engine.api.call('zabbix.testConnection', { url: server.url, authMethod: 'token', token: TOKEN }, { transport: 'ws', signal: controller.signal });
    await held.arrived;
    held.release();
    expect(await call).toMatchObject({ ok: true, data: { authenticated: true } });
  });
});
