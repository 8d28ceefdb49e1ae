import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/support/run-cli.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, SCREENSHOT_DIR, signInWithPrintedUrl, watchPageErrors } from './support/browser.ts';
import { screenshotBothThemes } from './support/lab-scan.ts';

/**
 * API tokens and sign-in against a real headless host (loopback only): a token created in
 * Settings is shown once and works as a bearer token until it is revoked in the UI; sign-out
 * shows the sign-in screen, which takes a pasted token or a whole pasted sign-in link and shows
 * the host's refusal of a wrong one.
 */

/** A region of the page in the light and the dark theme (a whole Settings page is too long to read). */
async function regionBothThemes(page: Page, region: Locator, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await region.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Chromium logs every refused request: a refused sign-in (POST /api/v1/session, 401) is expected here, nothing else. */
const unexpected = (errors: string[]): string[] => errors.filter((e) => !/^console: Failed to load resource: the server responded with a status of 401/.test(e));

describe('API tokens and sign-in in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  /** Made with `wardflux token create` on the data dir before the host starts, as an admin does. */
  let cliToken: string;
  const data = tempDir();

  const devicesWith = (token: string): Promise<Response> => fetch(`${serve.url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } });
  const tokensRegion = (p: Page): Locator => p.getByRole('region', { name: 'API tokens' });
  const tokenRow = (p: Page, name: string): Locator => tokensRegion(p).getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ has: p.getByRole('cell', { name, exact: true }) });

  beforeAll(async () => {
    const made = await runCli(['--data-dir', data.dir, 'token', 'create', '--name', 'cli-made'], process.env);
    expect(made.code, made.stderr).toBe(0);
    cliToken = made.stdout.trim();
    expect(cliToken).toMatch(/^wf_\S{20,}$/);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 860 } }));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.url });
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('creates a token whose value is shown once and works as a bearer token until it is revoked in the UI', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const section = tokensRegion(page);
    await tokenRow(page, 'cli-made').waitFor();
    expect(await tokenRow(page, 'cli-made').getByRole('cell').nth(2).textContent()).toBe('never');

    // The engine's messages, next to the name.
    const form = section.getByRole('form', { name: 'Create token' });
    await form.getByRole('button', { name: 'Create token' }).click();
    await form.getByText('Give the token a name').waitFor();
    expect(await form.getByLabel('Token name').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Token name').fill('cli-made');
    await form.getByRole('button', { name: 'Create token' }).click();
    await form.getByText('A token named "cli-made" exists already', { exact: false }).waitFor();

    await form.getByLabel('Token name').fill('e2e-script');
    await form.getByRole('button', { name: 'Create token' }).click();
    const once = section.getByRole('region', { name: 'New API token' });
    await once.getByText('Copy it now: it is not shown again.').waitFor();
    const value = await once.getByLabel('Value of e2e-script').inputValue();
    expect(value).toMatch(/^wf_\S{20,}$/);
    expect(value).not.toBe(cliToken);
    expect(await form.getByLabel('Token name').inputValue()).toBe('');
    await tokenRow(page, 'e2e-script').waitFor();

    await once.getByRole('button', { name: 'Copy' }).click();
    await once.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
    await regionBothThemes(page, section, 'settings-tokens-created');

    const ok = await devicesWith(value);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);

    // Dismissed, the value is gone from the page, and it does not come back with the section.
    await once.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => once.count()).toBe(0);
    expect(await page.content()).not.toContain(value);
    await page.goto(`${serve.url}/#/devices`);
    await page.goto(`${serve.url}/#/settings`);
    await tokenRow(page, 'e2e-script').waitFor();
    expect(await section.getByRole('region', { name: 'New API token' }).count()).toBe(0);
    expect(await page.content()).not.toContain(value);
    // Used a moment ago by the fetch above: relative, with the exact time as its tooltip.
    const lastUsed = tokenRow(page, 'e2e-script').locator('time').nth(1);
    expect(await lastUsed.textContent()).toBe('just now');
    expect(await lastUsed.getAttribute('title')).toMatch(/\d{1,2}:\d{2}/);

    await tokenRow(page, 'e2e-script').getByRole('button', { name: 'Revoke e2e-script' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke token?' });
    await dialog.getByText('Scripts and browsers signed in with it stop working at once.').waitFor();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => tokenRow(page, 'e2e-script').count()).toBe(0);
    await tokenRow(page, 'cli-made').waitFor();
    expect((await devicesWith(value)).status).toBe(401);
    expect(errors).toEqual([]);
  });

  it('signs out to the sign-in screen, which refuses a wrong token in the host’s words and takes a token or a whole sign-in link', async () => {
    await page.goto(`${serve.url}/#/dashboard`);
    await regionBothThemes(page, page.getByRole('complementary'), 'nav-sign-out');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    const signIn = page.getByRole('form', { name: 'Sign in to this engine' });
    await signIn.getByText('Open the sign-in link that wardflux serve printed in its terminal', { exact: false }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

    const field = signIn.getByLabel('Sign-in link or access token');
    await field.fill('wf_not-a-real-token');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.getByText('That sign-in link or token is not valid', { exact: false }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    // The token made on the command line; its use shows in the list.
    await field.fill(`  ${cliToken}  `);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${serve.url}/#/settings`);
    await expect.poll(() => tokenRow(page, 'cli-made').locator('time').count()).toBe(2);
    expect(await tokenRow(page, 'cli-made').locator('time').nth(1).textContent()).toBe('just now');

    // Signed out again, the whole printed link pasted into the field signs in too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await signIn.waitFor();
    await field.fill(serve.signInUrl);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows the refusal of a wrong #token= link on the sign-in screen, phone width, both themes', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const phoneErrors = watchPageErrors(phone);
    try {
      await phone.goto(`${serve.url}/#token=not-the-login-secret`);
      const signIn = phone.getByRole('form', { name: 'Sign in to this engine' });
      await signIn.getByText('That sign-in link or token is not valid', { exact: false }).waitFor();
      expect(phone.url()).not.toContain('not-the-login-secret');
      expect(await phone.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
      await screenshotBothThemes(phone, 'sign-in-refused-phone');
      expect(unexpected(phoneErrors)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('lays out the tokens section at phone width, with a value shown once, in both themes', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const phoneErrors = watchPageErrors(phone);
    try {
      await signInWithPrintedUrl(phone, serve);
      await phone.goto(`${serve.url}/#/settings`);
      const section = tokensRegion(phone);
      await tokenRow(phone, 'cli-made').waitFor();
      await section.getByLabel('Token name').fill('phone-browser-with-a-long-name');
      await section.getByRole('button', { name: 'Create token' }).click();
      await section.getByRole('region', { name: 'New API token' }).waitFor();
      await section.scrollIntoViewIfNeeded();
      await regionBothThemes(phone, section, 'settings-tokens-phone');
      await section.getByRole('button', { name: 'Done' }).click();
      await tokenRow(phone, 'phone-browser-with-a-long-name').getByRole('button', { name: 'Revoke phone-browser-with-a-long-name' }).click();
      await phone.getByRole('dialog', { name: 'Revoke token?' }).waitFor();
      await screenshotBothThemes(phone, 'settings-tokens-revoke-phone');
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
