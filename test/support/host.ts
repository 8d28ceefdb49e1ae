import { expect } from 'vitest';
import type { EngineOptions } from '../../main/engine.ts';
import { WS_PATH } from '../../main/api/wire.ts';
import { type HostOptions, type RunningHost, startHost } from '../../main/host/server.ts';
import type { Later } from './cleanups.ts';
import { testEngine } from './engine.ts';
import { tempDir } from './temp-dir.ts';
import { wsClient } from './ws-client.ts';

export type TestEngine = Awaited<ReturnType<typeof testEngine>>;

export interface TestHost {
  engine: TestEngine;
  host: RunningHost;
  /** A bearer token created before the host started. */
  token: string;
  /** The login secret of the sign-in URL the host printed. */
  loginSecret: string;
}

export interface TestHostOptions {
  host?: Partial<Omit<HostOptions, 'engine'>>;
  engine?: Partial<EngineOptions>;
  /** Start the engine (its schedulers and outbox) before the host listens. */
  start?: boolean;
}

/**
 * A headless host on 127.0.0.1 (a free port, an empty renderer dir) over a test engine that holds
 * one API token; `later` closes the host, the dir and the engine after the test.
 */
export async function testHost(later: Later, options: TestHostOptions = {}): Promise<TestHost> {
  const engine = later(await testEngine(options.engine));
  if (options.start) await engine.start();
  const token = engine.tokens.create('test').token;
  const ui = tempDir();
  later(ui.cleanup);
  const host = later(await startHost({ engine, host: '127.0.0.1', port: 0, rendererDir: ui.dir, ...options.host }));
  return { engine, host, token, loginSecret: new URL(host.signInUrl).hash.replace('#token=', '') };
}

export const hostWsUrl = (host: RunningHost): string => `ws://127.0.0.1:${host.port}${WS_PATH}`;

/** A WebSocket to the host, signed in with `token`; `later` closes it. The sign-in is expected to succeed. */
export async function signedInWs(later: Later, host: RunningHost, token: string): Promise<ReturnType<typeof wsClient>> {
  const c = wsClient(hostWsUrl(host));
  later(() => c.ws.close());
  await c.next('hello');
  c.send({ type: 'auth', token });
  expect(await c.next('auth-result')).toMatchObject({ ok: true });
  return c;
}
