import type { AuditRow } from './api/audit.ts';
import type { Handlers } from './api/dispatcher.ts';
import { permissions } from './api/permissions.ts';
import { atLeast } from './api/roles.ts';
import type { Clock } from './lib/clock.ts';
import { toCsv, type CsvColumn } from './lib/csv.ts';
import type { Logger } from './lib/logger.ts';
import type { AuditRepo } from './store/audit-repo.ts';
import type { TokensRepo } from './store/tokens-repo.ts';
import type { UsersRepo } from './store/users-repo.ts';

type AccessHandlers = Pick<
  Handlers,
  | 'session.whoami'
  | 'users.list'
  | 'users.create'
  | 'users.setRole'
  | 'users.setPassword'
  | 'users.remove'
  | 'tokens.list'
  | 'tokens.create'
  | 'tokens.revoke'
  | 'audit.list'
  | 'audit.export'
  | 'audit.getRetention'
  | 'audit.setRetention'
>;

const iso = (ms: number) => new Date(ms).toISOString();
const AUDIT_COLUMNS: CsvColumn<AuditRow>[] = [
  { header: 'time', value: (r) => iso(r.at) },
  { header: 'user', value: (r) => r.user },
  { header: 'role', value: (r) => r.role },
  { header: 'procedure', value: (r) => r.procedure },
  { header: 'outcome', value: (r) => r.outcome },
  { header: 'ids', value: (r) => r.ids.join(' ') },
  { header: 'fields', value: (r) => r.fields.join(' ') },
  { header: 'transport', value: (r) => r.transport },
  { header: 'remote', value: (r) => r.remote },
];
/** An export holds at most this many rows (the newest). */
const EXPORT_MAX_ROWS = 100_000;

/** Users, tokens and the audit log: who may do what on the headless host and the central, and what they did. */
export function createAccessHandlers(d: { users: UsersRepo; tokens: TokensRepo; audit: AuditRepo; clock: Clock; logger: Logger }): AccessHandlers {
  const { users, tokens, audit, logger } = d;
  return {
    'session.whoami': (_input, ctx) => {
      const me = ctx.user ? { name: ctx.user.name, role: ctx.user.role, local: false } : { name: 'local', role: 'admin' as const, local: true };
      const denied = Object.fromEntries(Object.entries(permissions).flatMap(([name, p]) => (atLeast(me.role, p.role) ? [] : [[name, p.role]])));
      return { ...me, denied };
    },
    'users.list': () => users.list(),
    'users.create': async ({ name, role, password }) => {
      const user = await users.create(name, role, password);
      logger.info({ user: user.name, role: user.role }, 'user added');
      return user;
    },
    'users.setRole': ({ name, role }) => users.setRole(name, role),
    'users.setPassword': ({ name, password }) => users.setPassword(name, password),
    'users.remove': ({ name }) => {
      const user = users.remove(name);
      logger.info({ user: user.name }, 'user removed');
      return user;
    },

    'tokens.list': () => tokens.list(),
    'tokens.create': ({ name, user }, ctx) => {
      const owner = user === undefined ? undefined : users.byName(user);
      const created = tokens.create(name, owner?.id);
      logger.info({ token: created.info.id, name: created.info.name, user: created.info.user, transport: ctx.transport }, 'API token created');
      return created;
    },
    'tokens.revoke': ({ id }, ctx) => {
      const info = tokens.revoke(id);
      logger.info({ token: info.id, name: info.name, transport: ctx.transport }, 'API token revoked');
      return info;
    },

    'audit.list': (input) => audit.list(input),
    'audit.export': ({ format, ...filter }) => {
      const { items } = audit.list({ ...filter, limit: EXPORT_MAX_ROWS });
      const stamp = iso(d.clock.now()).slice(0, 19).replace(/[:T]/g, '-');
      if (format === 'json') return { filename: `wardflux-audit-${stamp}.json`, mimeType: 'application/json', content: `${JSON.stringify(items, null, 2)}\n` };
      return { filename: `wardflux-audit-${stamp}.csv`, mimeType: 'text/csv', content: toCsv(AUDIT_COLUMNS, items, { eol: '\r\n' }) };
    },
    'audit.getRetention': () => audit.retention.get(),
    'audit.setRetention': ({ days }) => audit.retention.set(days),
  };
}
