import type { Handlers } from '../api/dispatcher.ts';
import type { Clock } from '../lib/clock.ts';
import type { Metrics } from './metrics.ts';

type MetricsHandlers = Pick<Handlers, 'metrics.query' | 'metrics.series' | 'metrics.getRetention' | 'metrics.setRetention'>;

/** Handlers of the metrics procedures, spread into the engine's handler map. */
export function createMetricsHandlers(d: { metrics: Metrics; clock: Clock }): MetricsHandlers {
  const { metrics, clock } = d;
  return {
    'metrics.query': (input) => {
      let ids: number[];
      let truncated = false;
      if (input.select) {
        const selected = metrics.query.select(input.select, input.limit);
        ids = selected.series.map((s) => s.id);
        truncated = selected.truncated;
      } else {
        ids = [...new Set(input.seriesIds ?? [])];
      }
      const range = { from: input.from, to: input.to, maxPoints: input.maxPoints, resolution: input.resolution };
      const series = metrics.query.query(ids, range, clock.now(), metrics.retentionConfig.policy());
      return { from: input.from, to: input.to, series, truncated };
    },
    'metrics.series': ({ deviceId, name }) => ({ series: metrics.query.seriesOfDevice(deviceId, name) }),
    'metrics.getRetention': () => metrics.retentionConfig.get(),
    'metrics.setRetention': (patch) => metrics.retentionConfig.set(patch),
  };
}
