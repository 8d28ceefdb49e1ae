import type { LoggerOptions } from '../lib/logger.ts';
import type { GlobalOptions } from './cli-context.ts';

/** The logger options of the global flags (--log-level, --log-format, --log-file); `level` overrides the level. */
export function loggerOptionsFrom(g: GlobalOptions, level: string = g.logLevel): LoggerOptions {
  return { level, format: g.logFormat, ...(g.logFile ? { file: g.logFile } : {}) };
}
