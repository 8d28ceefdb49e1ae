import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../main/engine.ts';
import { ENGINE_DEVICE_ID } from '../main/devices/engine-device.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { manualClock } from '../test/support/manual-clock.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';

/**
 * The engine device WARD FLUX in Chromium against a real headless host. An hour of its history is
 * made by the self poller itself: real windows (API calls made against the engine, its outbox,
 * store, event loop and memory), one a minute on a clock moved a minute between them; then the
 * host runs with the self poller on (WARD_SELF_METRICS=on) and keeps writing.
 */
async function seed(dataDir: string): Promise<void> {
  const clock = manualClock(Date.now() - 3600_000);
  const engine = await createEngine({ dataDir, clock, pollers: false, selfMetrics: { poller: true, intervalMs: 3_600_000 } });
  try {
    await engine.start();
    const made = await engine.api.call('devices.create', { name: 'core-sw', address: '198.18.0.10' });
    if (!made.ok) throw new Error(made.error.message);
    for (let minute = 0; minute < 60; minute++) {
      for (let i = 0; i < 5 + (minute % 7) * 3; i++) await engine.api.call('devices.list', {});
      await engine.api.call('metrics.series', { deviceId: made.data.id });
      await engine.api.call('devices.get', { id: ENGINE_DEVICE_ID });
      if (minute % 10 === 0) engine.areas.outbox.enqueue('e2e.waiting', `k${minute}`, {}); // a topic nobody delivers: it waits
      clock.advance(60_000);
      engine.areas.selfMetrics.tick();
      engine.areas.metrics.writer.flush();
    }
  } finally {
    await engine.stop();
  }
}

describe('The engine device WARD FLUX', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    await seed(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 2300 }, env: { WARD_SELF_METRICS: 'on' } }));
  });
  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('is listed with the devices, and its page graphs the engine with units; no Diagnose for it', async () => {
    await page.goto(`${serve.url}/#/devices`);
    await page.getByRole('link', { name: 'WARD FLUX', exact: true }).first().click();
    await page.getByRole('heading', { name: 'WARD FLUX', level: 2 }).waitFor();
    expect(page.url()).toContain(`#/devices/${ENGINE_DEVICE_ID}`);
    for (const title of ['API calls (calls/s)', 'API call time by procedure (ms, mean)', 'Outbox waiting (entries)', 'Database (ms)', 'Event-loop delay (ms)', 'Memory (RSS, MB)']) {
      // Each graph has lines, summarised under it (min, avg, max, 95th per line).
      await page.getByRole('table', { name: `${title} summary` }).getByRole('row').nth(1).waitFor();
    }
    const procedures = page.getByRole('region', { name: 'API call time by procedure (ms, mean)' });
    await procedures.getByText('devices.list').first().waitFor();
    expect(await page.getByRole('link', { name: 'Diagnose' }).count()).toBe(0);
    await page.getByText('wardflux.internal').first().waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `engine-device-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });
});
