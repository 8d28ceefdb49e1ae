/**
 * The central's API token is bound to the central it was entered for (secrets/destination.ts):
 * two recording HTTP servers on 127.0.0.1 stand for two centrals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { unwrap } from '../api/dispatcher.ts';
import { startWebhookSink, type WebhookSink } from '../notifications/testing/peers.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(): Promise<{ url: string; sink: WebhookSink }> {
  const sink = await startWebhookSink();
  cleanups.push(() => sink.close());
  return { url: `${new URL(sink.url).origin}/`, sink };
}

describe('the central token follows no change of URL', () => {
  it('another URL without the token is refused and uploads keep going to the old one; given again, the new one gets only its token', async () => {
    const engine = await testEngine();
    cleanups.push(() => engine.close());
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
