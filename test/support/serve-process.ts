import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const WARDFLUX_BIN = path.resolve(import.meta.dirname, '../../bin/wardflux.mjs');

export interface ServeProcess {
  url: string;
  /** The sign-in URL serve printed (url + `/#token=<login secret>`), as a user copies it. */
  signInUrl: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `wardflux serve --port 0` on a data dir and resolves with its URL once it listens. `env`
 * is added to this process's environment (which carries WARD_ALLOWED_NETWORKS, the network guard).
 */
export async function startServeProcess(dataDir: string, extraArgs: string[] = [], timeoutMs = 20_000, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [WARDFLUX_BIN, '--data-dir', dataDir, 'serve', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const [url, signInUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wardflux serve did not start within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      const s = /to sign in: (http:\/\/\S+#token=\S+)/.exec(stderr);
      if (m?.[1] && s?.[1]) {
        clearTimeout(timer);
        resolve([m[1], s[1]]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`wardflux serve exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    signInUrl,
    child,
    stderr: () => stderr,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
