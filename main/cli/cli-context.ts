import type { Command } from 'commander';
import type { Engine } from '../engine.ts';
import type { CliIo } from './output.ts';

export interface GlobalOptions {
  dataDir?: string;
  json: boolean;
  logLevel: string;
}

/** What every command module gets: output, the global options, and an engine on the data dir. */
export interface CliContext {
  io: CliIo;
  globals(): GlobalOptions;
  /** Runs `fn` with an engine on the data directory, always closing it. */
  withEngine(fn: (engine: Engine) => Promise<void>): Promise<void>;
}

/** A module of commands: adds its subcommands to the program. */
export type RegisterCommands = (program: Command, ctx: CliContext) => void;
