import crypto from 'node:crypto';
import type { Role } from '../api/roles.ts';
import type { UserInfo } from '../api/users.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { decoyHash, hashPassword, verifyPassword } from '../secrets/password-hash.ts';
import type { Db } from './database.ts';

/** The built-in admin's id (schema 18): the login secret signs in as this user. */
export const BUILTIN_ADMIN_ID = 'admin';

type Row = { id: string; name: string; role: Role; password_hash: string | null; builtin: number; created_at: number };
const toInfo = (r: Row): UserInfo => ({ id: r.id, name: r.name, role: r.role, builtin: r.builtin === 1, hasPassword: r.password_hash !== null, createdAt: r.created_at });

/**
 * Users of the headless host and the central: a unique name (case-insensitive), a role and a
 * scrypt hash of the password. The built-in admin always exists and stays an admin.
 */
export function createUsersRepo(db: Db, clock: Clock) {
  const byName = db.prepare<[string], Row>('SELECT * FROM users WHERE name = ?');
  const byId = db.prepare<[string], Row>('SELECT * FROM users WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM users ORDER BY builtin DESC, name');

  const named = (name: string): Row => {
    const row = byName.get(name.trim());
    if (!row) throw new NotFoundError(`No user named "${name.trim()}" (see "wardflux users list")`);
    return row;
  };
  const notBuiltin = (row: Row, what: string) => {
    if (row.builtin === 1) throw new ValidationError(`The built-in admin "${row.name}" cannot be ${what}`, [{ path: 'name', message: `The built-in admin cannot be ${what}` }]);
  };

  return {
    list: (): UserInfo[] => all.all().map(toInfo),
    /** The user with this id, or undefined once removed (checked on every call of a live session or token). */
    get(id: string): UserInfo | undefined {
      const row = byId.get(id);
      return row ? toInfo(row) : undefined;
    },
    byName(name: string): UserInfo {
      return toInfo(named(name));
    },
    async create(name: string, role: Role, password: string): Promise<UserInfo> {
      const clean = name.trim();
      if (byName.get(clean)) throw new ConflictError(`A user named "${clean}" exists already`, [{ path: 'name', message: 'Already used' }]);
      const hash = await hashPassword(password);
      const id = crypto.randomUUID();
      db.prepare('INSERT INTO users (id, name, role, password_hash, builtin, created_at) VALUES (?, ?, ?, ?, 0, ?)').run(id, clean, role, hash, clock.now());
      return toInfo(byId.get(id)!);
    },
    setRole(name: string, role: Role): UserInfo {
      const row = named(name);
      notBuiltin(row, 'given another role');
      db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, row.id);
      return toInfo(byId.get(row.id)!);
    },
    async setPassword(name: string, password: string): Promise<UserInfo> {
      const row = named(name);
      db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(await hashPassword(password), row.id);
      return toInfo(byId.get(row.id)!);
    },
    /** Removes the user and, with them, their tokens (their sessions end at their next call). */
    remove(name: string): UserInfo {
      const row = named(name);
      notBuiltin(row, 'removed');
      db.prepare('DELETE FROM users WHERE id = ?').run(row.id);
      return toInfo(row);
    },
    /** The user when the name and password match; undefined otherwise (an unknown name takes as long as a wrong password). */
    async authenticate(name: string, password: string): Promise<UserInfo | undefined> {
      const row = byName.get(name.trim());
      const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
      return ok && row?.password_hash ? toInfo(row) : undefined;
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
