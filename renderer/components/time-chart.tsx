import { useEffect, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAxisValue, formatTimeTick, timeTicks, valueTicks } from '../lib/chart-axis.ts';
import { formatByUnit } from '../lib/format.ts';
import type { Point } from '../lib/series-merge.ts';
import { seriesStats } from '../lib/series-stats.ts';
import { useWidth } from './use-width.ts';

export interface ChartSeries {
  key: string;
  label: string;
  points: readonly Point[];
}

const COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];

interface TimeChartProps {
  title: string;
  unit: string;
  series: ChartSeries[];
  from: number;
  to: number;
  /** Draw the min..max band of each point behind the average (single-series charts). */
  band?: boolean;
  /** Fix the y axis to 0..100 (percentages). */
  percent?: boolean;
  height?: number;
  emptyText?: string;
  /** Called with the plot width, so the caller can ask for about one point per pixel. */
  onWidth?(width: number): void;
}

interface Row {
  ts: number;
  [key: string]: number | [number, number] | undefined;
}

interface TooltipEntry {
  name?: string;
  value?: unknown;
  color?: string;
  dataKey?: unknown;
}

/** The time, then each series' average with its min–max where a band is drawn. */
function TooltipBody({ active, payload, label, unit, rangeMs }: { active?: boolean; payload?: TooltipEntry[]; label?: number; unit: string; rangeMs: number }) {
  if (!active || !payload || payload.length === 0 || label === undefined) return null;
  const bands = new Map(payload.filter((p) => String(p.dataKey).endsWith('__band')).map((p) => [String(p.dataKey).slice(0, -'__band'.length), p.value]));
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">{rangeMs > 36 * 3600_000 ? new Date(label).toLocaleString() : new Date(label).toLocaleTimeString()}</div>
      {payload
        .filter((p) => !String(p.dataKey).endsWith('__band'))
        .map((p) => {
          const band = bands.get(String(p.dataKey));
          return (
            <div key={String(p.dataKey)}>
              <span style={{ color: p.color }}>●</span> {p.name}: <strong>{formatByUnit(p.value as number, unit)}</strong>
              {Array.isArray(band) ? (
                <span className="muted">
                  {' '}
                  (min {formatByUnit(band[0] as number, unit)}, max {formatByUnit(band[1] as number, unit)})
                </span>
              ) : null}
            </div>
          );
        })}
    </div>
  );
}

/** Min, average, max and 95th percentile of each series over the range, under its graph. */
function StatsTable({ title, unit, series }: { title: string; unit: string; series: ChartSeries[] }) {
  const rows = series.map((s) => ({ s, stats: seriesStats(s.points) })).filter((r) => r.stats);
  if (rows.length === 0) return null;
  return (
    <table className="chart-stats" aria-label={`${title} summary`}>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Series</span>
          </th>
          <th scope="col">Min</th>
          <th scope="col">Avg</th>
          <th scope="col">Max</th>
          <th scope="col">95th</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ s, stats }) => (
          <tr key={s.key}>
            <th scope="row">
              <span style={{ color: COLORS[series.indexOf(s) % COLORS.length] }} aria-hidden="true">
                ●
              </span>{' '}
              {s.label}
            </th>
            <td>{formatByUnit(stats!.min, unit)}</td>
            <td>{formatByUnit(stats!.avg, unit)}</td>
            <td>{formatByUnit(stats!.max, unit)}</td>
            <td>{formatByUnit(stats!.p95, unit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A time series graph: averages as lines, optionally the min..max band, x from `from` to `to`. */
export function TimeChart({ title, unit, series, from, to, band, percent, height = 200, emptyText, onWidth }: TimeChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const rows = useMemo(() => {
    const byTs = new Map<number, Row>();
    series.forEach((s) => {
      for (const p of s.points) {
        let row = byTs.get(p.ts);
        if (!row) byTs.set(p.ts, (row = { ts: p.ts }));
        row[s.key] = p.avg;
        if (band) row[`${s.key}__band`] = [p.min, p.max];
      }
    });
    return [...byTs.values()].sort((a, b) => a.ts - b.ts);
  }, [series, band]);
  // The y axis: 0 to a nice top above the highest value (a quiet link: a flat line at 0 on a scale).
  const yAxis = useMemo(() => {
    if (percent) return valueTicks(100, 4);
    let max = 0;
    for (const s of series) for (const p of s.points) max = Math.max(max, band ? p.max : p.avg);
    return valueTicks(max, 4, unit === 'bit/s' ? 1000 : unit === 'ms' ? 1 : 1);
  }, [series, band, percent, unit]);
  const xAxis = useMemo(() => timeTicks(from, to, Math.max(2, Math.floor((width - 70) / 90))), [from, to, width]);
  const last = series.length === 1 ? series[0]!.points.at(-1) : undefined;
  useEffect(() => {
    if (onWidth && width > 0) onWidth(width);
  }, [onWidth, width]);

  return (
    <section className="card chart-card" aria-label={title}>
      <div className="chart-head">
        <h3 className="chart-title">{title}</h3>
        {last ? <span className="chart-last">last {formatByUnit(last.avg, unit)}</span> : null}
      </div>
      <div ref={ref} className="chart-box" style={{ height }}>
        {rows.length === 0 ? (
          <div className="chart-empty" style={{ height }}>
            {emptyText ?? 'No data in this time range yet.'}
          </div>
        ) : width > 0 ? (
          <ComposedChart width={width} height={height} data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis
              dataKey="ts"
              type="number"
              scale="time"
              domain={[from, to]}
              ticks={xAxis.ticks}
              interval={0}
              tickFormatter={(v: number) => formatTimeTick(v, xAxis.stepMs, to - from)}
              tickLine={false}
              axisLine={false}
            />
            <YAxis
              width={unit === 'bit/s' ? 78 : 58}
              ticks={yAxis.ticks}
              interval={0}
              tickFormatter={(v: number) => formatAxisValue(v, yAxis, unit)}
              domain={[0, yAxis.top]}
              allowDataOverflow
              tickLine={false}
              axisLine={false}
            />
            <Tooltip content={<TooltipBody unit={unit} rangeMs={to - from} />} isAnimationActive={false} />
            {series.length > 1 ? <Legend verticalAlign="bottom" height={22} iconType="plainline" /> : null}
            {band
              ? series.map((s, i) => (
                  <Area key={`${s.key}__band`} dataKey={`${s.key}__band`} name={`${s.label} min–max`} stroke="none" fill={COLORS[i % COLORS.length]} fillOpacity={0.15} isAnimationActive={false} connectNulls legendType="none" />
                ))
              : null}
            {series.map((s, i) => (
              <Line key={s.key} dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} strokeWidth={1.6} dot={false} isAnimationActive={false} connectNulls type="linear" />
            ))}
          </ComposedChart>
        ) : null}
      </div>
      <StatsTable title={title} unit={unit} series={series} />
    </section>
  );
}
