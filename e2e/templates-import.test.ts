import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../main/api/dispatcher.ts';
import { createEngine } from '../main/engine.ts';
import { type FakeAgent, startFakeAgent } from '../main/snmp/testing/fake-agent.ts';
import { loadSnmpwalkFile } from '../main/snmp/testing/snmpwalk-text.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';

/**
 * Settings > Templates: a Zabbix export imported from a file shows its report (what was mapped,
 * and each item and trigger that was not, with the reason); "Test" polls the imported template
 * once against a device (the fake agent on 127.0.0.1 serving a captured Net-SNMP walk) and shows
 * each value with its unit, or why it has none.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

describe('Zabbix template import and the template test in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let agent: FakeAgent;
  const data = tempDir();

  beforeAll(async () => {
    agent = await startFakeAgent(loadSnmpwalkFile(path.join(ROOT, 'test/fixtures/snmp/net-snmp-5.9.3-linux.walk')), 'public');
    const engine = await createEngine({ dataDir: data.dir });
    try {
      await unwrap(engine.api.call('credentials.create', { name: 'lab public', version: '2c', community: 'public' }));
    } finally {
      await engine.stop();
    }
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 900 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    await agent?.close();
    data.cleanup();
  });

  it('imports a Zabbix export and shows what was not mapped, then tests the template against a device', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const templates = page.getByRole('table', { name: 'Monitoring templates' });
    await templates.waitFor();
    await page.getByRole('button', { name: 'Import Zabbix template' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import Zabbix template' });
    await dialog.getByLabel('Zabbix export file').setInputFiles(path.join(ROOT, 'test/fixtures/zabbix-templates/site-linux-router.7.0.yaml'));
    const report = dialog.getByLabel('Import report');
    await report.getByText('Imported “Site Linux router by SNMP”: 3 items, 1 tables (2 columns), 4 alert rules.').waitFor();
    const notMapped = report.getByRole('table', { name: 'Not mapped' });
    // "No processes reported" (last()=0) is mapped as a rule on states: two left, with the header row.
    await expect.poll(() => notMapped.getByRole('row').count()).toBe(3);
    await notMapped.getByRole('row', { name: /Memory in use.*preprocessing JAVASCRIPT cannot be mapped/ }).waitFor();
    await notMapped.getByRole('row', { name: /Interfaces: Interface .*Errors.*SNMP walk value/ }).waitFor();
    await screenshot(page, 'templates-zabbix-import-report');
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    await templates.getByRole('row', { name: /Site Linux router by SNMP/ }).waitFor();
    await page.getByRole('button', { name: 'Test Site Linux router by SNMP against a device' }).click();
    const test = page.getByRole('dialog', { name: 'Test Site Linux router by SNMP against a device' });
    await test.getByLabel('Address').fill(`127.0.0.1:${agent.port}`);
    await test.getByLabel('Credential').selectOption({ label: 'lab public' });
    await test.getByRole('button', { name: 'Test against a device' }).click();
    const values = test.getByRole('table', { name: 'Test values' });
    await values.waitFor({ timeout: 20_000 });
    await values.getByRole('row', { name: /Free memory.*22,774,505,472 B/ }).waitFor();
    await values.getByRole('row', { name: /Not on this agent.*no such object/ }).waitFor();
    await values.getByRole('row', { name: /Operational status\s+eth0\s+1 \(up\)/ }).waitFor();
    await test.getByText(/\d+ of \d+ values read in \d+ ms\./).waitFor();
    await screenshot(page, 'templates-test-against-device');
    expect(errors).toEqual([]);
  }, 90_000);
});
