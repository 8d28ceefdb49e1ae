import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { createEngine } from '../engine.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('wardflux zabbix push --all', () => {
  beforeEach(() => {
    vi.stubEnv('WARD_ENCRYPTION_KEY', '');
    vi.stubEnv('WARD_POLLERS', 'off');
  });
  afterEach(() => vi.unstubAllEnvs());

  it("never pushes the engine's own device WARD FLUX", async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const engine = await createEngine({ dataDir: t.dir, selfMetrics: { poller: true, intervalMs: 3_600_000 } });
    await engine.start();
    await engine.stop();
    const listed = await runCliInProcess(['--data-dir', t.dir, 'devices', 'list', '--json']);
    expect(JSON.parse(listed.out)).toEqual([expect.objectContaining({ name: 'WARD FLUX', builtin: true })]);
    const pushed = await runCliInProcess(['--data-dir', t.dir, 'zabbix', 'push', '--all']);
    expect(pushed).toMatchObject({ code: 3, err: expect.stringContaining('No WARD FLUX devices to push.') });
  });
});
