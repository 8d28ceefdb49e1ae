import os from 'node:os';
import path from 'node:path';

/** --data-dir, else WARD_DATA_DIR, else $XDG_DATA_HOME/wardflux (~/.local/share/wardflux). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.WARD_DATA_DIR) return path.resolve(env.WARD_DATA_DIR);
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'wardflux');
}
