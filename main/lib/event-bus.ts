/**
 * The engine's public events: a checked, filterable projection for the UI and scripts (the
 * transports and the CLI's progress display), never the engine's internal wiring (engine.ts calls
 * the areas explicitly). Each payload is parsed against its schema in main/api/events.ts on the
 * way out, once per emit: undeclared fields are stripped, and a payload that fails is logged and
 * dropped, never sent. Subscribers name the topics they want and may filter them (the samples of
 * some series, one device's events). `metrics.samples`, the hot one, is checked by a hand-written
 * equivalent of its schema (sample-check.ts: zod cost ~7 % of the writer's throughput there).
 */
import { type EngineEvent, type EventName, type EventPayload, events as schemas } from '../api/events.ts';
import { compileFilter, eventDeviceId, type EventFilter } from './event-filter.ts';
import type { Logger } from './logger.ts';
import { checkSamplesPayload } from './sample-check.ts';

export type { EventFilter } from './event-filter.ts';
export type EventListener = (event: EngineEvent) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Every topic, unfiltered (tests, the CLI). Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** The named topics only, optionally filtered (see EventFilter). Returns the unsubscribe function. */
  subscribe(topics: readonly EventName[], listener: EventListener, filter?: EventFilter): () => void;
}

interface Subscription {
  listener: EventListener;
  filter: ((event: EngineEvent) => EngineEvent | undefined) | undefined;
}

/** The payload as its schema declares it (undeclared fields stripped), or why it does not match. */
export function check(name: EventName, payload: unknown): { ok: true; data: unknown } | { ok: false; issues: unknown } {
  if (name === 'metrics.samples') {
    const r = checkSamplesPayload(payload);
    return r.ok ? r : { ok: false, issues: [r.reason] };
  }
  const parsed = schemas[name].safeParse(payload);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: parsed.error.issues.slice(0, 5) };
}

export function createEventBus(logger: Logger): EventBus {
  /** Subscriptions by topic; `all` for the every-topic ones. */
  const byTopic = new Map<EventName, Set<Subscription>>();
  const all = new Set<Subscription>();

  function deliver(sub: Subscription, event: EngineEvent): void {
    const out = sub.filter ? sub.filter(event) : event;
    if (!out) return;
    try {
      sub.listener(out);
    } catch (err) {
      // One broken subscriber (a closed socket, a buggy page) must not stop the others.
      logger.warn({ err, event: event.name }, 'event listener failed');
    }
  }

  return {
    emit(name, payload) {
      const topic = byTopic.get(name);
      if (all.size === 0 && !topic?.size) return;
      const checked = check(name, payload);
      if (!checked.ok) {
        logger.error({ event: name, deviceId: eventDeviceId({ name, payload } as EngineEvent), issues: checked.issues }, 'event payload does not match its schema: dropped');
        return;
      }
      const event = { name, payload: checked.data } as EngineEvent;
      for (const sub of [...all]) deliver(sub, event);
      if (topic) for (const sub of [...topic]) deliver(sub, event);
    },
    subscribe(topicsOrListener: readonly EventName[] | EventListener, maybeListener?: EventListener, filter?: EventFilter) {
      if (typeof topicsOrListener === 'function') {
        const sub: Subscription = { listener: topicsOrListener, filter: undefined };
        all.add(sub);
        return () => void all.delete(sub);
      }
      if (!maybeListener) throw new TypeError('subscribe(topics, listener): listener missing');
      const sub: Subscription = { listener: maybeListener, filter: filter ? compileFilter(filter) : undefined };
      const topics = [...new Set(topicsOrListener)];
      for (const t of topics) {
        let set = byTopic.get(t);
        if (!set) byTopic.set(t, (set = new Set()));
        set.add(sub);
      }
      return () => {
        for (const t of topics) byTopic.get(t)?.delete(sub);
      };
    },
  } as EventBus;
}
