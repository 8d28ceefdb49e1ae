/**
 * Debian's `prometheus-snmp-exporter` (the long-lived Go poller) as bench/snmp's second
 * reference: started here on a free 127.0.0.1 port with the bench's own module config
 * (bench/snmp/snmp-exporter.yml), scraped with `GET /snmp?target=ADDR&module=bench`, its process
 * CPU read from /proc/PID/stat, stopped by its PID.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort, until } from '../../test/support/until.ts';

export const EXPORTER_BINARY = '/usr/bin/prometheus-snmp-exporter';
export const EXPORTER_CONFIG = fileURLToPath(new URL('./snmp-exporter.yml', import.meta.url));
export const EXPORTER_MODULE = 'bench';

export interface SnmpExporter {
  readonly pid: number;
  readonly port: number;
  readonly version: string;
  /** user + system CPU seconds of the exporter process (all its threads) so far. */
  cpuSeconds(): number;
  /** One scrape of one target: the varbinds it walked, or an error. */
  scrape(target: string): Promise<number>;
  /** SIGTERM by PID (SIGKILL after 5 s); resolves when it exited. */
  stop(): Promise<void>;
  log(): string;
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime (fields 14 and 15 of /proc/PID/stat, counted after the `(comm)` field). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** `snmp_scrape_pdus_returned`: the varbinds the scrape's walks returned (all three subtrees). */
function pdusReturned(body: string): number {
  const m = /^snmp_scrape_pdus_returned (\d+)$/m.exec(body);
  if (!m) throw new Error(`no snmp_scrape_pdus_returned in the scrape (${body.slice(0, 200)})`);
  return Number(m[1]);
}

export async function startSnmpExporter(parallel: number): Promise<SnmpExporter> {
  if (!existsSync(EXPORTER_BINARY)) throw new Error(`${EXPORTER_BINARY} is missing: install Debian's prometheus-snmp-exporter (scripts/install-system-deps.sh)`);
  // kingpin prints --version on stderr.
  const v = spawnSync(EXPORTER_BINARY, ['--version'], { encoding: 'utf8' });
  const version = /version ([\d.]+)/.exec(`${v.stdout}${v.stderr}`)?.[1] ?? '?';
  const port = await freeLoopbackPort();
  let output = '';
  const child: ChildProcess = spawn(EXPORTER_BINARY, [`--config.file=${EXPORTER_CONFIG}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${EXPORTER_BINARY} did not start`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  const exporter: SnmpExporter = {
    pid,
    port,
    version,
    cpuSeconds: () => processCpuSeconds(pid),
    async scrape(target) {
      const { status, body } = await get(agent, port, `/snmp?target=${encodeURIComponent(target)}&module=${EXPORTER_MODULE}`);
      if (status !== 200) throw new Error(`scrape of ${target}: HTTP ${status} ${body.slice(0, 200)}`);
      return pdusReturned(body);
    },
    async stop() {
      agent.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(pid, 'SIGTERM');
      const t = setTimeout(() => process.kill(pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
    },
    log: () => output,
  };
  try {
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`snmp_exporter exited: ${output.slice(-2000)}`);
        return get(agent, port, '/metrics').then(
          (r) => r.status === 200,
          () => false,
        );
      },
      20_000,
      'snmp_exporter to answer /metrics',
    );
  } catch (e) {
    await exporter.stop();
    throw e;
  }
  return exporter;
}
