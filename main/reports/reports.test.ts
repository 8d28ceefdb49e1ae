import { describe, expect, it } from 'vitest';
import { buildAlerts, buildAvailability, buildDiscoveryDiff, buildInterfaces, buildInventory, buildReport } from './builders.ts';
import { formatDuration } from './format.ts';
import { renderHtml } from './render-html.ts';
import { pdfDefinition } from './render-pdf.ts';
import { renderCsv, renderJson } from './render-text.ts';
import { availabilityFromAlerts, availabilityFromSamples, percentile, topN } from './stats.ts';
import { alertsSnapshot, availabilitySnapshot, DAY, discoveryDiffSnapshot, HOUR, interfacesSnapshot, inventorySnapshot, T0 } from './test-fixtures.ts';

describe('stats', () => {
  it('percentiles interpolate between closest ranks (numpy default)', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBeCloseTo(50.5);
    expect(percentile(values, 95)).toBeCloseTo(95.05);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNull();
    expect(percentile([3, 1, 2], 0)).toBe(1);
  });

  it('uptime and outages from availability checks', () => {
    const step = 60_000;
    const samples: Array<[number, number]> = [];
    for (let i = 0; i < 100; i++) samples.push([T0 + i * step, i >= 10 && i < 20 ? 0 : i === 50 ? 0.5 : 1]);
    const a = availabilityFromSamples(samples, T0, T0 + 100 * step);
    expect(a.checks).toBe(100);
    expect(a.outages).toEqual([{ start: T0 + 10 * step, end: T0 + 20 * step, durationMs: 10 * step, ongoing: false }]);
    expect(a.downMs).toBe(10 * step);
    expect(a.uptimePct).toBeCloseTo(90);
  });

  it('an outage still open at the end of the period is ongoing and ends there', () => {
    const samples: Array<[number, number]> = [
      [T0, 1],
      [T0 + 60_000, 0],
      [T0 + 120_000, 0],
    ];
    const a = availabilityFromSamples(samples, T0, T0 + 150_000);
    expect(a.outages).toEqual([{ start: T0 + 60_000, end: T0 + 150_000, durationMs: 90_000, ongoing: true }]);
  });

  it('a long gap in the checks is no data, not uptime', () => {
    const samples: Array<[number, number]> = [
      [T0, 1],
      [T0 + 60_000, 1],
      [T0 + 120_000, 1],
      [T0 + 10 * HOUR, 0],
      [T0 + 10 * HOUR + 60_000, 1],
    ];
    const a = availabilityFromSamples(samples, T0, T0 + 11 * HOUR);
    expect(a.monitoredMs).toBeLessThan(10 * 60_000);
    expect(a.uptimePct).toBeGreaterThan(50);
    expect(a.uptimePct).toBeLessThan(100);
  });

  it('without checks, availability comes from down alerts clipped to the period (overlaps merged)', () => {
    const a = availabilityFromAlerts(
      [
        { startedAt: T0 - HOUR, resolvedAt: T0 + HOUR },
        { startedAt: T0 + 30 * 60_000, resolvedAt: T0 + 2 * HOUR },
        { startedAt: T0 + 23 * HOUR, resolvedAt: null },
      ],
      T0,
      T0 + DAY,
    );
    expect(a.outages.map((o) => [o.start - T0, o.durationMs, o.ongoing])).toEqual([
      [0, 2 * HOUR, false],
      [23 * HOUR, HOUR, true],
    ]);
    expect(a.uptimePct).toBeCloseTo((100 * 21) / 24);
  });

  it('top N keeps the highest scores, nulls last, ties in input order', () => {
    expect(topN(['a', 'b', 'c', 'd'], 3, (x) => ({ a: 1, b: 5, c: null, d: 5 })[x] ?? null)).toEqual(['b', 'd', 'a']);
  });
});

