import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';
import { seedUxDevices } from './support/seed-ux.ts';

const PAGES = ['dashboard', 'devices', 'alerts', 'discovery', 'reports', 'settings', 'diagnostics'] as const;

/**
 * The phone (issue 18 item 11): at 390 px no page scrolls sideways (neither the document nor the
 * main scroll container), the navigation is a bottom bar of touch-sized targets, the device list
 * is compact; and the headless host serves an installable app (manifest, icons, a service worker
 * that starts offline and never answers the API).
 */
describe('Phone layout and PWA in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    await seedUxDevices(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 390, height: 844 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('never scrolls any page sideways at 390 px, in either theme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const name of PAGES) {
        await page.goto(`${serve.url}/#/${name}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('#main-content .page').first().waitFor();
        await page.evaluate(() => document.fonts.ready);
        const overflow = await page.evaluate(() => {
          const doc = document.scrollingElement!;
          const main = document.getElementById('main-content')!;
          return { doc: doc.scrollWidth - window.innerWidth, main: main.scrollWidth - main.clientWidth };
        });
        expect(overflow, `${name} (${scheme})`).toEqual({ doc: expect.any(Number), main: expect.any(Number) });
        expect(overflow.doc, `${name} (${scheme}) document`).toBeLessThanOrEqual(0);
        expect(overflow.main, `${name} (${scheme}) main`).toBeLessThanOrEqual(0);
        await screenshot(page, `ux-phone-${name}-${scheme}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it('navigates from a bottom bar of touch-sized links; the header is not clipped', async () => {
    await page.goto(`${serve.url}/#/dashboard`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const box = (await nav.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(844 - 80);
    for (const link of await nav.getByRole('link').all()) {
      const b = (await link.boundingBox())!;
      expect(b.height).toBeGreaterThanOrEqual(40);
      expect(b.width).toBeGreaterThanOrEqual(40);
    }
    await nav.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    const header = (await page.locator('.topbar').boundingBox())!;
    for (const el of await page.locator('.topbar > *').all()) {
      const b = (await el.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(header.x);
      expect(b.x + b.width).toBeLessThanOrEqual(header.x + header.width + 0.5);
    }
  });

  it('shows a compact device list: status, name over address, latency and loss', async () => {
    await page.goto(`${serve.url}/#/devices`);
    const table = page.getByRole('table', { name: 'Devices' });
    await table.getByRole('link', { name: 'core-sw', exact: true }).waitFor();
    const visibleHeaders = await table.locator('thead th').evaluateAll((ths) => ths.filter((th) => getComputedStyle(th).display !== 'none').map((th) => th.textContent?.replace(/[▲▼]/g, '').trim()));
    expect(visibleHeaders).toEqual(['Status', 'Name', 'Latency', 'Loss 5 min']);
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'core-sw', exact: true }) });
    expect(await row.innerText()).toContain('198.18.9.10');
    expect(await row.innerText()).toContain('25.0 %');
    expect((await row.boundingBox())!.height).toBeGreaterThanOrEqual(40);
  });

  it('is installable: the manifest, its icons and the service worker are served and it registers', async () => {
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe('./manifest.webmanifest');
    const manifest = await page.request.get(`${serve.url}/manifest.webmanifest`);
    expect(manifest.status()).toBe(200);
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const m = (await manifest.json()) as { name: string; display: string; start_url: string; icons: Array<{ src: string; sizes: string; purpose: string }> };
    expect(m).toMatchObject({ name: 'WARD FLUX', display: 'standalone' });
    expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of m.icons) {
      const r = await page.request.get(`${serve.url}/${icon.src}`);
      expect(r.status(), icon.src).toBe(200);
      expect(r.headers()['content-type']).toBe('image/png');
    }
    const sw = await page.request.get(`${serve.url}/sw.js`);
    expect(sw.status()).toBe(200);
    expect(sw.headers()['content-type']).toMatch(/javascript/);
    // The host's CSP allows it: workers and the manifest fall under 'self'.
    expect(sw.headers()['content-security-policy']).toContain("default-src 'self'");

    await page.goto(`${serve.url}/#/dashboard`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${serve.url}/`);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // The shell is cached; the API never is.
    const cached = await page.evaluate(async () => {
      const keys: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) keys.push(new URL(req.url).pathname);
      return keys;
    });
    expect(cached).toEqual(expect.arrayContaining(['/', '/manifest.webmanifest']));
    expect(cached.some((p) => p.startsWith('/assets/') && p.endsWith('.js'))).toBe(true);
    expect(cached.some((p) => p.startsWith('/api/'))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('starts offline from the cached shell', async () => {
    const context = page.context();
    await context.setOffline(true);
    try {
      await page.reload();
      await page.locator('#root').locator('*').first().waitFor();
      expect(await page.title()).toBe('WARD FLUX');
    } finally {
      await context.setOffline(false);
    }
  });
});
