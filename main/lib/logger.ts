import { type DestinationStream, pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Field names whose values are secrets: pino replaces them wherever they appear in a log line. */
const SECRET_PATHS = ['community', 'authKey', 'privKey', 'password', 'token', 'secret', 'key'];
const redact = { paths: SECRET_PATHS.flatMap((p) => [p, `*.${p}`, `*.*.${p}`]), censor: '[redacted]' };

/** A structured JSON logger on stderr (stdout belongs to CLI output). */
export function createLogger(options: { level?: string; name?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    { name: options.name ?? 'wardflux', level: options.level ?? process.env.WARD_LOG_LEVEL ?? 'info', redact },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that writes nothing: the default in tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