describe('builders', () => {
  it('availability: uptime, outages, latency and loss percentiles per device', () => {
    const doc = buildAvailability(availabilitySnapshot());
    const data = doc.data as { devices: Array<{ name: string; uptimePct: number | null; outages: unknown[]; rttMs: { p95: number | null }; basedOn: string }> };
    const dev1 = data.devices.find((d) => d.name === 'dev-001')!;
    expect(dev1.uptimePct).toBeCloseTo(100 - (100 * 2) / (7 * 24), 5);
    expect(dev1.outages).toEqual([{ start: T0 + DAY + 10 * HOUR, end: T0 + DAY + 12 * HOUR, durationMs: 2 * HOUR, ongoing: false }]);
    expect(dev1.rttMs.p95).toBeCloseTo(10);
    expect(data.devices.find((d) => d.name === 'dev-002')).toMatchObject({ uptimePct: null, basedOn: 'none' });
    // Worst first; devices without data last.
    expect(data.devices[0]!.name).toBe('dev-001');
    expect(data.devices.at(-1)!.name).toBe('dev-002');
    const outages = doc.sections.find((s) => s.table?.id === 'outages')!;
    expect(outages.table!.rows).toHaveLength(1);
    expect(outages.chart?.kind).toBe('timeline');
  });

  it('alerts: time to acknowledge and counts by severity', () => {
    const doc = buildAlerts(alertsSnapshot(10));
    const data = doc.data as { fired: number; acknowledged: number; resolved: number; timeToAcknowledgeMs: { p50: number }; bySeverity: Record<string, number> };
    expect(data.fired).toBe(10);
    expect(data.acknowledged).toBe(5);
    // Acknowledged alerts i = 0, 2, 4, 6, 8 took (i + 1) minutes: median 5 minutes.
    expect(data.timeToAcknowledgeMs.p50).toBe(5 * 60_000);
    expect(data.bySeverity).toEqual({ critical: 2, major: 2, minor: 2, warning: 2, info: 2 });
    expect(formatDuration(data.timeToAcknowledgeMs.p50)).toBe('5 min 00 s');
  });

  it('interfaces: top N by 95th percentile and by peak', () => {
    const doc = buildInterfaces(interfacesSnapshot(30, 5));
    const data = doc.data as { byP95: Array<{ interface: string; inP95: number; inPeak: number }> };
    expect(data.byP95.map((r) => r.interface)).toEqual(['Gi0/29', 'Gi0/28 (uplink)', 'Gi0/27', 'Gi0/26', 'Gi0/25']);
    expect(data.byP95[0]!.inP95).toBeCloseTo(95.05 * 29e6);
    expect(data.byP95[0]!.inPeak).toBe(100 * 29e6);
  });

  it('interfaces: link speed and utilisation p95 columns; no speed known, no utilisation (not 0 %)', () => {
    const snap = interfacesSnapshot(3, 3);
    const [a, b, c] = snap.interfaces;
    Object.assign(a!, { speedBps: 1e9, inUtil: Array.from({ length: 100 }, (_, k) => k + 1), outUtil: [5] });
    Object.assign(b!, { speedBps: 0, inUtil: [50], outUtil: [50] });
    Object.assign(c!, { speedBps: null });
    const doc = buildInterfaces(snap);
    const table = doc.sections.find((x) => x.table?.id === 'top-p95')!.table!;
    expect(table.columns.map((col) => col.label)).toEqual(['Device', 'Interface', 'In p95', 'Out p95', 'In peak', 'Out peak', 'Speed', 'In util p95', 'Out util p95']);
    const byName = new Map(table.rows.map((r) => [String(r.interface).replace(/ \(uplink\)$/, ''), r]));
    expect(byName.get('Gi0/0')).toMatchObject({ speed: 1e9, outUtilP95: 5 });
    expect(byName.get('Gi0/0')?.inUtilP95).toBeCloseTo(95.05);
    expect(byName.get('Gi0/1')).toMatchObject({ speed: null, inUtilP95: null, outUtilP95: null });
    expect(byName.get('Gi0/2')).toMatchObject({ speed: null, inUtilP95: null });
  });

  it('inventory: one row per device with classification and how it was found', () => {
    const doc = buildInventory(inventorySnapshot(8));
    const table = doc.sections.find((s) => s.table?.id === 'devices')!.table!;
    expect(table.rows).toHaveLength(8);
    expect(table.rows[0]).toMatchObject({ name: 'dev-001', type: 'Router', vendor: 'Cisco', os: 'IOS 15.2', foundBy: ['added by hand'], ports: 3, portsUp: 2 });
  });

  it('discovery diff: new, gone and changed hosts, each change a row', () => {
    const doc = buildDiscoveryDiff(discoveryDiffSnapshot());
    const rows = doc.sections.find((s) => s.table?.id === 'changes')!.table!.rows;
    expect(rows.filter((r) => r.change === 'new')).toHaveLength(2);
    expect(rows.filter((r) => r.change === 'gone')).toHaveLength(1);
    expect(rows.filter((r) => r.change === 'changed')).toEqual([
      { change: 'changed', address: '198.18.1.5', name: null, field: 'sysName', before: 'old-name', after: 'new-name' },
      { change: 'changed', address: '198.18.1.5', name: null, field: 'openPorts', before: '22', after: '22, 443' },
      { change: 'changed', address: '198.18.1.7', name: 'was 198.18.1.6', field: 'address', before: '198.18.1.6', after: '198.18.1.7' },
    ]);
  });
});

