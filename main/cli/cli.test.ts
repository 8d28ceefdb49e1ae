/**
 * The `wardflux` command line. The cases run in this process through runCli(argv, io); the
 * process-level tests at the end are only for what needs the real binary: its exit code, a
 * signal, another user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { type ServeProcess, startServeProcess, WARDFLUX_BIN } from '../../test/support/serve-process.ts';
import { tempDir } from '../../test/support/temp-dir.ts';

const BIN = WARDFLUX_BIN;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function wardflux(dir: string, ...args: string[]) {
  const r = await runCliInProcess(['--data-dir', dir, ...args]);
  return { code: r.code, out: r.out, err: r.err };
}

describe('wardflux CLI', () => {
  beforeEach(() => vi.stubEnv('WARD_ENCRYPTION_KEY', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('adds, lists (table and JSON) and removes devices', async () => {
    const dir = dataDir();
    const added = await wardflux(dir, 'devices', 'add', 'core-1', '198.18.0.1', '-t', 'core', '-t', 'site:hq', '--notes', 'rack A');
    expect(added).toMatchObject({ code: 0, out: expect.stringMatching(/^Added core-1 \(198\.18\.0\.1\), id [0-9a-f-]{36}\n$/) });
    const table = await wardflux(dir, 'devices', 'list');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^NAME\s+ADDRESS\s+ENABLED\s+TAGS\s+ID$/);
    expect(table.out).toMatch(/core-1\s+198\.18\.0\.1\s+yes\s+core,site:hq/);
    const json = JSON.parse((await wardflux(dir, '--json', 'devices', 'list')).out) as { name: string; notes: string }[];
    expect(json).toEqual([expect.objectContaining({ name: 'core-1', notes: 'rack A' })]);
    expect(await wardflux(dir, 'devices', 'remove', 'CORE-1')).toMatchObject({ code: 0, out: 'Removed core-1 (198.18.0.1)\n' });
    expect(await wardflux(dir, 'devices', 'list')).toMatchObject({ code: 0, out: '', err: expect.stringContaining('No devices yet') });
  });

  it('gives one-line errors and non-zero exit codes on bad input', async () => {
    const dir = dataDir();
    expect(await wardflux(dir, 'devices', 'add', '', '198.18.0.400')).toMatchObject({
      code: 2,
      out: '',
      err: 'wardflux: Invalid input for devices.create: name: Name is required; address: "198.18.0.400" is not a valid IPv4 address (four numbers 0-255 separated by dots)\n',
    });
    await wardflux(dir, 'devices', 'add', 'a', '198.18.0.1');
    expect(await wardflux(dir, 'devices', 'add', 'a', '198.18.0.2')).toMatchObject({ code: 2, err: 'wardflux: A device named "a" already exists.\n' });
    expect(await wardflux(dir, 'devices', 'add', 'b', '198.18.0.3', '-c', 'nope')).toMatchObject({ code: 3, err: expect.stringContaining('No SNMP credential named') });
    expect(await wardflux(dir, 'devices', 'remove', 'ghost')).toMatchObject({ code: 3, err: expect.stringContaining('No device named or with id "ghost"') });
    expect(await wardflux(dir, 'devices', 'frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'frobnicate'") });
    expect(await wardflux(dir, 'serve', '--port', '99999')).toMatchObject({ code: 2, err: expect.stringContaining('must be a port number') });
    expect(await wardflux(dir, '--version')).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('reports a damaged database in one line, without a stack trace', async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, 'wardflux.db'), 'this is not sqlite, just text that is long enough '.repeat(100));
    const r = await wardflux(dir, 'devices', 'list');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^wardflux: The database file .* is damaged or is not a WARD FLUX database\. Move it aside/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('creates API tokens that only exist as hashes in the database', async () => {
    const dir = dataDir();
    const r = await wardflux(dir, 'token', 'create', '--name', 'ci');
    expect(r.code).toBe(0);
    const token = r.out.trim();
    expect(token).toMatch(/^wf_[A-Za-z0-9_-]{43}$/);
    expect(fs.readFileSync(path.join(dir, 'wardflux.db')).includes(token)).toBe(false);
  });

  it('the real binary exits with the code runCli returns', { timeout: 60_000 }, () => {
    const dir = dataDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, '--data-dir', dir, ...args], { encoding: 'utf8', env: { ...process.env, WARD_ENCRYPTION_KEY: '' } });
    expect(run('devices', 'frobnicate')).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    expect(run('devices', 'remove', 'ghost')).toMatchObject({ status: 3, stderr: expect.stringContaining('No device named or with id "ghost"') });
  });

  it.runIf(process.getuid?.() === 0)('as an unprivileged user, names a data dir it cannot write', { timeout: 60_000 }, () => {
    const dir = dataDir();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.dirname(dir), fs.statSync(path.dirname(dir)).mode | 0o001);
    // setpriv drops to "nobody"; the node binary and the checkout must be readable by it.
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, '--data-dir', dir, 'devices', 'list'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' },
    });
    expect(r.stderr).toContain(`wardflux: The data directory ${dir} is not writable by this user`);
    expect(r.status).toBe(1);
  });
});

describe('wardflux serve', { timeout: 60_000 }, () => {
  let serve: ServeProcess | undefined;
  afterEach(() => serve?.child.kill('SIGKILL'));

  it('answers health, then shuts down cleanly on SIGTERM with exit code 0', async () => {
    const dir = dataDir();
    serve = await startServeProcess(dir);
    const health = (await (await fetch(`${serve.url}/api/v1/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toContain('WARD FLUX stopped.');
    // The database was closed cleanly: WAL checkpointed and removed.
    expect(fs.existsSync(path.join(dir, 'wardflux.db-wal'))).toBe(false);
    expect(execFileSync(process.execPath, [BIN, '--data-dir', dir, 'devices', 'list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
  });
});
