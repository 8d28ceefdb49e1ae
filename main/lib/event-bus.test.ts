import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventPayload } from '../api/events.ts';
import { events } from '../api/events.ts';
import { check, createEventBus } from './event-bus.ts';
import { createLogger } from './logger.ts';

const D1 = '00000000-0000-4000-8000-000000000001';
const D2 = '00000000-0000-4000-8000-000000000002';
const sample = (seriesId: number, device: string) => ({ seriesId, name: 'cpu', labels: { device }, ts: 1_700_000_000_000, value: seriesId });
const availability = (deviceId: string): EventPayload<'device.availability'> => ({ deviceId, source: 'icmp', status: 'down', atMs: 1, consecutiveFailures: 2 });

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'warn', destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } });
  return { logger, lines };
}

describe('event bus: a checked, filterable projection', () => {
  it('strips what the schema does not declare, and drops (and logs) a payload that fails it', () => {
    const { logger, lines } = recordingLogger();
    const bus = createEventBus(logger);
    const seen: EngineEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    bus.emit('device.availability', { ...availability(D1), secret: 'hunter2' } as EventPayload<'device.availability'>);
    bus.emit('device.availability', { ...availability(D2), status: 'sideways' } as unknown as EventPayload<'device.availability'>);
    expect(seen).toEqual([{ name: 'device.availability', payload: availability(D1) }]);
    expect(lines).toEqual([expect.objectContaining({ event: 'device.availability', msg: 'event payload does not match its schema: dropped' })]);
  });

  it('delivers only the topics subscribed, and filters samples by series and device events by device', () => {
    const bus = createEventBus(recordingLogger().logger);
    const topics: string[] = [];
    const series: number[][] = [];
    const devices: string[] = [];
    bus.subscribe(['alert.changed'], (e) => topics.push(e.name));
    const off = bus.subscribe(['metrics.samples'], (e) => e.name === 'metrics.samples' && series.push(e.payload.samples.map((s) => s.seriesId)), { seriesIds: [2, 3] });
    bus.subscribe(['device.availability', 'device.deleted'], (e) => devices.push(`${e.name}:${JSON.stringify(e.payload)}`), { deviceId: D1 });
    bus.emit('metrics.samples', { samples: [sample(1, 'd1'), sample(2, 'd1'), sample(3, 'd2')] });
    bus.emit('metrics.samples', { samples: [sample(1, 'd1')] }); // nothing of interest: not delivered
    bus.emit('device.availability', availability(D2));
    bus.emit('device.availability', availability(D1));
    bus.emit('device.deleted', { id: D1 });
    expect(series).toEqual([[2, 3]]);
    expect(devices).toEqual([`device.availability:${JSON.stringify(availability(D1))}`, `device.deleted:{"id":"${D1}"}`]);
    expect(topics).toEqual([]);
    off();
    bus.emit('metrics.samples', { samples: [sample(2, 'd1')] });
    expect(series).toHaveLength(1);
  });

  it('filters samples by metric name (the dashboard ranks some metrics, not the whole store)', () => {
    const bus = createEventBus(recordingLogger().logger);
    const got: string[][] = [];
    bus.subscribe(['metrics.samples'], (e) => e.name === 'metrics.samples' && got.push(e.payload.samples.map((s) => `${s.name}:${s.seriesId}`)), { metrics: ['ping_rtt_ms', 'if_in_bps'] });
    const of = (seriesId: number, name: string) => ({ ...sample(seriesId, 'd1'), name });
    bus.emit('metrics.samples', { samples: [of(1, 'ping_rtt_ms'), of(2, 'cpu_util_pct'), of(3, 'if_in_bps')] });
    bus.emit('metrics.samples', { samples: [of(2, 'cpu_util_pct')] }); // none of those metrics: not delivered
    expect(got).toEqual([['ping_rtt_ms:1', 'if_in_bps:3']]);
  });

  it('a listener that throws does not stop the others', () => {
    const bus = createEventBus(recordingLogger().logger);
    const got: string[] = [];
    bus.subscribe(['device.deleted'], () => {
      throw new Error('closed socket');
    });
    bus.subscribe(['device.deleted'], (e) => got.push(e.name));
    bus.emit('device.deleted', { id: D1 });
    expect(got).toEqual(['device.deleted']);
  });
});

describe('the metrics.samples check (hand-written for speed)', () => {
  const schema = events['metrics.samples'];
  it('accepts and strips exactly what the zod schema does', () => {
    const good = { samples: [{ ...sample(1, 'd1'), extra: 1 }, sample(2, 'd2')], more: true };
    expect(check('metrics.samples', good)).toEqual({ ok: true, data: schema.parse(good) });
    const bad: unknown[] = [
      { samples: [{ ...sample(1, 'd1'), seriesId: 0 }] },
      { samples: [{ ...sample(1, 'd1'), seriesId: 1.5 }] },
      { samples: [{ ...sample(1, 'd1'), ts: -1 }] },
      { samples: [{ ...sample(1, 'd1'), value: Number.NaN }] },
      { samples: [{ ...sample(1, 'd1'), value: Number.POSITIVE_INFINITY }] },
      { samples: [{ ...sample(1, 'd1'), value: '1' }] },
      { samples: [{ ...sample(1, 'd1'), labels: { device: 1 } }] },
      { samples: [{ ...sample(1, 'd1'), labels: null }] },
      { samples: [{ ...sample(1, 'd1'), name: undefined }] },
      { samples: Array.from({ length: 501 }, (_, i) => sample(i + 1, 'd1')) },
      { samples: 'x' },
      null,
    ];
    for (const b of bad) {
      expect(schema.safeParse(b).success).toBe(false);
      expect(check('metrics.samples', b).ok).toBe(false);
    }
  });
});
