/**
 * The Zabbix connection in SQLite: URL, auth method and user name in the clear, the token or
 * password sealed with the data key. `get()` is what the contract may show; `resolve()` opens the
 * secret for the client inside the engine.
 */
import type { ZabbixConfig } from '../api/zabbix.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { carrySecret, sameUrlDestination } from '../secrets/destination.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';
import { apiEndpoint, type ZabbixAuth } from './api/client.ts';

export const DEFAULT_HOST_GROUP = 'WARD FLUX';
/** The generic SNMP template's name across versions: 5.4+ and the older one. */
export const DEFAULT_TEMPLATES = ['Generic by SNMP', 'Network Generic Device by SNMP', 'Template Net Generic Device SNMP'];
const CONTEXT = 'zabbix_config:1';

interface Row {
  url: string;
  auth_method: 'token' | 'password';
  username: string;
  secret: Buffer | null;
  has_token: number;
  has_password: number;
  host_group: string;
  templates: string;
  server_version: string | null;
  updated_at: number;
}

interface Secrets {
  token?: string | undefined;
  password?: string | undefined;
}

/** A configuration with its secret, for building a client. */
export interface ResolvedZabbixConfig {
  url: string;
  auth: ZabbixAuth | undefined;
  hostGroup: string;
  templates: string[];
}

export interface ZabbixConfigInput {
  url: string;
  authMethod: 'token' | 'password';
  token?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  hostGroup?: string | undefined;
  templates?: string[] | undefined;
}

/** Whether two configured URLs are the same Zabbix server: the same API endpoint. */
export function sameServer(a: string, b: string): boolean {
  return sameUrlDestination(apiEndpoint(a), apiEndpoint(b));
}

export function createZabbixConfigRepo(db: Db, box: SecretBox, clock: Clock) {
  const select = db.prepare<[], Row>('SELECT * FROM zabbix_config WHERE id = 1');

  function secrets(r: Row): Secrets {
    return r.secret ? box.open<Secrets>(r.secret, CONTEXT) : {};
  }

  function get(): ZabbixConfig {
    const r = select.get();
    if (!r) {
      return { url: '', authMethod: 'token', username: '', hasToken: false, hasPassword: false, hostGroup: DEFAULT_HOST_GROUP, templates: DEFAULT_TEMPLATES, serverVersion: null, updatedAt: null };
    }
    return {
      url: r.url,
      authMethod: r.auth_method,
      username: r.username,
      hasToken: r.has_token === 1,
      hasPassword: r.has_password === 1,
      hostGroup: r.host_group,
      templates: JSON.parse(r.templates) as string[],
      serverVersion: r.server_version,
      updatedAt: r.updated_at,
    };
  }

  /**
   * Merges `input` over what is stored and checks the result is usable. An omitted secret is kept
   * only for the same server (the API endpoint, secrets/destination.ts): another URL needs it again.
   */
  function merge(input: ZabbixConfigInput): ResolvedZabbixConfig & { secrets: Secrets; username: string } {
    const r = select.get();
    const stored = r ? secrets(r) : {};
    const same = r !== undefined && sameServer(r.url, input.url);
    const username = input.username ?? (r?.username || '');
    const merged: Secrets = {
      token: input.authMethod === 'token' ? carrySecret(input.token, stored.token, same, { path: 'token', label: 'API token' }) : undefined,
      // A stored password belongs to the stored user name: a new user needs a new password.
      password:
        input.authMethod === 'password'
          ? carrySecret(input.password, username === r?.username ? stored.password : undefined, same, { path: 'password', label: 'password' })
          : undefined,
    };
    if (input.authMethod === 'token' && !merged.token) throw new ValidationError('An API token is required', [{ path: 'token', message: 'Required' }]);
    if (input.authMethod === 'password') {
      if (!username) throw new ValidationError('A user name is required', [{ path: 'username', message: 'Required' }]);
      if (!merged.password) throw new ValidationError('A password is required', [{ path: 'password', message: 'Required' }]);
    }
    const auth: ZabbixAuth =
      input.authMethod === 'token' ? { kind: 'token', token: merged.token! } : { kind: 'password', username, password: merged.password! };
    return {
      url: input.url,
      auth,
      secrets: merged,
      username: input.authMethod === 'password' ? username : '',
      hostGroup: input.hostGroup ?? r?.host_group ?? DEFAULT_HOST_GROUP,
      templates: input.templates ?? (r ? (JSON.parse(r.templates) as string[]) : DEFAULT_TEMPLATES),
    };
  }

  return {
    get,
    merge,

    set(input: ZabbixConfigInput): ZabbixConfig {
      const m = merge(input);
      const prev = select.get();
      db.prepare(
        `INSERT INTO zabbix_config (id, url, auth_method, username, secret, has_token, has_password, host_group, templates, server_version, updated_at)
         VALUES (1, @url, @auth_method, @username, @secret, @has_token, @has_password, @host_group, @templates, @server_version, @now)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, auth_method = excluded.auth_method, username = excluded.username,
           secret = excluded.secret, has_token = excluded.has_token, has_password = excluded.has_password, host_group = excluded.host_group,
           templates = excluded.templates, server_version = excluded.server_version, updated_at = excluded.updated_at`,
      ).run({
        url: m.url,
        auth_method: input.authMethod,
        username: m.username,
        secret: box.seal(m.secrets, CONTEXT),
        has_token: m.secrets.token ? 1 : 0,
        has_password: m.secrets.password ? 1 : 0,
        host_group: m.hostGroup,
        templates: JSON.stringify(m.templates),
        // A different server: its version is unknown until the next connection.
        server_version: prev && sameServer(prev.url, m.url) ? prev.server_version : null,
        now: clock.now(),
      });
      return get();
    },

    /** The stored configuration with its secret; undefined when none is saved. */
    resolve(): ResolvedZabbixConfig | undefined {
      const r = select.get();
      if (!r) return undefined;
      const s = secrets(r);
      let auth: ZabbixAuth | undefined;
      if (r.auth_method === 'token' && s.token) auth = { kind: 'token', token: s.token };
      if (r.auth_method === 'password' && s.password) auth = { kind: 'password', username: r.username, password: s.password };
      return { url: r.url, auth, hostGroup: r.host_group, templates: JSON.parse(r.templates) as string[] };
    },

    setServerVersion(version: string): void {
      db.prepare('UPDATE zabbix_config SET server_version = ? WHERE id = 1').run(version);
    },
  };
}

export type ZabbixConfigRepo = ReturnType<typeof createZabbixConfigRepo>;
