import { describe, expect, it } from 'vitest';
import { classifyResponse, encodeImport, metricJson, packSamples, parseFlags, parseRetention, sampleLimits, unpackSamples } from './codec.ts';

const NOW = 1_800_000_000_000;

describe('sync codec', () => {
  it('packs and unpacks samples exactly (ids, ms timestamps, float64 values)', () => {
    const ids = [1, 7, 4_000_000_000];
    const times = [NOW, NOW + 1, 0];
    const values = [0.1 + 0.2, -0, 1.7976931348623157e308];
    const back = unpackSamples(packSamples(3, ids, times, values));
    expect(back.n).toBe(3);
    expect(Array.from(back.seriesIds)).toEqual(ids);
    expect(Array.from(back.times)).toEqual(times);
    expect(Array.from(back.values)).toEqual(values);
    expect(() => unpackSamples(Buffer.alloc(21))).toThrow(/multiple/);
  });

  it('escapes label values through JSON: quotes, backslashes, newlines, unicode stay one valid line', () => {
    const m = metricJson('if.in_octets', { device: 'a"b\\c\nd', name: 'Gi0/1 ✓', empty: '' }, { site: 'Ørsted "HQ"', device: 'ignored' });
    const parsed = JSON.parse(m) as Record<string, string>;
    expect(parsed).toEqual({ __name__: 'if.in_octets', device: 'a"b\\c\nd', name: 'Gi0/1 ✓', site: 'Ørsted "HQ"' });
    expect(m).not.toContain('\n');
    expect(Object.keys(parsed)[0]).toBe('__name__');
  });

  it('groups samples by series into import lines with matching values and timestamps', () => {
    const samples = { n: 4, seriesIds: [1, 2, 1, 3], times: [NOW, NOW, NOW + 1000, NOW], values: [1.5, 2, 1e21, -3] };
    const metricOf = (id: number) => (id === 3 ? undefined : metricJson(`m${id}`, {}, { site: 'x' }));
    const r = encodeImport(samples, metricOf, sampleLimits(NOW, null));
    const lines = r.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { metric: Record<string, string>; values: number[]; timestamps: number[] });
    expect(lines).toEqual([
      { metric: { __name__: 'm1', site: 'x' }, values: [1.5, 1e21], timestamps: [NOW, NOW + 1000] },
      { metric: { __name__: 'm2', site: 'x' }, values: [2], timestamps: [NOW] },
    ]);
    expect(r.sent).toBe(3);
    expect(r.maxTs).toBe(NOW + 1000);
    expect(r.rejected).toEqual([{ index: 3, reason: 'series 3 no longer exists' }]);
  });

  it('keeps back samples VictoriaMetrics would drop silently (future, beyond retention, non-finite)', () => {
    const day = 86_400_000;
    const samples = { n: 4, seriesIds: [1, 1, 1, 1], times: [NOW + 3 * day, NOW - 40 * day, NOW, NOW - day], values: [1, 2, Number.NaN, 4] };
    const r = encodeImport(samples, () => '{"__name__":"m"}', sampleLimits(NOW, 30 * day));
    expect(r.sent).toBe(1);
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1, 2]);
    expect(r.rejected[0]?.reason).toMatch(/future/);
    expect(r.rejected[1]?.reason).toMatch(/retention/);
  });

  it('reads VictoriaMetrics flags and durations', () => {
    const flags = parseFlags('-dedup.minScrapeInterval="1ms"\n-retentionPeriod="100y"\n-httpListenAddr="127.0.0.1:8428"\n');
    expect(flags['dedup.minScrapeInterval']).toBe('1ms');
    expect(parseRetention(flags.retentionPeriod ?? '')).toBe(100 * 365 * 86_400_000);
    expect(parseRetention('1')).toBe(31 * 86_400_000);
    expect(parseRetention('2w')).toBe(14 * 86_400_000);
    expect(parseRetention('soon')).toBeNull();
  });

  it('classifies answers: config problems retry, whole-batch refusals are dead, outages retry', () => {
    expect(classifyResponse(204, '').kind).toBe('ok');
    expect(classifyResponse(400, 'unsupported path requested: "/x/api/v1/import"').kind).toBe('config');
    expect(classifyResponse(401, 'Unauthorized').kind).toBe('config');
    expect(classifyResponse(404, '').kind).toBe('config');
    expect(classifyResponse(413, '').kind).toBe('too-large');
    expect(classifyResponse(400, 'too big request; exceeds -maxInsertRequestSize').kind).toBe('too-large');
    expect(classifyResponse(400, 'cannot read gzipped vmimport data: unexpected EOF').kind).toBe('rejected');
    expect(classifyResponse(503, 'busy').kind).toBe('retry');
    expect(classifyResponse(429, '').kind).toBe('retry');
  });
});
