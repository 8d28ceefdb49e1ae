import crypto from 'node:crypto';
import type { Clock } from '../lib/clock.ts';
import type { Db } from './database.ts';

const PREFIX = 'wf_';

function hash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * Bearer tokens for the HTTP API. A token is 32 random bytes; only its SHA-256 is stored, so the
 * database never holds a usable token (high-entropy tokens need no slow hash).
 */
export function createTokensRepo(db: Db, clock: Clock) {
  const touch = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  const byHash = db.prepare<[string], { id: string }>('SELECT id FROM api_tokens WHERE token_hash = ?');
  return {
    create(name: string): { token: string; info: TokenInfo } {
      const id = crypto.randomUUID();
      const token = PREFIX + crypto.randomBytes(32).toString('base64url');
      const now = clock.now();
      db.prepare('INSERT INTO api_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)').run(id, name, hash(token), now);
      return { token, info: { id, name, createdAt: now, lastUsedAt: null } };
    },
    /** The token's id when it is valid, else undefined. */
    verify(token: string): string | undefined {
      if (!token.startsWith(PREFIX)) return undefined;
      const row = byHash.get(hash(token));
      if (row) touch.run(clock.now(), row.id);
      return row?.id;
    },
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n;
    },
    list(): TokenInfo[] {
      return db
        .prepare<[], { id: string; name: string; created_at: number; last_used_at: number | null }>('SELECT * FROM api_tokens ORDER BY created_at')
        .all()
        .map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
    },
    revoke(id: string): boolean {
      return db.prepare('DELETE FROM api_tokens WHERE id = ?').run(id).changes > 0;
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
