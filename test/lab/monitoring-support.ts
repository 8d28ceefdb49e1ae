/**
 * Helpers for the monitoring lab tests: an engine with its pollers on, and a recorder of its
 * events that waits for a condition (checked on every event) with a deadline; no sleeping.
 */
import type { EngineEvent, EventPayload } from '../../main/api/events.ts';
import type { Engine } from '../../main/engine.ts';

export type StoredSample = EventPayload<'metrics.samples'>['samples'][number];
export type AvailabilityEvent = EventPayload<'device.availability'>;

export interface Recorder {
  samples: StoredSample[];
  availability: AvailabilityEvent[];
  /** Resolves with the predicate's value once it is truthy (checked now and after each event); rejects at the deadline. */
  waitFor<T>(what: string, predicate: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  /** Samples of a metric for a device, optionally filtered by a label. */
  of(name: string, deviceId: string, labels?: Record<string, string>): StoredSample[];
  stop(): void;
}

export function recordEvents(engine: Pick<Engine, 'events' | 'areas'>): Recorder {
  const samples: StoredSample[] = [];
  const availability: AvailabilityEvent[] = [];
  const waiters = new Set<() => void>();
  const unsubscribe = engine.events.subscribe((event: EngineEvent) => {
    if (event.name === 'metrics.samples') samples.push(...event.payload.samples);
    else if (event.name === 'device.availability') availability.push(event.payload);
    else return;
    for (const w of [...waiters]) w();
  });
  return {
    samples,
    availability,
    waitFor(what, predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          let value;
          try {
            value = predicate();
          } catch (err) {
            done();
            reject(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          if (value) {
            done();
            resolve(value);
          }
        };
        // Samples reach the event bus when the writer flushes (every second): flush on our side too.
        const flusher = setInterval(() => engine.areas.metrics.writer.flush(), 100);
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          clearInterval(flusher);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    of(name, deviceId, labels = {}) {
      return samples.filter((s) => s.name === name && s.labels.device === deviceId && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    },
    stop: unsubscribe,
  };
}
