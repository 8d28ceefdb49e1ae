import { useEffect, useState } from 'react';
import { TimeChart } from '../components/time-chart.tsx';
import { client } from '../client/create-client.ts';
import { ENGINE_CHARTS, engineChartLines } from '../lib/engine-charts.ts';
import type { SeriesPoints } from '../lib/series-merge.ts';
import { presetRange } from '../lib/time-range.ts';
import { useDeviceDetailStore } from '../stores/device-detail-store.ts';

/** How often the engine device's graphs are read again (its self poller writes every 15 s). */
const REFRESH_MS = 15_000;

/**
 * The graphs of the engine's own device (WARD FLUX): API, polls, outbox, database, event loop and
 * memory, each with its unit; read for the page's range and again every 15 s for a relative one.
 */
export function EngineGraphs({ deviceId, onWidth }: { deviceId: string; onWidth(width: number): void }) {
  const { series, range, maxPoints } = useDeviceDetailStore();
  const [data, setData] = useState<SeriesPoints[]>([]);
  const seriesNames = new Set(series.map((s) => s.name));
  const charts = ENGINE_CHARTS.filter((c) => c.names.some((n) => seriesNames.has(n)));
  const names = charts.flatMap((c) => c.names).filter((n) => seriesNames.has(n));
  const key = names.join(',');

  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = range.preset === 'custom' ? range : presetRange(range.preset);
      const results = await Promise.all(
        key.split(',').filter(Boolean).map((name) =>
          client.call('metrics.query', { select: { name, matchers: [{ label: 'device', op: '=', value: deviceId }] }, from: r.from, to: r.to, maxPoints, limit: 100 }),
        ),
      );
      if (live) setData(results.flatMap((x) => (x.ok ? x.data.series : [])));
    };
    void load();
    const timer = range.preset === 'custom' ? undefined : setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [deviceId, key, range, maxPoints]);

  const shown = range.preset === 'custom' ? range : presetRange(range.preset);
  return (
    <>
      {charts.map((c) => (
        <TimeChart key={c.title} title={c.title} unit={c.unit} series={engineChartLines(c, data)} from={shown.from} to={shown.to} onWidth={onWidth} />
      ))}
    </>
  );
}
