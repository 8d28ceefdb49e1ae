import type { EngineEvent, EventName, EventPayload } from '../api/events.ts';
import type { Logger } from './logger.ts';

export type EventListener = (event: EngineEvent) => void;

/** The engine's live events, fanned out to every subscriber (transports, workers). */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(logger: Logger): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const event = { name, payload } as EngineEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (err) {
          // One broken subscriber (a closed socket, a buggy page) must not stop the others.
          logger.warn({ err, event: name }, 'event listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
