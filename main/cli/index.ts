import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Engine } from '../engine.ts';
import { parseAllowedHost } from '../host/allowed-hosts.ts';
import { DEFAULT_PORT } from '../host/defaults.ts';
import { VERSION } from '../version.ts';
import { exitCodeFor, messageFor } from './cli-error.ts';
import { resolveDataDir } from './data-dir.ts';
import { loggerOptionsFrom } from './log-options.ts';
import type { CliContext, GlobalOptions, RegisterCommands } from './cli-context.ts';
import { type CliIo, processIo } from './output.ts';
import { registerPingCommands } from './ping-command.ts';
import { registerTracerouteCommands } from './traceroute-command.ts';
import { registerMtrCommands } from './mtr-command.ts';
import { registerSnmpCommands } from './snmp-command.ts';
import { registerDiscoverCommands } from './discover-command.ts';
import { registerReportCommands } from './report-command.ts';
import { registerZabbixCommands } from './zabbix-command.ts';
import { registerTokenCommands } from './token-command.ts';
import { registerUsersCommands } from './users-command.ts';
import { registerL2Commands } from './l2-command.ts';
import { registerMapCommands } from './map-command.ts';
import { registerTemplatesCommands } from './templates-command.ts';


const devicesCommand = () => import('./devices-command.ts');

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return n;
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 7 * 24 * 60) throw new InvalidArgumentError('must be minutes, more than 0 and at most a week (10080)');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function allowedHost(value: string, previous: string[]): string[] {
  try {
    return [...previous, parseAllowedHost(value)];
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** Command modules of the other areas (snmp, ping, discover, ...): one line each. */
const COMMAND_MODULES: RegisterCommands[] = [registerPingCommands, registerTracerouteCommands, registerMtrCommands, registerSnmpCommands, registerDiscoverCommands, registerReportCommands, registerZabbixCommands, registerTokenCommands, registerUsersCommands, registerTemplatesCommands, registerL2Commands, registerMapCommands];

/**
 * The `wardflux` command line. Returns the exit code instead of exiting, so tests and the bin
 * wrapper decide. Results go to stdout (tables, or JSON with --json); messages to stderr.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('wardflux')
    .description('WARD FLUX: network monitoring for field technicians')
    .version(VERSION, '-V, --version')
    .option('-d, --data-dir <dir>', 'data directory (default: $WARD_DATA_DIR or ~/.local/share/wardflux)')
    .option('--json', 'machine-readable JSON output', false)
    .addOption(new Option('--log-level <level>', 'engine log level (stderr)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'))
    .addOption(new Option('--log-format <format>', 'log lines on stderr: pretty (short human lines), json, or auto (pretty on a terminal, else json)').choices(['auto', 'json', 'pretty']).default('auto'))
    .option('--log-file <path>', 'write the log as JSON lines to this file instead of stderr')
    .showHelpAfterError('(run "wardflux --help" for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  /** Runs `fn` with an engine on the data dir, always closing it. */
  // Heavy modules (the engine with SQLite, fastify, net-snmp) load only when a command needs them.
  const withEngine = async (fn: (engine: Engine) => Promise<void>, options: { exclusive?: boolean } = {}) => {
    const [{ createEngine }, { createLogger }] = await Promise.all([import('../engine.ts'), import('../lib/logger.ts')]);
    const g = globals();
    const engine = await createEngine({ dataDir: resolveDataDir(g.dataDir), logger: createLogger(loggerOptionsFrom(g)), exclusive: options.exclusive === true });
    try {
      await fn(engine);
    } finally {
      await engine.stop();
    }
  };

  const ctx: CliContext = { io, globals, withEngine };
  for (const register of COMMAND_MODULES) register(program, ctx);

  program
    .command('serve')
    .description('run the engine headless: the UI in a browser and the HTTP API for scripts')
    .option('--host <address>', 'address to listen on (non-loopback needs an API token)', '127.0.0.1')
    .option('-p, --port <port>', 'port to listen on', port, DEFAULT_PORT)
    .option('--allowed-host <name>', 'another name browsers and scripts use for this host (repeatable; NAME or NAME:PORT); other Host headers are refused', allowedHost, [])
    .option('--central', 'run as a central WARD FLUX: accept site uploads (reports, discovery, inventory) from laptops', false)
    .option('--session-idle <minutes>', 'end a browser session after this many minutes unused (default 720)', minutes)
    .addHelpText('after', '\nPrints a sign-in URL (http://HOST:PORT/#token=...) to open in a browser; scripts use an API token ("wardflux token create").')
    .action(async (opts: { host: string; port: number; central: boolean; allowedHost: string[]; sessionIdle?: number }) => {
      const { serve } = await import('./serve-command.ts');
      const g = globals();
      await serve({ dataDir: resolveDataDir(g.dataDir), host: opts.host, port: opts.port, central: opts.central, allowedHosts: opts.allowedHost, ...(opts.sessionIdle ? { sessionIdleMs: opts.sessionIdle * 60_000 } : {}), log: loggerOptionsFrom(g, g.logLevel === 'warn' ? 'info' : g.logLevel) }, io);
    });

  const devices = program.command('devices').description('list, add and remove devices');
  devices
    .command('list')
    .description('list devices')
    .option('-s, --search <text>', 'only devices whose name, address or notes contain this')
    .option('-t, --tag <tag>', 'only devices with this tag')
    .action((opts: { search?: string; tag?: string }) => withEngine(async (e) => (await devicesCommand()).listDevices(e, io, { ...opts, json: globals().json })));
  devices
    .command('add')
    .description('add a device')
    .argument('<name>', 'a name for the device')
    .argument('<address>', 'IPv4, IPv6 address or host name')
    .option('-t, --tag <tag>', 'a tag (repeatable)', collect, [])
    .option('-n, --notes <text>', 'free-text notes')
    .option('-c, --credential <name|id>', 'SNMP credential to try, in order (repeatable)', collect, [])
    .option('--disabled', 'add it without monitoring it', false)
    .action((name: string, address: string, opts: { tag: string[]; notes?: string; credential: string[]; disabled: boolean }) =>
      withEngine(async (e) => (await devicesCommand()).addDevice(e, io, { name, address, tags: opts.tag, credentials: opts.credential, disabled: opts.disabled, json: globals().json, ...(opts.notes === undefined ? {} : { notes: opts.notes }) })),
    );
  devices
    .command('remove')
    .alias('rm')
    .description('remove a device')
    .argument('<name|id>', 'the device')
    .action((ref: string) => withEngine(async (e) => (await devicesCommand()).removeDevice(e, io, { ref, json: globals().json })));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    io.err(`wardflux: ${messageFor(err)}`);
    return exitCodeFor(err);
  }
}
