import { unwrap } from '../api/dispatcher.ts';
import type { RegisterCommands } from './cli-context.ts';
import { formatTable, printJson } from './output.ts';

const when = (ms: number | null): string => (ms === null ? 'never' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/**
 * `wardflux token create|list|revoke`: the API tokens of the HTTP API and the headless host,
 * through the contract (the same procedures the Settings page calls). Works beside a running host:
 * a revoked token stops working there at once.
 */
export const registerTokenCommands: RegisterCommands = (program, { io, globals, withEngine }) => {
  const token = program.command('token').description('API tokens for the HTTP API, scripts and remote browsers');
  token
    .command('create')
    .description('create an API token and print it (only its hash is stored: copy it now)')
    .option('--name <name>', 'what the token is for (unique)', 'api')
    .option('--user <name>', 'the user it acts for, with that user\'s role (default: the built-in admin)')
    .action((opts: { name: string; user?: string }) =>
      withEngine(async (e) => {
        const { token: value, info } = await unwrap(e.api.call('tokens.create', { name: opts.name, ...(opts.user ? { user: opts.user } : {}) }, { transport: 'cli' }));
        if (globals().json) return printJson(io, { token: value, id: info.id, name: info.name });
        io.out(value);
        io.err(`Created API token "${info.name}" (id ${info.id}) for user ${info.user}. It is shown only once; send it as "Authorization: Bearer <token>".`);
      }),
    );
  token
    .command('list')
    .alias('ls')
    .description('list API tokens: name, user, id, created, last used (never their values)')
    .action(() =>
      withEngine(async (e) => {
        const tokens = await unwrap(e.api.call('tokens.list', {}, { transport: 'cli' }));
        if (globals().json) return printJson(io, tokens);
        if (tokens.length === 0) return io.err('No API tokens. Create one with "wardflux token create --name NAME".');
        io.out(formatTable(['NAME', 'USER', 'ID', 'CREATED', 'LAST USED'], tokens.map((t) => [t.name, t.user, t.id, when(t.createdAt), when(t.lastUsedAt)])));
      }),
    );
  token
    .command('revoke')
    .description('revoke an API token: its HTTP calls, WebSocket connections and browser sessions stop at once')
    .argument('<name|id>', 'the token')
    .action((ref: string) =>
      withEngine(async (e) => {
        const info = await unwrap(e.api.call('tokens.revoke', { id: ref }, { transport: 'cli' }));
        if (globals().json) return printJson(io, info);
        io.err(`Revoked API token "${info.name}" (id ${info.id}).`);
      }),
    );
};
