import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import type { EngineEvent } from '../api/contract.ts';

type TestEngine = Awaited<ReturnType<typeof testEngine>>;
const open: TestEngine[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});

describe('reports through the contract', () => {
  it('generates off the request path with progress events, then previews, downloads and deletes by id', async () => {
    const engine = await testEngine();
    open.push(engine);
    await engine.api.call('settings.set', { siteName: 'Harbour Office', technician: 'Dana' });
    const dev = await engine.api.call('devices.create', { name: 'core-sw', address: '198.18.0.2', tags: ['core'] });
    if (!dev.ok) throw new Error(dev.error.message);
    // Availability checks: up, down for 10 minutes, up again.
    const t0 = Date.UTC(2025, 2, 1);
    for (let i = 0; i < 60; i++) engine.areas.metrics.writer.writeNamed('availability', { device: dev.data.id }, t0 + i * 60_000, i >= 20 && i < 30 ? 0 : 1);
    engine.areas.metrics.writer.flush();

    const events: EngineEvent[] = [];
    const stop = engine.events.subscribe((e) => e.name === 'reports.progress' && events.push(e));
    const gen = await engine.api.call('reports.generate', { kind: 'availability', from: t0, to: t0 + 3_600_000, format: 'json', tags: ['core'] });
    if (!gen.ok) throw new Error(gen.error.message);
    // The call returned before the report ran.
    expect(events.map((e) => (e.payload as { phase: string }).phase)).toEqual(['queued']);
    const meta = await engine.areas.reports.wait(gen.data.reportId);
    stop();
    expect(meta).toMatchObject({ status: 'done', siteName: 'Harbour Office', filters: { tags: ['core'] }, mimeType: 'application/json' });
    expect(events.map((e) => (e.payload as { phase: string }).phase)).toEqual(['queued', 'collect', 'build', 'render', 'store', 'done']);

    const dl = await engine.api.call('reports.download', { id: meta.id });
    if (!dl.ok) throw new Error(dl.error.message);
    expect(dl.data.encoding).toBe('utf8');
    const json = JSON.parse(dl.data.content) as { data: { devices: Array<{ uptimePct: number; outages: unknown[] }> } };
    expect(json.data.devices[0]!.outages).toHaveLength(1);
    expect(json.data.devices[0]!.uptimePct).toBeCloseTo((100 * 50) / 60, 0);

    const preview = await engine.api.call('reports.preview', { id: meta.id });
    expect(preview.ok && preview.data.html).toContain('Availability report');
    const list = await engine.api.call('reports.list', {});
    expect(list.ok && list.data.items.map((r) => r.id)).toEqual([meta.id]);

    // Files are named by id in the data dir, never by anything the caller chose.
    expect(fs.readdirSync(path.join(engine.dataDir, 'reports')).sort()).toEqual([`${meta.id}.json`, `${meta.id}.preview.html`]);
    expect((await engine.api.call('reports.delete', { id: meta.id })).ok).toBe(true);
    expect(fs.readdirSync(path.join(engine.dataDir, 'reports'))).toEqual([]);
    expect(await engine.api.call('reports.get', { id: meta.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('validates the input', async () => {
    const engine = await testEngine();
    open.push(engine);
    expect(await engine.api.call('reports.generate', { kind: 'uptime' as never, from: 0, to: 1, format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await engine.api.call('reports.generate', { kind: 'inventory', from: 10, to: 5, format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'to' }] } });
    expect(await engine.api.call('reports.download', { id: '../../etc/passwd' as never })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('sites: a default one from settings, others by hand; devices move between them', async () => {
    const engine = await testEngine();
    open.push(engine);
    await engine.api.call('settings.set', { siteName: 'HQ' });
    const sites = await engine.api.call('sites.list', {});
    expect(sites.ok && sites.data.map((s) => [s.name, s.isDefault])).toEqual([['HQ', true]]);
    const depot = await engine.api.call('sites.create', { name: 'Depot', customer: 'Acme' });
    if (!depot.ok) throw new Error(depot.error.message);
    const dev = await engine.api.call('devices.create', { name: 'd1', address: '198.18.0.9' });
    if (!dev.ok) throw new Error(dev.error.message);
    expect(await engine.api.call('sites.assignDevices', { siteId: depot.data.id, deviceIds: [dev.data.id] })).toMatchObject({ ok: true, data: { moved: 1 } });
    const gen = await engine.api.call('reports.generate', { kind: 'inventory', from: Date.now() - 86_400_000, to: Date.now(), format: 'csv', siteId: depot.data.id });
    if (!gen.ok) throw new Error(gen.error.message);
    await engine.areas.reports.wait(gen.data.reportId);
    const csv = await engine.api.call('reports.download', { id: gen.data.reportId });
    expect(csv.ok && csv.data.content).toContain('d1,198.18.0.9');
    const defaultSite = sites.ok ? sites.data[0]! : undefined;
    expect(await engine.api.call('sites.delete', { id: defaultSite!.id })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await engine.api.call('sites.delete', { id: depot.data.id })).ok).toBe(true);
  });
});
