import crypto from 'node:crypto';
import type { TokenInfo } from '../api/tokens.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from './database.ts';
import { BUILTIN_ADMIN_ID } from './users-repo.ts';

const PREFIX = 'wf_';
/** Last use is recorded at most this often per token: a busy script must not write on every call. */
const TOUCH_EVERY_MS = 60_000;
const MAX_NAME = 100;

function hash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

type Row = { id: string; name: string; created_at: number; last_used_at: number | null; user_name: string | null };
const toInfo = (r: Row): TokenInfo => ({ id: r.id, name: r.name, user: r.user_name ?? BUILTIN_ADMIN_ID, createdAt: r.created_at, lastUsedAt: r.last_used_at });

/**
 * Bearer tokens for the HTTP API and the headless host. A token is 32 random bytes; only its
 * SHA-256 is stored, so the database never holds a usable token (high-entropy tokens need no
 * slow hash). Names are unique, so `wardflux token revoke NAME` means one token. A token belongs
 * to a user and acts with that user's role; removing the user removes its tokens.
 */
export function createTokensRepo(db: Db, clock: Clock) {
  const touch = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  const byHash = db.prepare<[string], { id: string; last_used_at: number | null; user_id: string | null }>('SELECT id, last_used_at, user_id FROM api_tokens WHERE token_hash = ?');
  const byId = db.prepare<[string], { id: string }>('SELECT id FROM api_tokens WHERE id = ?');
  const list = db.prepare<[], Row>(
    'SELECT t.id, t.name, t.created_at, t.last_used_at, u.name AS user_name FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id ORDER BY t.created_at, t.name',
  );
  return {
    /** A new token of the user with id `userId` (the built-in admin by default). */
    create(name: string, userId: string = BUILTIN_ADMIN_ID): { token: string; info: TokenInfo } {
      const clean = name.trim();
      if (!clean || clean.length > MAX_NAME) throw new ValidationError(`A token name is 1-${MAX_NAME} characters`, [{ path: 'name', message: `1-${MAX_NAME} characters` }]);
      if (list.all().some((r) => r.name === clean)) throw new ConflictError(`A token named "${clean}" exists already; revoke it or pick another name`, [{ path: 'name', message: 'Already used' }]);
      const id = crypto.randomUUID();
      const token = PREFIX + crypto.randomBytes(32).toString('base64url');
      const now = clock.now();
      db.prepare('INSERT INTO api_tokens (id, name, token_hash, created_at, user_id) VALUES (?, ?, ?, ?, ?)').run(id, clean, hash(token), now, userId);
      return { token, info: list.all().map(toInfo).find((t) => t.id === id)! };
    },
    /** The token's id and its user's when it is valid, else undefined. Records its use. */
    verify(token: string): { tokenId: string; userId: string } | undefined {
      if (!token.startsWith(PREFIX)) return undefined;
      const row = byHash.get(hash(token));
      if (!row) return undefined;
      const now = clock.now();
      if (row.last_used_at === null || now - row.last_used_at >= TOUCH_EVERY_MS) touch.run(now, row.id);
      return { tokenId: row.id, userId: row.user_id ?? BUILTIN_ADMIN_ID };
    },
    /** True while the token with this id is not revoked (checked on every call of a live connection). */
    exists(id: string): boolean {
      return byId.get(id) !== undefined;
    },
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n;
    },
    list(): TokenInfo[] {
      return list.all().map(toInfo);
    },
    /** Revokes the token with this id, or else with this name; the revoked token's info. */
    revoke(idOrName: string): TokenInfo {
      const rows = list.all();
      const named = rows.filter((r) => r.name === idOrName);
      // Databases from before names were unique may hold two tokens of one name.
      if (named.length > 1) throw new ConflictError(`${named.length} tokens are named "${idOrName}": revoke one by its id (see "wardflux token list")`);
      const row = rows.find((r) => r.id === idOrName) ?? named[0];
      if (!row) throw new NotFoundError(`No API token with id or name "${idOrName}" (see "wardflux token list")`);
      db.prepare('DELETE FROM api_tokens WHERE id = ?').run(row.id);
      return toInfo(row);
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
