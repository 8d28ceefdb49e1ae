import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { parseIsoDate } from './report-command.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** In process, through runCli(argv, io). */
function wardflux(dir: string, ...args: string[]) {
  return runCliInProcess(['--data-dir', dir, ...args]);
}

describe('wardflux report', () => {
  beforeEach(() => {
    vi.stubEnv('WARD_ENCRYPTION_KEY', '');
    vi.stubEnv('WARD_POLLERS', 'off');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('parses ISO dates and refuses anything else', () => {
    expect(parseIsoDate('--from', '2025-03-01')).toBe(Date.UTC(2025, 2, 1));
    expect(parseIsoDate('--from', '2025-03-01T08:30Z')).toBe(Date.UTC(2025, 2, 1, 8, 30));
    expect(() => parseIsoDate('--from', 'yesterday')).toThrow(/not an ISO 8601 date/);
    expect(() => parseIsoDate('--to', '2025-02-30T25:00Z')).toThrow(/not a valid date/);
  });

  it('writes CSV to stdout, HTML and PDF to files; clear errors for bad kind, format and dates', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = t.dir;
    expect((await wardflux(dir, 'devices', 'add', 'core-1', '198.18.0.1', '-t', 'core')).code).toBe(0);
    expect((await wardflux(dir, 'devices', 'add', 'edge-2', '198.18.0.2')).code).toBe(0);

    const csv = await wardflux(dir, 'report', 'inventory', '--from', '2025-03-01', '--to', '2025-03-08', '--format', 'csv', '-o', '-', '--tag', 'core');
    expect(csv.code).toBe(0);
    expect(csv.out.trim().split('\n')).toEqual(['Name,Address,Type,Vendor,Model,Serial,Firmware,HW rev,OS,MAC,Location,Ports,Up,Found by,Status', 'core-1,198.18.0.1,Unknown,,,,,,,,,,,added by hand,Unknown']);

    const html = path.join(dir, 'inv.html');
    const h = await wardflux(dir, 'report', 'inventory', '--from', '2025-03-01T00:00Z', '--to', '2025-03-08T00:00Z', '-o', html);
    expect(h.code).toBe(0);
    expect(h.err).toMatch(/Wrote site inventory report \(html, \d+ bytes\)/);
    expect(fs.readFileSync(html, 'utf8')).toContain('edge-2');

    const pdf = path.join(dir, 'availability.pdf');
    expect((await wardflux(dir, 'report', 'availability', '--from', '2025-03-01', '--to', '2025-03-08', '-o', pdf)).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const json = await wardflux(dir, 'report', 'alerts', '--from', '2025-03-01', '--to', '2025-03-08', '-f', 'json', '-o', '-');
    expect(JSON.parse(json.out)).toMatchObject({ report: { kind: 'alerts' }, data: { fired: 0 } });

    expect(await wardflux(dir, 'report', 'uptime', '-o', '-')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown report kind "uptime"') });
    expect(await wardflux(dir, 'report', 'inventory', '-f', 'docx', '-o', '-')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown format "docx"') });
    expect(await wardflux(dir, 'report', 'inventory', '--from', 'last week', '-o', '-')).toMatchObject({ code: 2, err: expect.stringContaining('not an ISO 8601 date') });
    expect(await wardflux(dir, 'report', 'inventory', '--from', '2025-03-08', '--to', '2025-03-01', '-o', '-')).toMatchObject({ code: 2, err: expect.stringContaining('after its start') });
    expect(await wardflux(dir, 'report', 'inventory', '-f', 'pdf', '-o', '-')).toMatchObject({ code: 2, err: expect.stringContaining('PDF is binary') });
    expect(await wardflux(dir, 'report', 'inventory', '--site', 'Nowhere', '-o', '-')).toMatchObject({ code: 3, err: expect.stringContaining('No site named "Nowhere"') });
  });

  it('says which data directory it reads (also from $WARD_DATA_DIR) and warns when it holds no devices', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const empty = path.join(t.dir, 'empty');
    vi.stubEnv('WARD_DATA_DIR', empty);
    const none = await runCliInProcess(['report', 'inventory', '-f', 'csv', '-o', '-']);
    expect(none.code).toBe(0);
    expect(none.err).toContain(`Using data directory ${empty}\n`);
    expect(none.err).toContain(`Warning: ${empty} holds no devices: is this the data directory you meant? (--data-dir)`);

    const full = path.join(t.dir, 'full');
    expect((await wardflux(full, 'devices', 'add', 'core-1', '198.18.0.1')).code).toBe(0);
    const some = await wardflux(full, 'report', 'inventory', '-f', 'csv', '-o', '-');
    expect(some.code).toBe(0);
    expect(some.err).toContain(`Using data directory ${full}\n`);
    expect(some.err).not.toContain('holds no devices');
    expect(some.out).toContain('core-1');
  });
});
