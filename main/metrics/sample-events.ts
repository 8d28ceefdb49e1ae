/**
 * The public projection of flushed samples: `metrics.samples` events of at most
 * MAX_SAMPLES_PER_EVENT samples each (wired in engine.ts on the writer's flush, after alerts).
 */
import { MAX_SAMPLES_PER_EVENT } from '../api/metrics.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { NamedSample } from './metrics.ts';

export function publishSamples(events: Pick<EventBus, 'emit'>, samples: readonly NamedSample[]): void {
  for (let i = 0; i < samples.length; i += MAX_SAMPLES_PER_EVENT) {
    events.emit('metrics.samples', { samples: samples.slice(i, i + MAX_SAMPLES_PER_EVENT) });
  }
}
