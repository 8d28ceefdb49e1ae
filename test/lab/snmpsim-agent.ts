/**
 * snmpsim (Debian's `snmpsimd`) serving one recording of a real device (.snmprec, as in
 * test/fixtures/devices/) on a lab host's address, in the lab namespace: the device answers as
 * the recorded one did, every OID of the recording. The `#` provenance header is stripped into the
 * agent's own data dir; the community is `public`. snmpsimd drops root to nobody, so its dirs are
 * handed to that user. Stop it with stop() (by the PID this started, never by name).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { exec } from './exec.ts';
import { until } from '../support/until.ts';

export interface SnmpsimAgent {
  address: string;
  pid: number;
  logPath: string;
  stop(): Promise<void>;
}

function idsOf(user: string, group: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('getent', ['group', group], { encoding: 'utf8' }).split(':')[2]);
  return { uid, gid };
}

/**
 * Starts snmpsimd for `recording` on `address`:161 inside `labNs`; resolves once it answers. Its
 * files live in a directory of their own (the lab's temp dir is closed to other users, and
 * snmpsimd runs as nobody); stop() removes it.
 */
export async function startSnmpsim(labNs: string, address: string, recording: string): Promise<SnmpsimAgent> {
  const dir = mkdtempSync(join(tmpdir(), `wfl-snmpsim-${address}-`));
  const data = join(dir, 'data');
  const cache = join(dir, 'cache');
  mkdirSync(data, { recursive: true });
  mkdirSync(cache, { recursive: true });
  const body = readFileSync(recording, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n');
  writeFileSync(join(data, 'public.snmprec'), body);
  const logPath = join(dir, 'snmpsimd.log');
  writeFileSync(logPath, '');
  const root = userInfo().uid === 0;
  if (root) {
    const { uid, gid } = idsOf('nobody', 'nogroup');
    for (const p of [dir, data, cache, join(data, 'public.snmprec'), logPath]) chownSync(p, uid, gid);
  }
  const args = ['netns', 'exec', labNs, 'snmpsimd', `--data-dir=${data}`, `--cache-dir=${cache}`, `--agent-udpv4-endpoint=${address}:161`, `--logging-method=file:${logPath}`];
  if (root) args.push('--process-user=nobody', '--process-group=nogroup');
  const child: ChildProcess = spawn('ip', args, { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error(`lab: snmpsimd for ${address} did not start`);
  const pid = child.pid;
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      await until(() => exited, 5000, `snmpsimd ${pid} to exit`).catch(() => child.kill('SIGKILL'));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await until(
      async () => {
        if (exited) throw new Error(`lab: snmpsimd for ${address} exited; log: ${readFileSync(logPath, 'utf8').slice(-2000)}`);
        const r = await exec('ip', ['netns', 'exec', labNs, 'snmpget', '-v2c', '-c', 'public', '-t', '0.5', '-r', '0', '-On', address, '1.3.6.1.2.1.1.2.0'], { timeoutMs: 5000 });
        return r.code === 0 && r.stdout.includes('1.3.6.1.2.1.1.2.0');
      },
      30_000,
      `snmpsimd on ${address} to answer`,
      { intervalMs: 250 },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, pid, logPath, stop };
}
