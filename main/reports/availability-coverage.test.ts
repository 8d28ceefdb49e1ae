import { describe, expect, it } from 'vitest';
import { buildAvailability } from './builders.ts';
import { coverageText } from './format.ts';
import { renderHtml } from './render-html.ts';
import { pdfDefinition } from './render-pdf.ts';
import { renderCsv, renderJson } from './render-text.ts';
import { availabilityFromSamples } from './stats.ts';
import { HOUR, T0 } from './test-fixtures.ts';
import type { AvailabilitySnapshot } from './types.ts';

const MIN = 60_000;
const DAY = 24 * HOUR;

/** Checks every 5 s for `minutes` minutes from `start`, the last `downChecks` of them down. */
function checks(start: number, minutes: number, downChecks = 0): Array<[number, number]> {
  const n = (minutes * MIN) / 5000;
  return Array.from({ length: n }, (_, i): [number, number] => [start + i * 5000, i >= n - downChecks ? 0 : 1]);
}

function snapshot(devices: Array<{ name: string; availability: Array<[number, number]> }>): AvailabilitySnapshot {
  return {
    kind: 'availability',
    site: { name: 'Harbour Office', customer: '', address: '', technician: '' },
    from: T0,
    to: T0 + DAY,
    generatedAt: T0 + DAY,
    devices: devices.map((d, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: d.name, address: `198.18.0.${i + 1}`, availability: d.availability, rttMs: [], lossPct: [], downAlerts: [] })),
  };
}

describe('availability coverage', () => {
  it('5 minutes of checks in a 24 h period: coverage 0.35 %, uptime over the monitored 5 minutes only', () => {
    // The last 30 s of the 5 minutes down: 90 % of the monitored time up (not 99.97 % of the day).
    const a = availabilityFromSamples(checks(T0 + 20 * HOUR, 5, 6), T0, T0 + DAY);
    expect(a.monitoredMs).toBe(5 * MIN);
    expect(a.coveragePct).toBeCloseTo((100 * 5) / (24 * 60), 6);
    expect(a.coveragePct.toFixed(2)).toBe('0.35');
    expect(a.uptimePct).toBeCloseTo(90, 6);
    expect(coverageText(a.monitoredMs, DAY, a.coveragePct)).toBe('monitored 5 min of 1 d (0.35 %)');
  });

  it('the report shows coverage per device and overall in every format, and overall uptime weighs monitored time', () => {
    const doc = buildAvailability(
      snapshot([
        { name: 'brief', availability: checks(T0 + 20 * HOUR, 5) },
        { name: 'watched', availability: checks(T0, 24 * 60, 12 * 60 * 12) }, // down the second half of the day
        { name: 'never', availability: [] },
      ]),
    );
    const data = doc.data as {
      overall: { uptimePct: number; monitoredMs: number; coveragePct: number; coverage: string };
      devices: Array<{ name: string; uptimePct: number | null; monitoredMs: number; coveragePct: number; coverage: string }>;
    };
    const brief = data.devices.find((d) => d.name === 'brief')!;
    expect(brief).toMatchObject({ uptimePct: 100, monitoredMs: 5 * MIN, coverage: 'monitored 5 min of 1 d (0.35 %)' });
    expect(data.devices.find((d) => d.name === 'watched')).toMatchObject({ monitoredMs: DAY, coveragePct: 100 });
    expect(data.devices.find((d) => d.name === 'watched')!.uptimePct).toBeCloseTo(50, 6);
    expect(data.devices.find((d) => d.name === 'never')).toMatchObject({ uptimePct: null, monitoredMs: 0, coveragePct: 0 });
    // Overall: (5 min up + 12 h up) / (5 min + 24 h) monitored, not the mean of 100 % and 50 %.
    expect(data.overall.uptimePct).toBeCloseTo((100 * (5 * MIN + 12 * HOUR)) / (5 * MIN + DAY), 6);
    expect(data.overall.monitoredMs).toBe(5 * MIN + DAY);
    expect(data.overall.coveragePct).toBeCloseTo((100 * (5 * MIN + DAY)) / (3 * DAY), 6);

    const summary = doc.sections[0]!;
    expect(summary.kpis).toContainEqual({ label: 'Coverage', value: '33.45 %' });
    expect(summary.text).toContain('over the monitored part of the period only');

    const csv = renderCsv(doc).trim().split('\n');
    expect(csv[0]).toContain('Uptime (monitored time),Monitored,Coverage');
    expect(csv.find((l) => l.startsWith('brief,'))).toMatch(/^brief,198\.18\.0\.1,100,300000,0\.347,/);
    const json = JSON.parse(renderJson(doc)) as { data: { overall: { coverage: string } }; tables: { availability: Array<Record<string, unknown>> } };
    expect(json.data.overall.coverage).toBe(data.overall.coverage);
    expect(json.tables.availability.find((r) => r.device === 'brief')).toMatchObject({ monitoredMs: 300_000, coveragePct: 0.347 });
    const html = renderHtml(doc);
    expect(html).toContain('Coverage');
    expect(html).toContain('0.35 %');
    expect(html).toContain('5 min 00 s');
    const pdf = JSON.stringify(pdfDefinition(doc).content);
    expect(pdf).toContain('0.35 %');
    expect(pdf).toContain('33.45 %');
  });
});
