import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { signedInWs, testHost } from '../../test/support/host.ts';
import { unwrap } from '../api/dispatcher.ts';

const later = cleanupAfterEach();

async function signedIn() {
  const { engine, host, token } = await testHost(later, { start: true });
  return { engine, c: await signedInWs(later, host, token) };
}

describe('WebSocket subscriptions by topic and filter', () => {
  it('sends only the topics a connection subscribed to, narrowed by its filter, until it unsubscribes', async () => {
    const { engine, c } = await signedIn();
    const wanted = engine.areas.metrics.registry.resolve('cpu_util_pct', { device: 'a' });
    const other = engine.areas.metrics.registry.resolve('cpu_util_pct', { device: 'b' });
    c.send({ type: 'subscribe', sid: 7, topic: 'metrics.samples', filter: { seriesIds: [wanted] } });
    // A round trip: the subscription is in place once a later call is answered.
    c.send({ type: 'call', id: 1, name: 'settings.get', input: {} });
    await c.next('result');
    await unwrap(engine.api.call('devices.create', { name: 'r1', address: '198.18.3.1' })); // device.created: not subscribed
    engine.areas.metrics.writer.write(other, Date.now(), 1);
    engine.areas.metrics.writer.write(wanted, Date.now(), 2);
    engine.areas.metrics.writer.flush();
    const event = await c.next('event');
    expect(event).toMatchObject({ sid: 7, event: { name: 'metrics.samples', payload: { samples: [{ seriesId: wanted, value: 2 }] } } });
    expect((event.event.payload as { samples: unknown[] }).samples).toHaveLength(1);
    await expect(c.next('event', 300)).rejects.toThrow(/no event/);
    c.send({ type: 'unsubscribe', sid: 7 });
    c.send({ type: 'call', id: 2, name: 'settings.get', input: {} });
    await c.next('result');
    engine.areas.metrics.writer.write(wanted, Date.now() + 1, 3);
    engine.areas.metrics.writer.flush();
    await expect(c.next('event', 300)).rejects.toThrow(/no event/);
  });

  it('closes a connection that sends a malformed subscription (unknown topic, bad filter)', async () => {
    const { c } = await signedIn();
    c.send({ type: 'subscribe', sid: 1, topic: 'metrics.samples', filter: { seriesIds: ['x'] } });
    expect(await c.closed).toBe(1003);
  });
});
