import type { Command } from 'commander';
import type { Engine } from '../engine.ts';
import type { LogFormat } from '../lib/logger.ts';
import type { CliIo } from './output.ts';

export interface GlobalOptions {
  dataDir?: string;
  json: boolean;
  logLevel: string;
  /** --log-format: stderr log lines as JSON, pretty, or auto (pretty on a TTY). */
  logFormat: LogFormat;
  /** --log-file: JSON log lines to this file instead of stderr. */
  logFile?: string;
}

/** What every command module gets: output, the global options, and an engine on the data dir. */
export interface CliContext {
  io: CliIo;
  globals(): GlobalOptions;
  /**
   * Runs `fn` with an engine on the data directory, always closing it. `exclusive`: the command
   * runs jobs or background work (a scan, outbox deliveries), so it takes the data directory's
   * lock and fails while a host (serve, the app) runs on it; read-only commands leave it off.
   */
  withEngine(fn: (engine: Engine) => Promise<void>, options?: { exclusive?: boolean }): Promise<void>;
}

/** A module of commands: adds its subcommands to the program. */
export type RegisterCommands = (program: Command, ctx: CliContext) => void;
