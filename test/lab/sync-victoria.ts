/**
 * A real VictoriaMetrics (Debian's `victoria-metrics` package) for the sync tests and the
 * benchmark: one single-node server on 127.0.0.1 on a free port, its own data dir, retention of
 * 100 years (history of any age is kept) and deduplication on (`-dedup.minScrapeInterval=1ms`:
 * one sample per series and millisecond, so a replayed push stores nothing twice). Stopped by
 * its PID; restartable on the same port and data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const VM_BINARY = '/usr/bin/victoria-metrics';

export interface ExportedSeries {
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

// The shared test helpers, under the names this module always exported.
export { freeLoopbackPort as freePort, until } from '../support/until.ts';
import { freeLoopbackPort as freePort, until } from '../support/until.ts';

export interface VictoriaMetrics {
  url: string;
  port: number;
  dataDir: string;
  /** Starts (or restarts) the server; resolves when /health answers. */
  start(): Promise<void>;
  /** Stops it by PID (SIGTERM, then SIGKILL after 10 s); resolves when it exited. */
  stop(): Promise<void>;
  /** Makes recent pushes searchable now. */
  flush(): Promise<void>;
  /**
   * Every series matching `match` with all its samples (`/api/v1/export`), of any time: export's
   * default end is the request's second, which leaves out samples stamped in it.
   */
  exportSeries(match: string): Promise<ExportedSeries[]>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
  log(): string;
}

export async function startVictoriaMetrics(options: { extraFlags?: string[] } = {}): Promise<VictoriaMetrics> {
  if (!fs.existsSync(VM_BINARY)) throw new Error(`${VM_BINARY} is missing: install Debian's victoria-metrics package (scripts/install-system-deps.sh)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wardflux-vm-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  let output = '';

  async function healthy(): Promise<boolean> {
    try {
      return (await fetch(`${url}health`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  }

  const vm: VictoriaMetrics = {
    url,
    port,
    dataDir,
    async start() {
      if (child) return;
      const c = spawn(
        VM_BINARY,
        [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${path.join(dataDir, 'data')}`, '-retentionPeriod=100y', '-dedup.minScrapeInterval=1ms', '-loggerLevel=WARN', ...(options.extraFlags ?? [])],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = c;
      c.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
      c.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
      c.once('exit', () => {
        if (child === c) child = undefined;
      });
      await until(async () => (c.exitCode !== null ? Promise.reject(new Error(`victoria-metrics exited: ${output.slice(-2000)}`)) : healthy()), 20_000, 'victoria-metrics to answer /health');
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGTERM');
      const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
      child = undefined;
    },
    async flush() {
      await fetch(`${url}internal/force_flush`);
    },
    async exportSeries(match) {
      await vm.flush();
      const res = await fetch(`${url}api/v1/export`, { method: 'POST', body: new URLSearchParams({ 'match[]': match, start: '0', end: String(Math.floor(Date.now() / 1000) + 7 * 86_400) }) });
      if (!res.ok) throw new Error(`export failed: HTTP ${res.status} ${await res.text()}`);
      return (await res.text())
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ExportedSeries);
    },
    async destroy() {
      await vm.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    log: () => output,
  };
  await vm.start();
  return vm;
}
