/**
 * Debian's Prometheus (the `prometheus` package) scrapes a headless host's GET /api/v1/metrics on
 * 127.0.0.1 with a bearer token from a file, as a user would configure it; a second job without
 * the token is refused (401, the target down). Prometheus runs on its own free port and data dir
 * and is stopped by its PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanups.ts';
import { testHost } from '../support/host.ts';
import { tempDir } from '../support/temp-dir.ts';
import { freeLoopbackPort, until } from '../support/until.ts';

const PROMETHEUS = '/usr/bin/prometheus';

interface Target {
  labels: { job: string };
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

const later = cleanupAfterEach();

/** Prometheus on a free loopback port scraping the test host twice: with the token from a file, and without. */
async function startPrometheus(): Promise<{ host: Awaited<ReturnType<typeof testHost>>; promUrl: string }> {
    let output = '';
    if (!fs.existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install Debian's prometheus package (scripts/install-system-deps.sh)`);
    const host = await testHost(later, { start: true });
    const dir = tempDir();
    later(dir.cleanup);
    const tokenFile = path.join(dir.dir, 'wardflux.token');
    fs.writeFileSync(tokenFile, host.token, { mode: 0o600 });
    const target = `127.0.0.1:${host.host.port}`;
    fs.writeFileSync(
      path.join(dir.dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, scrape_timeout: 1s }',
        'scrape_configs:',
        '  - job_name: wardflux',
        '    metrics_path: /api/v1/metrics',
        `    authorization: { type: Bearer, credentials_file: ${tokenFile} }`,
        `    static_configs: [{ targets: ['${target}'] }]`,
        '  - job_name: no-token',
        '    metrics_path: /api/v1/metrics',
        `    static_configs: [{ targets: ['${target}'] }]`,
        '',
      ].join('\n'),
    );
    const port = await freeLoopbackPort();
    const promUrl = `http://127.0.0.1:${port}`;
    const prom: ChildProcess = spawn(PROMETHEUS, [`--config.file=${path.join(dir.dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir.dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prom.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    prom.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    later(async () => {
      if (prom.exitCode !== null) return;
      const exited = new Promise((resolve) => prom.once('exit', resolve));
      prom.kill('SIGTERM');
      await exited;
    });
    await until(
      async () => {
        if (prom.exitCode !== null) throw new Error(`prometheus exited: ${output.slice(-2000)}`);
        return (await fetch(`${promUrl}/-/ready`).catch(() => undefined))?.ok;
      },
      30_000,
      'prometheus to be ready',
      { intervalMs: 200 },
    );
    return { host, promUrl };
}

describe('Prometheus scrapes /api/v1/metrics', () => {
  const targets = async (promUrl: string): Promise<Target[]> => ((await (await fetch(`${promUrl}/api/v1/targets`)).json()) as { data: { activeTargets: Target[] } }).data.activeTargets;
  const query = async (promUrl: string, q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> =>
    ((await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;

  it('with the token the target is up and the families are stored; without it the target is down with 401', { timeout: 120_000 }, async () => {
    const { host, promUrl } = await startPrometheus();
    const byJob = await until(
      async () => {
        const t = await targets(promUrl);
        const up = t.find((x) => x.labels.job === 'wardflux');
        const refused = t.find((x) => x.labels.job === 'no-token');
        return up?.health === 'up' && refused?.health === 'down' ? { up, refused } : undefined;
      },
      30_000,
      'both targets scraped',
      { intervalMs: 250 },
    );
    expect(byJob.refused.lastError).toContain('401');
    // Calls made now show up in what Prometheus scraped next.
    for (let i = 0; i < 5; i++) await fetch(`http://127.0.0.1:${host.host.port}/api/v1/devices`, { headers: { authorization: `Bearer ${host.token}` } });
    const calls = await until(
      async () => {
        const r = await query(promUrl, 'wardflux_api_request_duration_seconds_count{job="wardflux",procedure="devices.list",outcome="ok"}');
        return Number(r[0]?.value[1] ?? 0) >= 5 ? r : undefined;
      },
      20_000,
      'the devices.list calls in Prometheus',
      { intervalMs: 250 },
    );
    expect(calls).toHaveLength(1);
    for (const family of ['process_resident_memory_bytes', 'wardflux_event_loop_delay_p99_seconds', 'wardflux_metrics_flush_seconds', 'wardflux_db_probe_seconds_count']) {
      expect((await query(promUrl, `${family}{job="wardflux"}`)).length, family).toBeGreaterThan(0);
    }
    expect(Number((await query(promUrl, 'process_resident_memory_bytes{job="wardflux"}'))[0]?.value[1])).toBeGreaterThan(10 * 1048576);
  });
});
