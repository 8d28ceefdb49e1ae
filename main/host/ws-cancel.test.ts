/**
 * Cancelling a long call over the WebSocket: `sync.testConnection` against a VictoriaMetrics that
 * accepts the request and never answers (a loopback server of this test) waits up to the push
 * timeout; a `cancel {id}` answers it `cancelled` at once and aborts the request to the server.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { signedInWs, testHost } from '../../test/support/host.ts';
import { until } from '../../test/support/until.ts';

const later = cleanupAfterEach();

/** An HTTP server that reads each request and never answers; counts requests seen and requests whose client went away. */
async function silentServer() {
  const seen = { requests: 0, abandoned: 0 };
  const sockets = new Set<Socket>();
  const server = http.createServer((req) => {
    seen.requests += 1;
    req.resume();
    req.socket.once('close', () => (seen.abandoned += 1));
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  later(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

async function signedIn() {
  // A push timeout far longer than the test: only the cancellation can end the call in time.
  const { host, token } = await testHost(later, { engine: { sync: { timeoutMs: 60_000 } }, start: true });
  return signedInWs(later, host, token);
}

describe('WebSocket: cancelling a call', () => {
  it('answers a cancelled sync.testConnection `cancelled` at once and aborts its request', async () => {
    const vm = await silentServer();
    const c = await signedIn();
    c.send({ type: 'call', id: 5, name: 'sync.testConnection', input: { url: vm.url } });
    await until(() => vm.seen.requests === 1, 5000, 'the push to reach the server');
    const sent = Date.now();
    c.send({ type: 'cancel', id: 5 });
    const answer = await c.next('result', 3000);
    expect(answer).toMatchObject({ id: 5, result: { ok: false, error: { code: 'cancelled' } } });
    expect(Date.now() - sent).toBeLessThan(2000);
    // The work stopped: the engine closed its request to the server.
    await until(() => vm.seen.abandoned === 1, 3000, 'the request to be aborted');
    // A cancel for a call that is over (or never was) changes nothing; the connection still serves calls.
    c.send({ type: 'cancel', id: 5 });
    c.send({ type: 'call', id: 6, name: 'settings.get', input: {} });
    expect(await c.next('result')).toMatchObject({ id: 6, result: { ok: true } });
  });

  it('aborts the calls of a connection that closes', async () => {
    const vm = await silentServer();
    const c = await signedIn();
    c.send({ type: 'call', id: 1, name: 'sync.testConnection', input: { url: vm.url } });
    await until(() => vm.seen.requests === 1, 5000, 'the push to reach the server');
    c.ws.close();
    await until(() => vm.seen.abandoned === 1, 3000, 'the request to be aborted');
  });
});
