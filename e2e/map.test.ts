import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../main/engine.ts';
import { createL2Store } from '../main/l2/snapshot-store.ts';
import { DATABASE_FILE } from '../main/store/database.ts';
import { createDiscoveryStore } from '../main/discovery/jobs/discovery-store.ts';
import { targetKey } from '../main/discovery/jobs/discovery-service.ts';
import type { DiscoveryJob } from '../main/api/discovery.ts';
import { hostMac, syntheticSite } from '../main/topology/testing/synthetic-site.ts';
import { discoveryHost } from '../test/support/discovery-host.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';

/**
 * The Map page in Chromium against a real headless host: a site of 30 switches (a tree, LLDP on
 * both ends of every cable) with 9 hosts each, 300 nodes, stored as L2 snapshots through the
 * engine; device statuses as monitoring left them. Pan, zoom, a dragged node that stays where it
 * was dropped after a reload, exports, "plugged in" on a host's page, screenshots.
 */
const SCAN_ID = '00000000-0000-4000-8000-0000000000d1';
const CORE_SCAN_ID = '00000000-0000-4000-8000-0000000000d2';

async function seed(dataDir: string): Promise<Map<string, string>> {
  const site = syntheticSite(30, 9);
  const ids = new Map<string, string>(); // synthetic id → engine id
  const engine = await createEngine({ dataDir });
  try {
    for (const d of site.devices) {
      const r = await engine.api.call('devices.create', { name: d.name, address: d.address, tags: ['site-map'] });
      if (!r.ok) throw new Error(r.error.message);
      ids.set(d.id, r.data.id);
    }
    for (const s of site.sources) engine.areas.l2.save(ids.get(s.deviceId)!, s.snapshot);
  } finally {
    await engine.stop();
  }
  // What monitoring would have stored: most devices up, a few down or degraded.
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  const put = db.prepare("INSERT OR REPLACE INTO device_state (device_id, source, status, since, consecutive_failures, last_check_at, last_seen_at) VALUES (?, 'icmp', ?, ?, 0, ?, ?)");
  const now = Date.now();
  site.devices.forEach((d, i) => put.run(ids.get(d.id), i % 17 === 5 ? 'down' : i % 23 === 7 ? 'degraded' : 'up', now - 60_000, now, now));
  // And what the classifier would have named them (switches; every fourth host a printer or a phone).
  const type = db.prepare('UPDATE devices SET device_type = ? WHERE id = ?');
  site.devices.forEach((d, i) => type.run(d.type === 'switch' ? 'switch' : i % 4 === 1 ? 'printer' : i % 4 === 2 ? 'ip-phone' : 'workstation', ids.get(d.id)));
  // A finished scan that found host40 (sw4's edge port Gi1/0/5, VLAN 14) with its MAC.
  const options: DiscoveryJob['options'] = { targets: ['10.0.0.0/24'], exclusions: [], methods: ['icmp', 'arp'], credentialIds: [], ratePps: 500, timeoutMs: 1000, retries: 1, tcpPorts: [], tcpAllHosts: false, reverseDns: false };
  const scans = createDiscoveryStore(db);
  const host = discoveryHost({ address: '10.0.0.40', name: 'host40', mac: hostMac(40), macVendor: null, type: 'workstation', sysName: null, foundBy: ['icmp', 'arp'], updatedAt: now });
  // A second scan, of the core: sw0 and sw1 with the L2 tables it read, and host12 by its MAC (nothing of it need be monitored).
  const coreOptions: DiscoveryJob['options'] = { ...options, targets: ['198.18.0.0/24'] };
  const sw = (i: number) => site.devices.find((d) => d.name === `sw${i}`)!;
  const coreHosts = [0, 1].map((i) => discoveryHost({ address: sw(i).address, name: `sw${i}`, type: 'switch', mac: null, sysName: `sw${i}.site.example`, updatedAt: now }));
  coreHosts.push(discoveryHost({ address: '10.0.0.12', name: 'host12', mac: hostMac(12), type: 'workstation', sysName: null, foundBy: ['arp'], updatedAt: now }));
  scans.create({ id: SCAN_ID, options, targetKey: targetKey(options.targets, options.exclusions), adHocCredentials: 0, owner: 'e2e-seed', now, total: 254 });
  scans.flush(SCAN_ID, { phase: 'done', total: 254, done: 254, alive: 1, classified: 1, packets: 300 }, [host], now);
  scans.finish(SCAN_ID, 'finished', 'done', null, now + 1000);
  scans.create({ id: CORE_SCAN_ID, options: coreOptions, targetKey: targetKey(coreOptions.targets, coreOptions.exclusions), adHocCredentials: 0, owner: 'e2e-seed', now: now + 2000, total: 254 });
  scans.flush(CORE_SCAN_ID, { phase: 'done', total: 254, done: 254, alive: 3, classified: 3, packets: 300 }, coreHosts, now + 2000);
  scans.finish(CORE_SCAN_ID, 'finished', 'done', null, now + 3000);
  const l2 = createL2Store(db);
  for (const i of [0, 1]) l2.saveScan(CORE_SCAN_ID, sw(i).address, site.sources.find((x) => x.deviceId === sw(i).id)!.snapshot);
  db.close();
  const byName = new Map<string, string>();
  for (const d of site.devices) byName.set(d.name, ids.get(d.id)!);
  return byName;
}

