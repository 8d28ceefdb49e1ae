import { describe, expect, it, vi } from 'vitest';
import type { Latest } from './dashboard-store.ts';

vi.mock('../client/create-client.ts', () => ({ client: { call: vi.fn(), on: vi.fn(() => () => {}) } }));
const { lossRanking, WATCHED } = await import('./dashboard-store.ts');

const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const MIN = 60_000;
const row = (seriesId: number, name: Latest['name'], device: string, value: number, ago = 0): [number, Latest] => [seriesId, { seriesId, name, labels: { device }, ts: NOW - ago, value }];

describe('dashboard: worst packet loss from the windowed figure', () => {
  it('ranks the windowed loss (ping_loss_pct_5m), not one check', () => {
    expect(WATCHED).toContain('ping_loss_pct_5m');
    expect(WATCHED).not.toContain('ping_loss_pct');
    const latest = new Map([row(1, 'ping_loss_pct_5m', 'a', 19.6), row(2, 'ping_loss_pct_5m', 'b', 0), row(3, 'ping_loss_pct_5m', 'c', 3.3), row(4, 'ping_rtt_ms', 'b', 40)]);
    const r = lossRanking(latest, NOW);
    expect(r.rows.map((x) => [x.labels.device, x.value])).toEqual([
      ['a', 19.6],
      ['c', 3.3],
    ]);
  });

  it('"no packet loss" only when fresh windowed figures say so, and says how many devices they cover', () => {
    const clean = new Map([row(1, 'ping_loss_pct_5m', 'a', 0), row(2, 'ping_loss_pct_5m', 'b', 0, 2 * MIN)]);
    expect(lossRanking(clean, NOW)).toEqual({ rows: [], empty: 'No packet loss in the last 5 minutes (2 devices measured).' });
    // A lossy figure from 10 minutes ago is not "now"; with nothing fresh, the card says it has no figures.
    const stale = new Map([row(1, 'ping_loss_pct_5m', 'a', 25, 10 * MIN)]);
    expect(lossRanking(stale, NOW)).toEqual({ rows: [], empty: 'No loss figures yet (a device needs a few checks).' });
    expect(lossRanking(new Map([row(4, 'ping_rtt_ms', 'b', 40)]), NOW).empty).toBe('No loss figures yet (a device needs a few checks).');
  });
});
