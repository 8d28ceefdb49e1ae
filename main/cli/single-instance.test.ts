/**
 * One host per data directory: a second `wardflux serve` (or a command that runs jobs) on a data
 * dir a host is using exits 1 naming the host's PID; read-only commands work beside it; once the
 * host is gone (stopped, or SIGKILLed: the kernel drops its lock) a new one starts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { type ServeProcess, startServeProcess } from '../../test/support/serve-process.ts';
import { tempDir } from '../../test/support/temp-dir.ts';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The second command runs in this process (runCli(argv, io)); the hosts it meets are real processes. */
function wardflux(dir: string, ...args: string[]) {
  return runCliInProcess(['--data-dir', dir, ...args]);
}

async function serveOn(dir: string): Promise<ServeProcess> {
  const serve = await startServeProcess(dir);
  cleanups.push(() => serve.stop());
  return serve;
}

describe('one engine per data directory', { timeout: 60_000 }, () => {
  beforeEach(() => vi.stubEnv('WARD_ENCRYPTION_KEY', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('refuses a second serve and a scan beside a running serve, naming its PID; read-only commands work; after a SIGKILL a new serve starts', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const first = await serveOn(dir);
    const locked = `wardflux: Another WARD FLUX engine (PID ${first.child.pid}) is using ${dir}; stop it first or use another --data-dir.\n`;

    expect(await wardflux(dir, 'serve', '--port', '0')).toMatchObject({ code: 1, err: locked });
    expect(await wardflux(dir, 'discover', '127.0.0.1', '--no-dns')).toMatchObject({ code: 1, err: locked });

    expect(await wardflux(dir, 'devices', 'add', 'core-1', '198.18.0.1')).toMatchObject({ code: 0 });
    expect(await wardflux(dir, 'devices', 'list')).toMatchObject({ code: 0, out: expect.stringMatching(/core-1\s+198\.18\.0\.1/) });
    const health = (await (await fetch(`${first.url}/api/v1/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');

    first.child.kill('SIGKILL');
    await first.stop();
    const second = await serveOn(dir);
    expect(second.child.pid).not.toBe(first.child.pid);
    expect(await wardflux(dir, 'serve', '--port', '0')).toMatchObject({ code: 1, err: locked.replace(String(first.child.pid), String(second.child.pid)) });
    expect(await second.stop()).toBe(0);
    // Stopped cleanly: the lock is free for a scan (nothing to probe: a loopback address with no ICMP or TCP asked for).
    expect(await wardflux(dir, 'discover', '127.0.0.1', '--no-dns', '--methods', 'arp')).toMatchObject({ code: 0 });
  });
});
