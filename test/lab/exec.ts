/**
 * Running commands for the lab: a promise around `spawn` that collects output, never uses a
 * shell (arguments are passed as a vector) and has a deadline.
 */
import { spawn } from 'node:child_process';

/** What a finished command left behind. `code` is null when it was killed (timeout or signal). */
export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Options for {@link exec}. */
export interface ExecOptions {
  /** Kill the command after this many milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Text written to the command's stdin, which is then closed. */
  input?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** Runs `cmd args` and resolves with its exit code and output; rejects only if it cannot start. */
export function exec(cmd: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ? { ...process.env, ...options.env } : process.env,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Like {@link exec} but rejects with the command line and its stderr when it does not exit 0. */
export async function run(cmd: string, args: readonly string[], options: ExecOptions = {}): Promise<string> {
  const r = await exec(cmd, args, options);
  if (r.code !== 0) {
    const why = r.timedOut ? 'timed out' : `exited ${r.code}`;
    throw new Error(`lab: \`${[cmd, ...args].join(' ')}\` ${why}: ${r.stderr.trim() || r.stdout.trim()}`);
  }
  return r.stdout;
}
