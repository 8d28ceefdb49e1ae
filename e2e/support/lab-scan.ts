import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser.ts';

/**
 * Safety: the only way an e2e test starts a discovery scan. It puts the lab's /24 in the form,
 * clears exclusions, unticks a large-scan confirmation an earlier (failed) step may have left,
 * and checks the count and the lab prefix before the caller may click Start. (A draft test once
 * clicked Start on a target left over from a failed step; main/lib/network-guard.ts refuses such
 * probes too, but the test must not even try.)
 */
export async function fillLabScan(form: Locator, labPrefix: string): Promise<void> {
  expect(labPrefix).toMatch(/^198\.1[89]\.\d+\.0\/24$/);
  await form.getByLabel('Targets').fill(labPrefix);
  await form.getByLabel('Exclusions').fill('');
  const confirm = form.getByRole('checkbox', { name: /Confirm a large scan/ });
  if ((await confirm.count()) > 0) await confirm.uncheck();
  await form.getByText('254 addresses', { exact: false }).waitFor();
  expect(await form.getByLabel('Targets').inputValue()).toBe(labPrefix);
  await expect.poll(() => confirm.count()).toBe(0);
}

/** Screenshots of the page in the light and the dark theme, then back to light. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
