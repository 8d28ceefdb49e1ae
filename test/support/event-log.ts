/**
 * Records one kind of engine event from the public bus and waits for a condition on what was
 * recorded (checked now and after each event), with a deadline: no sleeping, no polling.
 */
import type { EngineEvent, EventName, EventPayload } from '../../main/api/events.ts';
import type { EventBus } from '../../main/lib/event-bus.ts';

export interface EventLog<E extends EventName> {
  readonly events: EventPayload<E>[];
  /** Resolves with the predicate's value once it is truthy; rejects after `timeoutMs`. */
  waitFor<T>(what: string, predicate: (events: EventPayload<E>[]) => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  stop(): void;
}

export function logEvents<E extends EventName>(bus: Pick<EventBus, 'subscribe'>, name: E): EventLog<E> {
  const events: EventPayload<E>[] = [];
  const waiters = new Set<() => void>();
  const unsubscribe = bus.subscribe((event: EngineEvent) => {
    if (event.name !== name) return;
    events.push(event.payload as EventPayload<E>);
    for (const wake of [...waiters]) wake();
  });
  return {
    events,
    waitFor(what, predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        const check = (): void => {
          try {
            const value = predicate(events);
            if (value !== undefined && value !== false && value !== null) {
              done();
              resolve(value);
            }
          } catch (err) {
            done();
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${events.length} ${name} events so far)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => {
      unsubscribe();
      waiters.clear();
    },
  };
}
