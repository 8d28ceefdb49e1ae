import { type DestinationStream, pino, type Logger as PinoLogger } from 'pino';
import { StorageError } from '../errors.ts';
import { prettyDestination } from './log-pretty.ts';

export type Logger = PinoLogger;

/** Field names whose values are secrets: pino replaces them wherever they appear in a log line. */
const SECRET_PATHS = ['community', 'authKey', 'privKey', 'password', 'token', 'secret', 'key'];
const redact = { paths: SECRET_PATHS.flatMap((p) => [p, `*.${p}`, `*.*.${p}`]), censor: '[redacted]' };

/** How log lines look on stderr: JSON, short human lines, or pretty on a terminal and JSON otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty'];

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** Where lines go (tests); else `file`, else stderr. */
  destination?: DestinationStream;
  /** stderr only: 'auto' (the default) is pretty when stderr is a TTY, JSON when it is not. */
  format?: LogFormat;
  /** JSON lines appended to this file instead of stderr. */
  file?: string;
}

function destinationFor(options: LoggerOptions): DestinationStream {
  if (options.destination) return options.destination;
  if (options.file) {
    try {
      return pino.destination({ dest: options.file, mkdir: true, sync: true });
    } catch (err) {
      throw new StorageError(`Cannot write the log file ${options.file}: ${(err as Error).message} (--log-file)`, err);
    }
  }
  const format = options.format ?? 'auto';
  const tty = process.stderr.isTTY === true;
  if (format === 'pretty' || (format === 'auto' && tty)) return prettyDestination({ fd: 2, color: tty });
  return pino.destination(2);
}

/** A structured logger on stderr (stdout belongs to CLI output), or on a file; secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({ name: options.name ?? 'wardflux', level: options.level ?? process.env.WARD_LOG_LEVEL ?? 'info', redact }, destinationFor(options));
}

/** A logger that writes nothing: the default in tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