describe('renderers', () => {
  it('CSV is the main table with a header row, ISO times and raw numbers', () => {
    const csv = renderCsv(buildAvailability(availabilitySnapshot(3)));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('Device,Address,Uptime (monitored time),Monitored,Coverage,Outages,Downtime,RTT p50,RTT p95,RTT p99,Loss avg,Loss p95,Based on');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^dev-001,198\.18\.0\.1,98\.81,604800000,100,1,7200000,/);
    const alerts = renderCsv(buildAlerts(alertsSnapshot(2))).split('\n');
    expect(alerts[1]).toContain(new Date(T0).toISOString());
    // Quoting: a value with a comma stays one cell.
    const inv = renderCsv(buildInventory(inventorySnapshot(1)));
    expect(inv).toContain('"Server room, rack 2"');
  });

  it('CSV makes formulas from the network inert (a device named after its sysName) and keeps numbers', () => {
    const snap = inventorySnapshot(2);
    snap.devices[0]!.name = '=HYPERLINK("http://x","y")';
    snap.devices[1]!.location = '@SUM(A1)';
    const lines = renderCsv(buildInventory(snap)).trim().split('\n');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""y""\)",198\.18\.0\.1,/);
    expect(lines[2]).toContain(",'@SUM(A1),");
    const availability = availabilitySnapshot(1);
    availability.devices[0]!.name = '-1+1';
    const row = renderCsv(buildAvailability(availability)).trim().split('\n')[1]!;
    expect(row).toMatch(/^'-1\+1,198\.18\.0\.1,98\.81,604800000,100,1,7200000,/);
  });

  it('JSON carries the header, computed data and every table', () => {
    const parsed = JSON.parse(renderJson(buildAvailability(availabilitySnapshot(2)))) as { report: { kind: string; from: string; site: { name: string } }; data: unknown; tables: Record<string, unknown[]> };
    expect(parsed.report).toMatchObject({ kind: 'availability', from: new Date(T0).toISOString(), site: { name: 'Harbour Office' } });
    expect(Object.keys(parsed.tables)).toEqual(['availability', 'outages']);
  });

  it('HTML is self-contained: inline CSS and SVG, a CSP, no scripts or external resources, escaped text', () => {
    const snap = inventorySnapshot(3);
    snap.devices[0]!.name = '<script>alert(1)</script>';
    const html = renderHtml(buildInventory(snap));
    expect(html).toContain('<style>');
    expect(html).toContain('<svg');
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Dana Field');
    expect(html).toContain('2025-03-01 00:00 UTC – 2025-03-08 00:00 UTC');
  });

  it('PDF: a title page, then tables with a repeated header row that do not split rows', () => {
    const def = pdfDefinition(buildReport(inventorySnapshot(5)));
    const content = def.content as unknown[];
    expect(JSON.stringify(content.slice(0, 6))).toContain('Site inventory report');
    expect(content.some((c) => (c as { pageBreak?: string }).pageBreak === 'after')).toBe(true);
    const tables = JSON.stringify(content).match(/"headerRows":1,"dontBreakRows":true/g);
    expect(tables?.length).toBeGreaterThan(0);
    expect(def.pageOrientation).toBe('landscape');
  });
});
