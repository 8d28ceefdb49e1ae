import crypto from 'node:crypto';
import type { z } from 'zod';
import { type Credential, CredentialCreateInput, type CredentialUpdateInput } from '../api/credentials.ts';
import { fieldIssues } from '../api/field-issues.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { type Db, isUniqueViolation } from './database.ts';

/** The secret half of a credential: only ever inside the engine, sealed at rest. */
export interface CredentialSecrets {
  community?: string;
  authKey?: string;
  privKey?: string;
}

/** A credential with its secrets opened: for the SNMP engine, never for the contract. */
export type ResolvedCredential = z.output<typeof CredentialCreateInput> & { id: string };

interface CredentialRow {
  id: string;
  name: string;
  version: '1' | '2c' | '3';
  username: string | null;
  security_level: Credential['securityLevel'] | null;
  auth_protocol: Credential['authProtocol'] | null;
  priv_protocol: Credential['privProtocol'] | null;
  context_name: string | null;
  secret: Buffer;
  has_community: number;
  has_auth_key: number;
  has_priv_key: number;
  created_at: number;
  updated_at: number;
  used_by: number;
}

const SELECT = 'SELECT c.*, (SELECT count(DISTINCT device_id) FROM device_credentials dc WHERE dc.credential_id = c.id) AS used_by FROM credentials c';

function toCredential(row: CredentialRow): Credential {
  const c: Credential = {
    id: row.id,
    name: row.name,
    version: row.version,
    hasCommunity: row.has_community === 1,
    hasAuthKey: row.has_auth_key === 1,
    hasPrivKey: row.has_priv_key === 1,
    usedBy: row.used_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.username !== null) c.username = row.username;
  if (row.security_level !== null) c.securityLevel = row.security_level;
  if (row.auth_protocol !== null) c.authProtocol = row.auth_protocol;
  if (row.priv_protocol !== null) c.privProtocol = row.priv_protocol;
  if (row.context_name !== null) c.contextName = row.context_name;
  return c;
}

/** SNMPv3 fields a security level requires, checked after defaults and merges. */
function v3Problems(c: ResolvedCredential): { path: string; message: string }[] {
  if (c.version !== '3') return [];
  const problems: { path: string; message: string }[] = [];
  if (c.securityLevel !== 'noAuthNoPriv') {
    if (!c.authProtocol) problems.push({ path: 'authProtocol', message: `Required for ${c.securityLevel}` });
    if (!c.authKey) problems.push({ path: 'authKey', message: `Required for ${c.securityLevel}` });
  }
  if (c.securityLevel === 'authPriv') {
    if (!c.privProtocol) problems.push({ path: 'privProtocol', message: 'Required for authPriv' });
    if (!c.privKey) problems.push({ path: 'privKey', message: 'Required for authPriv' });
  }
  return problems;
}

