import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { type FakeAgent, startFakeAgent } from '../snmp/testing/fake-agent.ts';
import { loadSnmpwalkFile } from '../snmp/testing/snmpwalk-text.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/zabbix-templates');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
const wardflux = (dir: string, ...args: string[]) => runCliInProcess(['--data-dir', dir, ...args]);

describe('wardflux templates', () => {
  let agent: FakeAgent;
  beforeAll(async () => {
    agent = await startFakeAgent(loadSnmpwalkFile(path.join(ROOT, 'test/fixtures/snmp/net-snmp-5.9.3-linux.walk')), 'public');
  });
  afterAll(() => agent.close());
  beforeEach(() => {
    vi.stubEnv('WARD_ENCRYPTION_KEY', '');
    vi.stubEnv('WARD_POLLERS', 'off');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('imports a Zabbix export, prints what was and was not mapped, lists it, and refuses a second import of the same name', async () => {
    const dir = dataDir();
    const file = path.join(FIXTURES, 'linux-snmp.8.0.yaml');
    const r = await wardflux(dir, 'templates', 'import', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Zabbix 8.0 export (YAML), 1 template(s)');
    expect(r.out).toContain('Imported "Linux by SNMP" as zbx-linux-by-snmp ("Linux by SNMP"): 14 items, 0 tables (0 columns), 0 alert rules');
    expect(r.out).toMatch(/item\s+system\.hw\.uptime\[hrSystemUptime\.0\]\s+system_hw_uptime\s+s\s+Uptime \(hardware\)/);
    expect(r.out).toContain('Not mapped (15):');
    expect(r.out).toMatch(/item\s+Average CPU utilization\s+calculated item/);
    expect(r.out).toMatch(/trigger\s+Linux: System name has changed\s+a complex expression/);

    const list = await wardflux(dir, 'templates', 'list', '--json');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.out) as { id: string; builtIn: boolean; itemCount: number }[];
    expect(rows.find((t) => t.id === 'zbx-linux-by-snmp')).toMatchObject({ builtIn: false, itemCount: 14 });
    expect(rows.filter((t) => t.builtIn).length).toBeGreaterThanOrEqual(5);
    const table = await wardflux(dir, 'templates', 'list');
    expect(table.out).toMatch(/zbx-linux-by-snmp\s+Linux by SNMP\s+14\s+0\s+0\s+no\s+0/);

    const again = await wardflux(dir, 'templates', 'import', file);
    expect(again.code).toBe(2);
    expect(again.out).toContain('NOT imported "Linux by SNMP"');
    expect(again.err).toMatch(/already exists/);
  });

  it('--json gives the report; --dry-run stores nothing; XML reads like YAML; a file that is no export is refused', async () => {
    const dir = dataDir();
    const dry = await wardflux(dir, 'templates', 'import', path.join(FIXTURES, 'huawei-vrp-snmp.6.0.xml'), '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.out);
    expect(report).toMatchObject({ format: 'xml', zabbixVersion: '6.0', templates: [{ stored: false, counts: { items: 3, tables: 2, columns: 2, alerts: 0, notMapped: 1 } }] });
    const list = JSON.parse((await wardflux(dir, 'templates', 'list', '--json')).out) as { id: string }[];
    expect(list.some((t) => t.id.startsWith('zbx-'))).toBe(false);
    const bad = await wardflux(dir, 'templates', 'import', path.join(ROOT, 'package.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not a Zabbix export/);
    const missing = await wardflux(dir, 'templates', 'import', path.join(FIXTURES, 'nope.yaml'));
    expect(missing.code).toBe(3);
  });

  it('polls an imported template once against a device: values with units, and why the others have none', async () => {
    const dir = dataDir();
    expect((await wardflux(dir, 'templates', 'import', path.join(FIXTURES, 'site-linux-router.7.0.yaml'))).code).toBe(0);
    const r = await wardflux(dir, 'templates', 'poll', 'Site Linux router by SNMP', `127.0.0.1:${agent.port}`, '-c', 'public', '--rate-wait', '0', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { status: string; values: { key: string; row?: string; value: number | null; unit?: string; reason?: string }[] };
    expect(result.status).toBe('ok');
    expect(result.values.find((v) => v.key === 'vm_memory_free')).toMatchObject({ value: 22240728 * 1024, unit: 'B' });
    expect(result.values.find((v) => v.key === 'missing_object')).toMatchObject({ value: null, reason: 'no such object (noSuchObject)' });
    expect(result.values.find((v) => v.key === 'net_if_status' && v.row === 'lo')).toMatchObject({ value: 1 });

    const text = await wardflux(dir, 'templates', 'poll', 'zbx-site-linux-router-by-snmp', `127.0.0.1:${agent.port}`, '-c', 'public', '--rate-wait', '0');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/vm_memory_free\s+22774505472 B\s+Free memory/);
    expect(text.out).toMatch(/missing_object\s+-\s+no such object \(noSuchObject\)/);
    expect(text.err).toMatch(/^ok: \d+ of \d+ values in \d+ ms/);

    const wrong = await wardflux(dir, 'templates', 'poll', 'zbx-site-linux-router-by-snmp', `127.0.0.1:${agent.port}`, '-c', 'not-the-community', '--json');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/did not answer SNMP/);
    const unknown = await wardflux(dir, 'templates', 'poll', 'no-such-template', '127.0.0.1', '-c', 'public');
    expect(unknown.code).toBe(3);
  }, 30_000);
});
