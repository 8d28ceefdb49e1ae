import { describe, expect, it } from 'vitest';
import { ENGINE_CHARTS, ENGINE_SERIES_NAMES } from '../../renderer/lib/engine-charts.ts';
import { SELF_SERIES } from '../../main/self-metrics/self-series.ts';

describe('the engine device series and its graphs', () => {
  it('the device page graphs every series the self poller writes, in the unit it writes it', () => {
    expect([...ENGINE_SERIES_NAMES].sort()).toEqual(Object.keys(SELF_SERIES).sort());
    for (const c of ENGINE_CHARTS) for (const n of c.names) expect(c.unit, n).toBe(SELF_SERIES[n as keyof typeof SELF_SERIES]);
  });
});
