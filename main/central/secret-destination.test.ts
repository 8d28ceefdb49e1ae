/**
 * The central's API token is bound to the central it was entered for (secrets/destination.ts):
 * two recording HTTP servers on 127.0.0.1 stand for two centrals.
 */
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { testEngine } from '../../test/support/engine.ts';
import { recordingServer } from '../../test/support/recording-server.ts';
import { unwrap } from '../api/dispatcher.ts';

const later = cleanupAfterEach();
const server = () => recordingServer(later);

describe('the central token follows no change of URL', () => {
  it('another URL without the token is refused and uploads keep going to the old one; given again, the new one gets only its token', async () => {
    const engine = later(await testEngine());
    const a = await server();
    const b = await server();
    await unwrap(engine.api.call('central.setTarget', { url: a.url, token: 'central-token-of-a' }));
    expect(await engine.api.call('central.setTarget', { url: b.url })).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        issues: [{ path: 'token', message: 'The central address changed: enter the API token of the central again (a saved secret is only sent to the server it was entered for)' }],
      },
    });
    expect(await unwrap(engine.api.call('central.getTarget', {}))).toMatchObject({ url: a.url, hasToken: true });
    await unwrap(engine.api.call('central.enqueue', { kind: 'inventory' }));
    await engine.areas.outbox.runDue();
    expect(a.sink.posts.map((p) => p.headers.authorization)).toEqual(['Bearer central-token-of-a']);
    expect(b.sink.posts).toEqual([]);

    await unwrap(engine.api.call('central.setTarget', { url: b.url, token: 'central-token-of-b' }));
    await unwrap(engine.api.call('central.enqueue', { kind: 'inventory' }));
    await engine.areas.outbox.runDue();
    expect(b.sink.posts.map((p) => p.headers.authorization)).toEqual(['Bearer central-token-of-b']);
  });
});
