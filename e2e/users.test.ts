import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCliInProcess } from '../test/support/run-cli.ts';
import { type ServeProcess, startServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { launchBrowser, screenshot, signInWithPrintedUrl, watchPageErrors } from './support/browser.ts';

/**
 * Users in Chromium against a real `wardflux serve` (sessions end after 3 s unused): a
 * technician signs in with a password, is locked out after five wrong ones and let in after the
 * wait, sees what the role may not do and why, signs out, and is sent back to the sign-in screen
 * once the session expires. The printed link still signs in the built-in admin.
 */

/** Refused sign-ins (401, 429) are expected here; Chromium logs each. */
const unexpected = (errors: string[]): string[] => errors.filter((e) => !/^console: Failed to load resource: the server responded with a status of (401|429)/.test(e));

describe('users and roles in the browser', () => {
  const data = tempDir();
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const added = await runCliInProcess(['--data-dir', data.dir, 'users', 'add', 'tech', '--role', 'technician', '--password-stdin'], { input: 'tech password 123\n' });
    expect(added.code).toBe(0);
    const viewer = await runCliInProcess(['--data-dir', data.dir, 'users', 'add', 'view', '--role', 'viewer', '--password-stdin'], { input: 'view password 123\n' });
    expect(viewer.code).toBe(0);
    serve = await startServeProcess(data.dir, ['--session-idle', '0.05']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = watchPageErrors(page);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    expect(await serve?.stop()).toBe(0);
    data.cleanup();
  });

  const form = () => page.getByRole('form', { name: 'Sign in to this engine' });
  async function signIn(user: string, password: string): Promise<void> {
    await form().getByLabel('User name').fill(user);
    await form().getByLabel('Password').fill(password);
    await form().getByRole('button', { name: 'Sign in' }).click();
  }

  it('signs in with a password, locks out after repeated failures, adapts to the role, signs out and expires', { timeout: 90_000 }, async () => {
    await page.goto(serve.url);
    await form().waitFor();
    for (let i = 0; i < 5; i += 1) {
      await signIn('tech', `wrong password ${i}`);
      await form().getByText('Wrong user name or password.').waitFor();
    }
    await signIn('tech', 'tech password 123');
    await form().getByText(/Too many failed sign-ins: try again in \d+ s/).waitFor();
    await screenshot(page, 'users-locked-out');
    // After the wait the right password lets the user in.
    await expect
      .poll(
        async () => {
          if (await page.getByRole('navigation', { name: 'Main' }).count()) return true;
          await form().getByRole('button', { name: 'Sign in' }).click();
          return false;
        },
        { timeout: 15_000, interval: 1500 },
      )
      .toBe(true);
    await page.getByTestId('signed-in-user').getByText('tech · technician').waitFor();

    // What a technician may not do is disabled or replaced by the reason.
    await page.goto(`${serve.url}/#/devices`);
    const add = page.getByRole('button', { name: 'Add device' }).first();
    await expect.poll(() => add.isDisabled()).toBe(true);
    expect(await add.getAttribute('title')).toBe('Needs the manager role; you are signed in as tech (technician).');
    await page.goto(`${serve.url}/#/settings/credentials`);
    await page.getByText('Needs the admin role; you are signed in as tech (technician).').first().waitFor();
    expect(await page.getByRole('table', { name: 'Audit log' }).count()).toBe(0);
    await screenshot(page, 'users-technician-settings');

    // Sign out: back to the sign-in screen.
    await page.getByRole('complementary').getByRole('button', { name: 'Sign out' }).click();
    await form().waitFor();

    // Signed in again and left alone past the idle time: the host ends the session and the page asks again.
    await signIn('tech', 'tech password 123');
    await page.getByTestId('signed-in-user').waitFor();
    await form().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);

    // The printed link still signs in the built-in admin, who sees the audit log with the refusal-free history.
    await page.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const adminErrors = watchPageErrors(page);
    await signInWithPrintedUrl(page, serve);
    await page.getByTestId('signed-in-user').getByText('admin · admin').waitFor();
    await page.goto(`${serve.url}/#/settings/audit`);
    const audit = page.getByRole('table', { name: 'Audit log' });
    await audit.waitFor();
    await audit.getByText('session.signIn').first().waitFor();
    expect(await audit.getByRole('row').filter({ hasText: 'locked' }).count()).toBeGreaterThan(0);
    expect(await audit.textContent()).not.toContain('tech password');
    await screenshot(page, 'users-audit');
    expect(unexpected(errors)).toEqual([]);
    expect(adminErrors).toEqual([]);
  });

  it('disables what the role may not do and says why: a viewer cannot start a discovery, a technician can', { timeout: 60_000 }, async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = watchPageErrors(page);
    const start = () => page.getByRole('form', { name: 'New scan' }).getByRole('button', { name: 'Start scan' });
    async function typeTargets(): Promise<void> {
      await page.getByRole('form', { name: 'New scan' }).getByLabel('Targets').fill('127.0.0.1');
    }

    await page.goto(`${serve.url}/#/discovery`);
    await signIn('view', 'view password 123');
    await page.getByTestId('signed-in-user').getByText('view · viewer').waitFor();
    await typeTargets();
    const why = 'You cannot start a discovery. Needs the technician role; you are signed in as view (viewer).';
    await page.getByText(why).waitFor();
    expect(await start().isDisabled()).toBe(true);
    expect(await start().getAttribute('aria-describedby')).toBe('start-blocked');
    await screenshot(page, 'users-viewer-discovery');
    await page.getByRole('complementary').getByRole('button', { name: 'Sign out' }).click();
    await form().waitFor();

    await signIn('tech', 'tech password 123');
    await page.getByTestId('signed-in-user').getByText('tech · technician').waitFor();
    await page.goto(`${serve.url}/#/discovery`);
    await typeTargets();
    await expect.poll(() => start().isEnabled()).toBe(true);
    expect(await page.getByText(why).count()).toBe(0);
    await start().click();
    await page.getByRole('heading', { name: /Scan of 127\.0\.0\.1/ }).waitFor();
    expect(unexpected(pageErrors)).toEqual([]);
  });
});