/** SNMP credentials in SQLite, secrets sealed with the data key and bound to their row id. */
export function createCredentialsRepo(db: Db, box: SecretBox, clock: Clock) {
  const byId = db.prepare<[string], CredentialRow>(`${SELECT} WHERE c.id = ?`);
  // The pollers' lookup (every SNMP poll): without the device count, which reads every device using the credential.
  const secretsById = db.prepare<[string], CredentialRow>('SELECT c.*, 0 AS used_by FROM credentials c WHERE c.id = ?');

  function row(id: string): CredentialRow {
    const r = byId.get(id);
    if (!r) throw new NotFoundError(`No credential with id ${id}; it may have been deleted.`);
    return r;
  }

  function resolveRow(r: CredentialRow): ResolvedCredential {
    const secrets = box.open<CredentialSecrets>(r.secret, r.id);
    if (r.version === '3') {
      const c: ResolvedCredential = { id: r.id, name: r.name, version: '3', username: r.username ?? '', securityLevel: r.security_level ?? 'noAuthNoPriv' };
      if (r.auth_protocol) c.authProtocol = r.auth_protocol;
      if (r.priv_protocol) c.privProtocol = r.priv_protocol;
      if (r.context_name) c.contextName = r.context_name;
      if (secrets.authKey) c.authKey = secrets.authKey;
      if (secrets.privKey) c.privKey = secrets.privKey;
      return c;
    }
    return { id: r.id, name: r.name, version: r.version, community: secrets.community ?? '' };
  }

  function save(c: ResolvedCredential, isNew: boolean): Credential {
    const problems = v3Problems(c);
    if (problems.length) throw new ValidationError(`Incomplete SNMPv3 credential: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    const v3 = c.version === '3' ? c : undefined;
    const secrets: CredentialSecrets = c.version === '3' ? { authKey: c.authKey, privKey: c.privKey } : { community: c.community };
    const params = {
      id: c.id,
      name: c.name,
      version: c.version,
      username: v3?.username ?? null,
      security_level: v3?.securityLevel ?? null,
      auth_protocol: v3 && v3.securityLevel !== 'noAuthNoPriv' ? (v3.authProtocol ?? null) : null,
      priv_protocol: v3 && v3.securityLevel === 'authPriv' ? (v3.privProtocol ?? null) : null,
      context_name: v3?.contextName ?? null,
      secret: box.seal(secrets, c.id),
      has_community: secrets.community ? 1 : 0,
      has_auth_key: secrets.authKey ? 1 : 0,
      has_priv_key: secrets.privKey ? 1 : 0,
      now: clock.now(),
    };
    try {
      if (isNew) {
        db.prepare(
          `INSERT INTO credentials (id, name, version, username, security_level, auth_protocol, priv_protocol, context_name, secret,
             has_community, has_auth_key, has_priv_key, created_at, updated_at)
           VALUES (@id, @name, @version, @username, @security_level, @auth_protocol, @priv_protocol, @context_name, @secret,
             @has_community, @has_auth_key, @has_priv_key, @now, @now)`,
        ).run(params);
      } else {
        db.prepare(
          `UPDATE credentials SET name = @name, version = @version, username = @username, security_level = @security_level,
             auth_protocol = @auth_protocol, priv_protocol = @priv_protocol, context_name = @context_name, secret = @secret,
             has_community = @has_community, has_auth_key = @has_auth_key, has_priv_key = @has_priv_key, updated_at = @now
           WHERE id = @id`,
        ).run(params);
      }
    } catch (err) {
      if (isUniqueViolation(err, 'credentials.name')) {
        throw new ConflictError(`A credential named "${c.name}" already exists.`, [{ path: 'name', message: 'Name already in use' }]);
      }
      throw err;
    }
    return toCredential(row(c.id));
  }

  return {
    list(): Credential[] {
      return db.prepare<[], CredentialRow>(`${SELECT} ORDER BY c.name COLLATE NOCASE`).all().map(toCredential);
    },

    get(id: string): Credential {
      return toCredential(row(id));
    },

    /** The credential with its secrets, for the SNMP engine. */
    resolve(id: string): ResolvedCredential {
      const r = secretsById.get(id);
      if (!r) throw new NotFoundError(`No credential with id ${id}; it may have been deleted.`);
      return resolveRow(r);
    },

    create(input: z.output<typeof CredentialCreateInput>): Credential {
      return save({ ...input, id: crypto.randomUUID() }, true);
    },

    update(input: z.output<typeof CredentialUpdateInput>): Credential {
      const current = resolveRow(row(input.id));
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const merged: Record<string, unknown> = { ...current, ...changes };
      if (merged.version !== '3') for (const k of ['username', 'securityLevel', 'authProtocol', 'authKey', 'privProtocol', 'privKey', 'contextName']) delete merged[k];
      else delete merged.community;
      const { id, ...rest } = merged;
      const parsed = CredentialCreateInput.safeParse(rest);
      if (!parsed.success) {
        const issues = fieldIssues(parsed.error);
        throw new ValidationError(`Invalid credential: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
      }
      return save({ ...parsed.data, id: id as string }, false);
    },

    delete(id: string): void {
      const r = row(id);
      if (r.used_by > 0) {
        throw new ConflictError(`Credential "${r.name}" is used by ${r.used_by} device(s); remove it from them first.`);
      }
      db.prepare('DELETE FROM credentials WHERE id = ?').run(id);
    },
  };
}

export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;
