import type { AuditEntry, AuditFilter, AuditRow } from '../api/audit.ts';
import type { Role } from '../api/roles.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from './database.ts';

const RETENTION_KEY = 'audit.retentionDays';
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
/** Old rows are deleted at most this often (on a write), so a busy host does not delete on every call. */
const PRUNE_EVERY_MS = 3600_000;

type Row = { id: number; at: number; user_name: string; role: Role; procedure: string; transport: string; remote: string | null; ids: string; fields: string; outcome: string };
const toRow = (r: Row): AuditRow => ({
  id: r.id,
  at: r.at,
  user: r.user_name,
  role: r.role,
  procedure: r.procedure,
  transport: r.transport,
  remote: r.remote,
  ids: JSON.parse(r.ids) as string[],
  fields: JSON.parse(r.fields) as string[],
  outcome: r.outcome,
});

/** What a caller without a user is recorded as: the desktop app, the CLI, the engine itself. */
export const LOCAL_USER = 'local';

/**
 * The audit log: one row per audited call (main/api/dispatcher.ts AuditEntry) and per sign-in
 * attempt, never a value. Rows older than the retention (days, kept in the settings table) are
 * deleted when it changes and, hourly, on a write.
 */
export function createAuditRepo(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, user_id, user_name, role, procedure, transport, remote, ids, fields, outcome) VALUES (@at, @userId, @userName, @role, @procedure, @transport, @remote, @ids, @fields, @outcome)',
  );
  const getKey = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const putKey = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  let prunedAt = 0;

  const retentionDays = (): number => {
    const row = getKey.get(RETENTION_KEY);
    const days = row ? (JSON.parse(row.value) as unknown) : undefined;
    return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_AUDIT_RETENTION_DAYS;
  };
  const prune = (): number => {
    prunedAt = clock.now();
    return db.prepare('DELETE FROM audit_log WHERE at < ?').run(clock.now() - retentionDays() * DAY_MS).changes;
  };

  const where = (f: AuditFilter) => {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    const add = (clause: string, key: string, value: unknown) => {
      clauses.push(clause);
      params[key] = value;
    };
    if (f.since !== undefined) add('at >= @since', 'since', f.since);
    if (f.until !== undefined) add('at <= @until', 'until', f.until);
    if (f.user) add('user_name = @user COLLATE NOCASE', 'user', f.user);
    if (f.procedure) add("procedure LIKE @procedure ESCAPE '\\'", 'procedure', `%${f.procedure.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (f.outcome === 'ok') clauses.push("outcome = 'ok'");
    if (f.outcome === 'refused') clauses.push("outcome IN ('forbidden', 'unauthorized', 'locked')");
    if (f.outcome === 'failed') clauses.push("outcome NOT IN ('ok', 'forbidden', 'unauthorized', 'locked')");
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  };

  return {
    write(entry: Omit<AuditEntry, 'user'> & { user: { id: string | null; name: string; role: Role } }): void {
      insert.run({
        at: clock.now(),
        userId: entry.user.id,
        userName: entry.user.name,
        role: entry.user.role,
        procedure: entry.procedure,
        transport: entry.transport,
        remote: entry.remote ?? null,
        ids: JSON.stringify(entry.ids),
        fields: JSON.stringify(entry.fields),
        outcome: entry.outcome,
      });
      if (clock.now() - prunedAt >= PRUNE_EVERY_MS) prune();
    },
    list(filter: AuditFilter & { limit: number; beforeId?: number | undefined }): { items: AuditRow[]; total: number } {
      const w = where(filter);
      const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(w.params) as { n: number }).n;
      const page = filter.beforeId === undefined ? w.sql : `${w.sql ? `${w.sql} AND` : 'WHERE'} id < @beforeId`;
      const rows = db.prepare<Record<string, unknown>, Row>(`SELECT * FROM audit_log ${page} ORDER BY id DESC LIMIT @limit`).all({ ...w.params, limit: filter.limit, ...(filter.beforeId === undefined ? {} : { beforeId: filter.beforeId }) });
      return { items: rows.map(toRow), total };
    },
    retention: {
      get: () => ({ days: retentionDays() }),
      set(days: number) {
        putKey.run(RETENTION_KEY, JSON.stringify(days));
        prune();
        return { days: retentionDays() };
      },
    },
    prune,
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
