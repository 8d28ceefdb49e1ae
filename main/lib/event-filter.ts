/**
 * What a subscriber may ask of a topic beyond its name: `metrics.samples` only for some series
 * (the graphs on screen), some metrics (the dashboard's rankings) or one device's series; device-scoped events (device.*, alert.changed)
 * only for one device. A filter never widens: an event it does not apply to is not delivered
 * (a deviceId filter drops an alert that has no device).
 */
import { z } from 'zod';
import type { EngineEvent } from '../api/events.ts';

/** The longest list of series one subscription may name (a dashboard of graphs, not the store). */
export const MAX_FILTER_SERIES = 2000;
/** The longest list of metric names one subscription may name. */
export const MAX_FILTER_METRICS = 64;

export const EventFilter = z.strictObject({
  seriesIds: z.array(z.number().int().positive()).max(MAX_FILTER_SERIES).optional(),
  metrics: z.array(z.string().min(1).max(200)).max(MAX_FILTER_METRICS).optional(),
  deviceId: z.string().min(1).max(200).optional(),
});
export type EventFilter = { seriesIds?: readonly number[] | undefined; metrics?: readonly string[] | undefined; deviceId?: string | undefined };

/** The device an event is about, when it is about one. */
export function eventDeviceId(event: EngineEvent): string | null | undefined {
  const p = event.payload as { id?: unknown; deviceId?: unknown; alert?: { deviceId?: unknown } } | undefined;
  switch (event.name) {
    case 'device.created':
    case 'device.updated':
    case 'device.deleted':
      return typeof p?.id === 'string' ? p.id : undefined;
    case 'device.availability':
      return typeof p?.deviceId === 'string' ? p.deviceId : undefined;
    case 'alert.changed':
      return typeof p?.alert?.deviceId === 'string' ? p.alert.deviceId : null;
    default:
      return undefined;
  }
}

/**
 * The filter, compiled once per subscription (its sets built here, not on every delivery of the
 * hot `metrics.samples`): a function giving the event as the filter lets it through (samples
 * narrowed), or undefined when nothing is left.
 */
export function compileFilter(filter: EventFilter): (event: EngineEvent) => EngineEvent | undefined {
  const ids = filter.seriesIds ? new Set(filter.seriesIds) : undefined;
  const metrics = filter.metrics ? new Set(filter.metrics) : undefined;
  const device = filter.deviceId;
  return (event) => {
    if (event.name === 'metrics.samples') {
      if (!ids && !metrics && device === undefined) return event;
      const samples = event.payload.samples.filter(
        (s) => (!ids || ids.has(s.seriesId)) && (!metrics || metrics.has(s.name)) && (device === undefined || s.labels.device === device),
      );
      return samples.length ? { name: 'metrics.samples', payload: { samples } } : undefined;
    }
    if (device !== undefined) return eventDeviceId(event) === device ? event : undefined;
    return event;
  };
}
