/**
 * The VictoriaMetrics token or password is bound to the server it was entered for
 * (secrets/destination.ts): two recording HTTP servers on 127.0.0.1 stand for two servers.
 */
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { testEngine } from '../../test/support/engine.ts';
import { recordingServer } from '../../test/support/recording-server.ts';
import { unwrap } from '../api/dispatcher.ts';

const TOKEN_A = 'vm-token-of-server-a';
const TOKEN_B = 'vm-token-of-server-b';

const later = cleanupAfterEach();
const server = () => recordingServer(later);

describe('the VictoriaMetrics secret follows no change of URL', () => {
  it('another URL without the token or password is refused, for setConfig and testConnection; given again it is sent', async () => {
    const engine = later(await testEngine());
    const a = await server();
    const b = await server();
    await unwrap(engine.api.call('sync.setConfig', { url: a.url, authMethod: 'bearer', token: TOKEN_A, enabled: false }));
    const refused = (path: string, label: string) => ({
      ok: false,
      error: { code: 'validation', issues: [{ path, message: `The server address changed: enter the ${label} again (a saved secret is only sent to the server it was entered for)` }] },
    });
    expect(await engine.api.call('sync.setConfig', { url: b.url, authMethod: 'bearer', enabled: false })).toMatchObject(refused('token', 'bearer token'));
    expect(await engine.api.call('sync.testConnection', { url: b.url, authMethod: 'bearer' })).toMatchObject(refused('token', 'bearer token'));
    expect(b.sink.posts).toEqual([]);
    // The same server spelled another way keeps it.
    expect(await unwrap(engine.api.call('sync.setConfig', { url: a.url.replace(/\/$/, ''), authMethod: 'bearer', enabled: false }))).toMatchObject({ hasToken: true });

    await unwrap(engine.api.call('sync.setConfig', { url: a.url, authMethod: 'basic', username: 'tech', password: 'vm-pass-of-a', enabled: false }));
    expect(await engine.api.call('sync.setConfig', { url: b.url, authMethod: 'basic', username: 'tech', enabled: false })).toMatchObject(refused('password', 'password'));
    expect(await engine.api.call('sync.testConnection', { url: b.url, authMethod: 'basic', username: 'tech' })).toMatchObject(refused('password', 'password'));
    expect(b.sink.posts).toEqual([]);

    await unwrap(engine.api.call('sync.setConfig', { url: b.url, authMethod: 'bearer', token: TOKEN_B, enabled: false }));
    expect(await unwrap(engine.api.call('sync.testConnection', {}))).toMatchObject({ ok: true });
    expect(b.sink.posts.map((p) => p.headers.authorization)).toContain(`Bearer ${TOKEN_B}`);
    expect(JSON.stringify(b.sink.posts)).not.toMatch(/vm-token-of-server-a|vm-pass-of-a|dGVjaDp2bS1wYXNzLW9mLWE/);
  });
});
