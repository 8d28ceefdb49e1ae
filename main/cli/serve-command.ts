import { createEngine } from '../engine.ts';
import { startHost } from '../host/server.ts';
import { applyHeapPolicy } from '../lib/heap-policy.ts';
import { createLogger, type LoggerOptions } from '../lib/logger.ts';
import type { CliIo } from './output.ts';

export interface ServeOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Accept site uploads from laptops (serve --central). */
  central?: boolean;
  /** More names the host answers to (--allowed-host). */
  allowedHosts?: string[];
  /** A browser session ends after this long unused (--session-idle). */
  sessionIdleMs?: number;
  /** Level, format (pretty on a TTY, JSON otherwise) and file of the log. */
  log: LoggerOptions;
}

/**
 * `wardflux serve`: the engine plus the headless host, until SIGINT or SIGTERM; then the host and
 * the database are closed and the promise resolves (exit code 0).
 */
export async function serve(options: ServeOptions, io: CliIo): Promise<void> {
  const logger = createLogger(options.log);
  applyHeapPolicy();
  // One host per data dir: a second serve (or the app) on it fails, naming this one's PID.
  const engine = await createEngine({ dataDir: options.dataDir, logger, exclusive: true, ...(options.central ? { central: { mode: true } } : {}) });
  let host;
  try {
    await engine.start();
    host = await startHost({ engine, host: options.host, port: options.port, allowedHosts: options.allowedHosts ?? [], ...(options.sessionIdleMs ? { sessionIdleMs: options.sessionIdleMs } : {}) });
  } catch (err) {
    await engine.stop();
    throw err;
  }
  io.err(`WARD FLUX${options.central ? ' (central)' : ''} is listening on ${host.url}  (data: ${options.dataDir}; Ctrl-C to stop)`);
  // The login secret goes to the terminal only (never the log): whoever can read this can sign in.
  io.err(`Open in a browser to sign in: ${host.signInUrl}`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      logger.info({ signal }, 'shutting down');
      void host
        .close()
        .then(() => engine.stop())
        .then(resolve, (err: unknown) => {
          logger.error({ err }, 'error during shutdown');
          resolve();
        });
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  io.err('WARD FLUX stopped.');
}
