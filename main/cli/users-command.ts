import { unwrap } from '../api/dispatcher.ts';
import { ROLES, type Role } from '../api/roles.ts';
import { ValidationError } from '../errors.ts';
import type { RegisterCommands } from './cli-context.ts';
import { formatTable, printJson } from './output.ts';
import { stdinSecrets } from './secret-input.ts';

const cli = { transport: 'cli' } as const;
const when = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new ValidationError(`--role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

function since(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ValidationError(`--since must be an ISO date or time (2026-01-31, 2026-01-31T08:00Z), not "${value}"`);
  return ms;
}

/**
 * `wardflux users add|list|remove|passwd` and `wardflux audit`: who may sign in to the headless
 * host and the central, with which role, and what was done. Passwords come from standard input
 * only (never an argument, which `ps` shows). Through the contract, as the local admin.
 */
export const registerUsersCommands: RegisterCommands = (program, { io, globals, withEngine }) => {
  const users = program.command('users').description('users and roles of the headless host and the central');
  users
    .command('add')
    .description('add a user; the password is read from standard input')
    .argument('<name>', 'user name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--password-stdin', 'read the password from standard input (required)')
    .action((name: string, opts: { role: string }) =>
      withEngine(async (e) => {
        const password = await stdinSecrets(io).next('password');
        const user = await unwrap(e.api.call('users.create', { name, role: role(opts.role), password }, cli));
        if (globals().json) return printJson(io, user);
        io.err(`Added user "${user.name}" (${user.role}).`);
      }),
    );
  users
    .command('list')
    .alias('ls')
    .description('list users: name, role, password set, created')
    .action(() =>
      withEngine(async (e) => {
        const list = await unwrap(e.api.call('users.list', {}, cli));
        if (globals().json) return printJson(io, list);
        io.out(formatTable(['NAME', 'ROLE', 'PASSWORD', 'CREATED'], list.map((u) => [u.builtin ? `${u.name} (built-in)` : u.name, u.role, u.hasPassword ? 'set' : 'none (login secret only)', when(u.createdAt)])));
      }),
    );
  users
    .command('remove')
    .alias('rm')
    .description('remove a user: their sessions and API tokens stop at once')
    .argument('<name>', 'user name')
    .action((name: string) =>
      withEngine(async (e) => {
        const user = await unwrap(e.api.call('users.remove', { name }, cli));
        if (globals().json) return printJson(io, user);
        io.err(`Removed user "${user.name}" and their API tokens.`);
      }),
    );
  users
    .command('passwd')
    .description('set a user\'s password, read from standard input')
    .argument('<name>', 'user name')
    .requiredOption('--password-stdin', 'read the password from standard input (required)')
    .action((name: string) =>
      withEngine(async (e) => {
        const password = await stdinSecrets(io).next('password');
        const user = await unwrap(e.api.call('users.setPassword', { name, password }, cli));
        if (globals().json) return printJson(io, user);
        io.err(`Set the password of "${user.name}".`);
      }),
    );

  program
    .command('audit')
    .description('the audit log: state-changing and refused calls, sign-ins (newest first)')
    .option('--since <iso>', 'only entries at or after this time')
    .option('--user <name>', 'only entries of this user ("local": the CLI and the desktop app)')
    .option('--limit <n>', 'at most this many entries', (v) => Number(v), 200)
    .action((opts: { since?: string; user?: string; limit: number }) =>
      withEngine(async (e) => {
        const from = since(opts.since);
        const { items, total } = await unwrap(e.api.call('audit.list', { ...(from === undefined ? {} : { since: from }), ...(opts.user ? { user: opts.user } : {}), limit: opts.limit }, cli));
        if (globals().json) return printJson(io, items);
        if (items.length === 0) return io.err('No audit entries match.');
        io.out(formatTable(['TIME', 'USER', 'ROLE', 'PROCEDURE', 'OUTCOME', 'IDS', 'FIELDS', 'VIA', 'REMOTE'], items.map((r) => [when(r.at), r.user, r.role, r.procedure, r.outcome, r.ids.join(' '), r.fields.join(' '), r.transport, r.remote ?? ''])));
        if (total > items.length) io.err(`${items.length} of ${total} entries; use --limit or --since for others.`);
      }),
    );
};
