/**
 * Runs `wardflux` as a user does (a child process, with optional standard input and a deadline),
 * or in this process through runCli(argv, io) for unit tests.
 */
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { runCli as runCliMain } from '../../main/cli/index.ts';
import type { CliIo } from '../../main/cli/output.ts';
import { WARDFLUX_BIN } from './serve-process.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, opts: { input?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WARDFLUX_BIN, ...args], { env, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wardflux ${args.join(' ')} did not finish within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What `runCliInProcess` captured: the exit code runCli returned and what it wrote. */
export interface InProcessCliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `wardflux` in this process through `runCli(argv, io)` (no child process, so no Node start
 * and module load per call): the io captures stdout and stderr as the process io would write
 * them (one newline at the end of each write), `input` is standard input. Environment variables
 * are the test's own (vi.stubEnv).
 */
export async function runCliInProcess(argv: string[], opts: { input?: string } = {}): Promise<InProcessCliRun> {
  const r = { out: '', err: '' };
  const line = (t: string): string => (t.endsWith('\n') ? t : `${t}\n`);
  const io: CliIo = {
    out: (t) => void (r.out += line(t)),
    err: (t) => void (r.err += line(t)),
    ...(opts.input === undefined ? {} : { stdin: Readable.from([opts.input]) }),
  };
  const code = await runCliMain(argv, io);
  return { code, ...r };
}
