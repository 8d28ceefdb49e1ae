import type { EngineEvent, EventName } from '../../main/api/contract.ts';
import type { WireEventFilter } from '../../main/api/wire.ts';

/** One subscription to the engine: a topic and filter, and every listener that shares them. */
export interface Subscription {
  sid: number;
  topic: EventName;
  filter: WireEventFilter | undefined;
  listeners: Set<(payload: unknown) => void>;
}

const keyOf = (topic: EventName, filter: WireEventFilter | undefined): string =>
  JSON.stringify([
    topic,
    filter?.seriesIds ? [...new Set(filter.seriesIds)].sort((a, b) => a - b) : null,
    filter?.metrics ? [...new Set(filter.metrics)].sort() : null,
    filter?.deviceId ?? null,
  ]);

/**
 * The client side of subscribe-by-topic (main/api/wire.ts): the first listener of a topic and
 * filter opens a subscription with the engine (`open`), the last one going closes it (`close`);
 * events come back tagged with the subscription's id and go to its listeners only.
 */
export function createSubscriptions(hooks: { open(sub: Subscription): void; close(sub: Subscription): void }) {
  const byKey = new Map<string, Subscription>();
  const bySid = new Map<number, Subscription>();
  let nextSid = 1;
  return {
    add(topic: EventName, listener: (payload: unknown) => void, filter?: WireEventFilter): () => void {
      const key = keyOf(topic, filter);
      let sub = byKey.get(key);
      if (!sub) {
        sub = { sid: nextSid++, topic, filter, listeners: new Set() };
        byKey.set(key, sub);
        bySid.set(sub.sid, sub);
        hooks.open(sub);
      }
      const s = sub;
      s.listeners.add(listener);
      return () => {
        if (!s.listeners.delete(listener) || s.listeners.size > 0) return;
        byKey.delete(key);
        bySid.delete(s.sid);
        hooks.close(s);
      };
    },
    /** Every open subscription (sent again on each new connection). */
    all: (): Subscription[] => [...bySid.values()],
    dispatch(sid: number, event: EngineEvent): void {
      const sub = bySid.get(sid);
      if (!sub || sub.topic !== event.name) return;
      for (const cb of [...sub.listeners]) {
        try {
          cb(event.payload);
        } catch (err) {
          console.error('wardflux: event listener failed', err);
        }
      }
    },
  };
}
