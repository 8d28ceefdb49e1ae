import { describe, expect, it } from 'vitest';
import { ENGINE_CHARTS, engineChartLines } from './engine-charts.ts';

const points = (...values: number[]) => values.map((v, i) => ({ ts: i * 15_000, avg: v, min: v, max: v, count: 1 }));
const series = (id: number, name: string, labels: Record<string, string>, ...values: number[]) => ({ id, name, labels: { device: 'e', ...labels } as Record<string, string>, resolution: 'raw' as const, stepMs: 0, points: points(...values) });

describe('the engine device graphs', () => {
  it('name lines by label and by series name, and keep the procedures with the highest peaks', () => {
    const polls = ENGINE_CHARTS.find((c) => c.names.includes('self_polls_ok_per_s'))!;
    const lines = engineChartLines(polls, [series(1, 'self_polls_ok_per_s', { protocol: 'snmp' }, 2), series(2, 'self_polls_failed_per_s', { protocol: 'snmp' }, 0.1), series(3, 'self_rss_mb', {}, 80)]);
    expect(lines.map((l) => l.label)).toEqual(['snmp failed', 'snmp ok']);
    const api = ENGINE_CHARTS.find((c) => c.names.includes('self_api_duration_ms'))!;
    const many = Array.from({ length: 10 }, (_, i) => series(10 + i, 'self_api_duration_ms', { procedure: `p${i}` }, i, i * 2));
    expect(engineChartLines(api, many).map((l) => l.label)).toEqual(['p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    const rss = ENGINE_CHARTS.find((c) => c.names.includes('self_rss_mb'))!;
    expect(engineChartLines(rss, [series(4, 'self_rss_mb', {}, 80)]).map((l) => l.label)).toEqual(['Memory']);
  });
});