async function openMap(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/map`);
  await page.locator('.map-node').nth(299).waitFor();
}

/** The node of that name exactly (sw2, not sw20). */
const nodeNamed = (page: Page, name: string) => page.locator('.map-node').filter({ has: page.locator('.map-node-name', { hasText: new RegExp(`^${name}$`) }) });
const nodeTransform = (page: Page, name: string) => nodeNamed(page, name).getAttribute('transform');

describe('Map page', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let ids: Map<string, string>;
  const data = tempDir();

  beforeAll(async () => {
    ids = await seed(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1440, height: 900 }, acceptDownloads: true }));
  }, 120_000);
  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('300 nodes with their type icons, status colours and both ports on the links; pans and zooms while staying interactive', async () => {
    await page.getByRole('link', { name: 'Map' }).click();
    await page.locator('.map-node').nth(299).waitFor();
    expect(await page.locator('.map-node').count()).toBe(300);
    expect(await page.locator('.map-link').count()).toBe(29 + 270);
    await expect.poll(() => page.getByTestId('map-summary').textContent()).toContain('300 devices, 299 links');
    expect(await page.locator('.map-node.map-status-down').count()).toBeGreaterThan(0);
    expect(await page.locator('.map-node.map-status-up').count()).toBeGreaterThan(250);
    expect(await page.locator('.map-node-icon svg').count()).toBe(300);
    // sw0 – sw1: the core's Te1/1/1 and sw1's Gi1/0/49 on the link.
    const core = page.locator('.map-link').filter({ has: page.locator('title', { hasText: /^(sw0 Te1\/1\/1 – sw1 Gi1\/0\/49|sw1 Gi1\/0\/49 – sw0 Te1\/1\/1) / }) });
    expect((await core.locator('.map-port').allTextContents()).sort()).toEqual(['Gi1/0/49', 'Te1/1/1']);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `map-${scheme}`);
    }
    // Zoomed in on the core: names, addresses, icons and ports readable.
    const core0 = (await nodeNamed(page, 'sw0').boundingBox())!;
    await page.mouse.move(core0.x, core0.y + 120);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -250);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `map-zoomed-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Fit' }).click();

    // Frame times while panning: rAF timestamps during 60 pointer moves.
    const viewport = page.locator('[data-viewport]');
    const before = await viewport.getAttribute('transform');
    await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; stop_: boolean };
      w.frames_ = [];
      w.stop_ = false;
      const tick = (t: number) => {
        w.frames_.push(t);
        if (!w.stop_) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const box = (await page.locator('.map-svg').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height - 60);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(box.x + 40 + i * 8, box.y + box.height - 60 - i * 3);
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; stop_: boolean };
      w.stop_ = true;
      return w.frames_;
    });
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
    const q = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))]!.toFixed(1);
    console.log(`map pan, 300 nodes: ${gaps.length} frames, frame time p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
    const after = await viewport.getAttribute('transform');
    expect(after).not.toBe(before);
    // Still interactive: zoom answers at once.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await viewport.getAttribute('transform')).not.toBe(after);
    await page.getByRole('button', { name: 'Fit' }).click();
    expect(errors).toEqual([]);
  });

  it('a dragged node stays where it was dropped after a reload; Reset layout puts it back', async () => {
    await openMap(page, serve.url);
    const start = await nodeTransform(page, 'sw3');
    const node = nodeNamed(page, 'sw3');
    const b = (await node.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(b.x + b.width / 2 + i * 12, b.y + b.height / 2 + i * 6);
    await page.mouse.up();
    const moved = await nodeTransform(page, 'sw3');
    // Saved: the row is in the database (the host's), then a reload draws it there.
    const saved = () => {
      const db = new Database(path.join(data.dir, DATABASE_FILE), { readonly: true });
      try {
        return db.prepare('SELECT count(*) AS n FROM map_positions').get() as { n: number };
      } finally {
        db.close();
      }
    };
    await expect.poll(() => saved().n, { timeout: 10_000 }).toBe(1);
    expect(moved).not.toBe(start);
    await page.reload();
    await page.locator('.map-node').nth(299).waitFor();
    expect(await nodeTransform(page, 'sw3')).toBe(moved);
    await page.getByRole('button', { name: 'Reset layout' }).click();
    await expect.poll(() => nodeTransform(page, 'sw3'), { timeout: 10_000 }).toBe(start);
    expect(saved().n).toBe(0);
  });

  it('exports SVG, PNG (drawn in the browser), draw.io and DOT files', async () => {
    await openMap(page, serve.url);
    const save = async (label: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label, exact: true }).click()]);
      const file = path.join(data.dir, download.suggestedFilename());
      await download.saveAs(file);
      return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
    };
    const svg = await save('SVG');
    expect(svg.name).toMatch(/^wardflux-map-\d{4}-\d{2}-\d{2}\.svg$/);
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*sw0[\s\S]*Te1\/1\/1/);
    const png = await save('PNG');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(1000);
    const drawio = await save('draw.io');
    expect(drawio.bytes.toString('utf8').match(/vertex="1" parent="1"/g)).toHaveLength(300);
    const dot = await save('DOT');
    expect(dot.bytes.toString('utf8')).toMatch(/^graph "site" \{/);
    expect(errors).toEqual([]);
  });

  it('a host\'s device page says where it is plugged in; a switch node opens its page', async () => {
    await page.goto(`${serve.url}/#/devices/${ids.get('host5')}`);
    await expect.poll(() => page.getByTestId('plugged-in').textContent()).toBe('connected to sw0 Gi1/0/6, VLAN 10');
    await page.goto(`${serve.url}/#/devices/${ids.get('host12')}`);
    await expect.poll(() => page.getByTestId('plugged-in').textContent()).toBe('connected to sw1 Gi1/0/4, VLAN 11');
    await screenshot(page, 'map-device-plugged-in');
    // The scanned host's details (Discovery): the same answer, by its MAC.
    await page.goto(`${serve.url}/#/discovery`);
    await page.getByRole('list', { name: 'Past scans' }).getByRole('button', { name: /10\.0\.0\.0\/24/ }).click();
    await page.getByRole('table', { name: 'Discovered hosts' }).getByRole('button', { name: '10.0.0.40', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').getByTestId('plugged-in').textContent()).toBe('connected to sw4 Gi1/0/5, VLAN 14');
    await screenshot(page, 'map-discovery-plugged-in');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await openMap(page, serve.url);
    await nodeNamed(page, 'sw2').click();
    await page.waitForURL(new RegExp(`#/devices/${ids.get('sw2')}$`));
    expect(errors).toEqual([]);
  });

  it('the map of a scan: what it found and the tables it read, nothing monitored needed', async () => {
    await openMap(page, serve.url);
    await page.getByLabel('Map of').selectOption(CORE_SCAN_ID);
    await expect.poll(() => page.getByTestId('map-summary').textContent()).toBe('3 hosts, 7 neighbours not found by the scan, 9 links');
    const host12 = page.locator('.map-link').filter({ has: page.locator('title', { hasText: /^sw1 Gi1\/0\/4 – host12 \?/ }) });
    expect(await host12.locator('.map-port').allTextContents()).toEqual(['Gi1/0/4']);
    await page.getByRole('button', { name: 'Fit' }).click();
    await screenshot(page, 'map-scan');
    await page.getByLabel('Map of').selectOption('');
    await page.locator('.map-node').nth(299).waitFor();
    expect(errors).toEqual([]);
  });

  it('phone width (390 px): the map fills the screen, the toolbar wraps', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${serve.url}/#/map`);
    await page.locator('.map-node').nth(299).waitFor();
    const svg = (await page.locator('.map-svg').boundingBox())!;
    expect(svg.width).toBeGreaterThan(300);
    expect(svg.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'map-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  });
});
