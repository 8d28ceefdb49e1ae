import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ServeProcess, startServeProcess } from '../../test/support/serve-process.ts';

/** Debian's Chromium; Playwright never downloads a browser of its own here. */
export const CHROMIUM = process.env.WARD_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Launches headless Chromium with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run "sudo bash scripts/install-system-deps.sh" (Debian package chromium).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Records console errors and uncaught page errors; a test asserts the list stays empty. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Saves a full-page screenshot as a test artifact under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A real headless host on a data dir and a Chromium page on it that records console and page errors. */
export interface UiSession {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  errors: string[];
}

/**
 * Opens the sign-in URL that `serve` printed, as a user pastes it into the address bar: the page
 * exchanges its login secret for a session cookie and drops it from the address bar.
 */
export async function signInWithPrintedUrl(page: Page, serve: ServeProcess): Promise<void> {
  await page.goto(serve.signInUrl);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  expect(page.url()).not.toContain('token=');
}

/** Starts `wardflux serve` on `dataDir` (with `env` added to its environment), opens a page and signs in with the printed URL. */
export async function openUi(dataDir: string, opts: { viewport: { width: number; height: number }; acceptDownloads?: boolean; env?: NodeJS.ProcessEnv }): Promise<UiSession> {
  const serve = await startServeProcess(dataDir, [], 20_000, opts.env ?? {});
  try {
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: opts.viewport, acceptDownloads: opts.acceptDownloads ?? false });
    const errors = watchPageErrors(page);
    await signInWithPrintedUrl(page, serve);
    return { serve, browser, page, errors };
  } catch (err) {
    await serve.stop();
    throw err;
  }
}

/** Closes the browser and stops the host, which must exit cleanly (code 0). Either may be missing after a failed start. */
export async function closeUi(ui: { serve?: ServeProcess | undefined; browser?: Browser | undefined }): Promise<void> {
  await ui.browser?.close();
  if (ui.serve) expect(await ui.serve.stop()).toBe(0);
}
