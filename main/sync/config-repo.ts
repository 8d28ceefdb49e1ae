/**
 * The sync target's configuration in `sync_target` (row 1): URL, auth method, user name, extra
 * labels and on/off in the clear; the password or token sealed with the data key and never
 * returned by `get()`. Changing the URL restarts the backfill (a new server has none of the
 * history) and drops the stored secret (it is only sent to the server it was entered for);
 * re-enabling after a pause backfills from the pause.
 */
import type { SyncConfig } from '../api/sync.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { carrySecret, sameUrlDestination } from '../secrets/destination.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';

const CONTEXT = 'sync_target:1';

export type SyncAuth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface ResolvedSyncTarget {
  url: string;
  auth: SyncAuth;
  extraLabels: Record<string, string>;
  enabled: boolean;
}

export interface SyncConfigInput {
  url: string;
  authMethod: 'none' | 'basic' | 'bearer';
  username?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
  extraLabels?: Record<string, string> | undefined;
  enabled: boolean;
}

interface Row {
  url: string;
  auth_method: 'none' | 'basic' | 'bearer';
  username: string;
  secret: Buffer | null;
  has_password: number;
  has_token: number;
  extra_labels: string;
  enabled: number;
  updated_at: number;
  backfill_done: number;
}

interface Secrets {
  password?: string | undefined;
  token?: string | undefined;
}

/** The trailing-slash form: import paths are resolved against it. */
export function normaliseUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function createSyncConfigRepo(db: Db, box: SecretBox, clock: Clock) {
  const select = db.prepare<[], Row>('SELECT * FROM sync_target WHERE id = 1');

  function secrets(r: Row | undefined): Secrets {
    return r?.secret ? box.open<Secrets>(r.secret, CONTEXT) : {};
  }

  function get(): SyncConfig {
    const r = select.get();
    if (!r) return { url: '', authMethod: 'none', username: '', hasPassword: false, hasToken: false, extraLabels: {}, enabled: false, updatedAt: null };
    return {
      url: r.url,
      authMethod: r.auth_method,
      username: r.username,
      hasPassword: r.has_password === 1,
      hasToken: r.has_token === 1,
      extraLabels: JSON.parse(r.extra_labels) as Record<string, string>,
      enabled: r.enabled === 1,
      updatedAt: r.updated_at,
    };
  }

  /**
   * Merges input over the stored row: an omitted secret is kept when the method (and user) match
   * and the URL is the same destination (secrets/destination.ts); another server needs it again.
   */
  function mergeAuth(input: Pick<SyncConfigInput, 'url' | 'authMethod' | 'username' | 'password' | 'token'>): { auth: SyncAuth; username: string; secrets: Secrets } {
    const r = select.get();
    const stored = secrets(r);
    const same = r !== undefined && sameUrlDestination(r.url, normaliseUrl(input.url));
    if (input.authMethod === 'none') return { auth: { kind: 'none' }, username: '', secrets: {} };
    if (input.authMethod === 'bearer') {
      const token = carrySecret(input.token, r?.auth_method === 'bearer' ? stored.token : undefined, same, { path: 'token', label: 'bearer token' });
      if (!token) throw new ValidationError('A bearer token is required', [{ path: 'token', message: 'Required' }]);
      return { auth: { kind: 'bearer', token }, username: '', secrets: { token } };
    }
    const username = input.username ?? (r?.auth_method === 'basic' ? r.username : '');
    if (!username) throw new ValidationError('A user name is required', [{ path: 'username', message: 'Required' }]);
    // A stored password belongs to the stored user name: a new user needs a new password.
    const password = carrySecret(input.password, r?.auth_method === 'basic' && r.username === username ? stored.password : undefined, same, { path: 'password', label: 'password' });
    if (!password) throw new ValidationError('A password is required', [{ path: 'password', message: 'Required' }]);
    return { auth: { kind: 'basic', username, password }, username, secrets: { password } };
  }

  return {
    get,
    mergeAuth,

    /** Saves the target (and moves the backfill window as the change needs). Returns what the contract may show. */
    set(input: SyncConfigInput): SyncConfig {
      const prev = select.get();
      const m = mergeAuth(input);
      const url = normaliseUrl(input.url);
      const now = clock.now();
      // History is what was flushed before now; from now on every flush is queued. Samples are
      // stamped when polled, before their flush, so ts < now covers the history exactly.
      const to = now - 1;
      const extra = JSON.stringify(input.extraLabels ?? (prev ? (JSON.parse(prev.extra_labels) as Record<string, string>) : {}));
      db.transaction(() => {
        db.prepare(
          `INSERT INTO sync_target (id, url, auth_method, username, secret, has_password, has_token, extra_labels, enabled, updated_at, backfill_from, backfill_to)
           VALUES (1, @url, @auth_method, @username, @secret, @has_password, @has_token, @extra, @enabled, @now, 0, @to)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, auth_method = excluded.auth_method, username = excluded.username,
             secret = excluded.secret, has_password = excluded.has_password, has_token = excluded.has_token,
             extra_labels = excluded.extra_labels, enabled = excluded.enabled, updated_at = excluded.updated_at`,
        ).run({
          url,
          auth_method: input.authMethod,
          username: m.username,
          secret: m.auth.kind === 'none' ? null : box.seal(m.secrets, CONTEXT),
          has_password: m.secrets.password ? 1 : 0,
          has_token: m.secrets.token ? 1 : 0,
          extra,
          enabled: input.enabled ? 1 : 0,
          now,
          to,
        });
        if (prev && !sameUrlDestination(prev.url, url)) {
          // A different server has none of the history: backfill everything again.
          db.prepare(
            `UPDATE sync_target SET backfill_series = -1, backfill_ts = -1, backfill_from = 0, backfill_to = ?, backfill_done = 0, paused_at = NULL,
               attempts = 0, next_attempt_at = 0, last_error = NULL, last_error_at = NULL, pushed_until_ts = NULL WHERE id = 1`,
          ).run(to);
        } else if (prev && prev.enabled === 1 && !input.enabled) {
          db.prepare('UPDATE sync_target SET paused_at = ? WHERE id = 1').run(now);
        } else if (prev && prev.enabled === 0 && input.enabled) {
          // Samples written while paused were not queued: backfill from a minute before the pause
          // (an unfinished backfill just resumes where it was, to the new end).
          db.prepare(
            `UPDATE sync_target SET
               backfill_series = CASE WHEN backfill_done = 1 THEN -1 ELSE backfill_series END,
               backfill_ts = CASE WHEN backfill_done = 1 THEN -1 ELSE backfill_ts END,
               backfill_from = CASE WHEN backfill_done = 1 THEN max(0, coalesce(paused_at, 0) - 60000) ELSE backfill_from END,
               backfill_to = ?, backfill_done = 0, paused_at = NULL, attempts = 0, next_attempt_at = 0 WHERE id = 1`,
          ).run(to);
        }
      })();
      return get();
    },

    /** The stored target with its secret; undefined when none is saved. */
    resolve(): ResolvedSyncTarget | undefined {
      const r = select.get();
      if (!r) return undefined;
      const s = secrets(r);
      let auth: SyncAuth = { kind: 'none' };
      if (r.auth_method === 'basic' && s.password) auth = { kind: 'basic', username: r.username, password: s.password };
      if (r.auth_method === 'bearer' && s.token) auth = { kind: 'bearer', token: s.token };
      return { url: r.url, auth, extraLabels: JSON.parse(r.extra_labels) as Record<string, string>, enabled: r.enabled === 1 };
    },
  };
}

export type SyncConfigRepo = ReturnType<typeof createSyncConfigRepo>;
