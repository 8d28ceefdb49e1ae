/**
 * Notification channels in SQLite. Non-secret settings are plain JSON; secrets (SMTP password,
 * webhook HMAC secret and header values) are sealed with the data key, bound to the channel id,
 * and only ever opened for a delivery: the contract sees `hasPassword` / `hasSecret` / header names.
 * They are bound to their destination (secrets/destination.ts): an update that moves a channel to
 * another SMTP server or webhook URL keeps only the secrets it gives again.
 */
import crypto from 'node:crypto';
import type { ZodError } from 'zod';
import { type Channel, type ChannelCreateInput, type ChannelUpdateInput, EmailSettingsInput, WebhookSettingsInput } from '../api/notifications.ts';
import { fieldIssues } from '../api/field-issues.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { carrySecret, sameSmtpDestination, sameUrlDestination } from '../secrets/destination.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { type Db, isUniqueViolation } from '../store/database.ts';
import { checkTemplate } from './render.ts';

type Routing = Channel['routing'];

export interface EmailSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username?: string;
  password?: string;
  from: string;
  to: string[];
  allowSelfSigned: boolean;
}

export interface WebhookSettings {
  url: string;
  headers: Record<string, string>;
  bodyTemplate?: string;
  secret?: string;
  timeoutSec: number;
}

/** A channel with its secrets opened: for delivery only, never for the contract or a log. */
export interface ResolvedChannel {
  id: string;
  name: string;
  type: Channel['type'];
  enabled: boolean;
  routing: Routing;
  digestSec: number;
  email?: EmailSettings;
  webhook?: WebhookSettings;
}

interface Row {
  id: string;
  name: string;
  type: Channel['type'];
  enabled: number;
  routing: string;
  digest_sec: number;
  settings: string;
  secret: Buffer | null;
  created_at: number;
  updated_at: number;
}

interface Secrets {
  password?: string;
  secret?: string;
  headers?: Record<string, string>;
}

function invalid(what: string, error: ZodError, prefix: string): ValidationError {
  const issues = fieldIssues(error).map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));
  return new ValidationError(`Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

export function createChannelsRepo(db: Db, box: SecretBox, clock: Clock) {
  function row(id: string): Row {
    const r = db.prepare<[string], Row>('SELECT * FROM notification_channels WHERE id = ?').get(id);
    if (!r) throw new NotFoundError(`No notification channel with id ${id}; it may have been deleted.`);
    return r;
  }

  function resolveRow(r: Row): ResolvedChannel {
    const settings = JSON.parse(r.settings) as Record<string, unknown>;
    const secrets: Secrets = r.secret ? box.open<Secrets>(r.secret, r.id) : {};
    const c: ResolvedChannel = { id: r.id, name: r.name, type: r.type, enabled: r.enabled === 1, routing: JSON.parse(r.routing) as Routing, digestSec: r.digest_sec };
    if (r.type === 'email') {
      const { headerNames: _h, ...s } = settings;
      c.email = { ...(s as Omit<EmailSettings, 'password'>), ...(secrets.password ? { password: secrets.password } : {}) };
    } else if (r.type === 'webhook') {
      const { headerNames: _h, ...s } = settings;
      c.webhook = { ...(s as Omit<WebhookSettings, 'headers' | 'secret'>), headers: secrets.headers ?? {}, ...(secrets.secret ? { secret: secrets.secret } : {}) };
    }
    return c;
  }

  function toChannel(r: Row): Channel {
    const c = resolveRow(r);
    const out: Channel = { id: c.id, name: c.name, type: c.type, enabled: c.enabled, routing: c.routing, digestSec: c.digestSec, createdAt: r.created_at, updatedAt: r.updated_at };
    if (c.email) {
      const { password, ...rest } = c.email;
      out.email = { ...rest, hasPassword: Boolean(password) };
    }
    if (c.webhook) {
      const { headers, secret, ...rest } = c.webhook;
      out.webhook = { ...rest, headerNames: Object.keys(headers), hasSecret: Boolean(secret) };
    }
    return out;
  }

  function save(c: ResolvedChannel, isNew: boolean): Channel {
    if (c.webhook?.bodyTemplate) checkTemplate(c.webhook.bodyTemplate);
    let settings: Record<string, unknown> = {};
    let secrets: Secrets = {};
    if (c.email) {
      const { password, ...rest } = c.email;
      settings = rest;
      if (password) secrets = { password };
    } else if (c.webhook) {
      const { headers, secret, ...rest } = c.webhook;
      settings = { ...rest, headerNames: Object.keys(headers) };
      secrets = { headers, ...(secret ? { secret } : {}) };
    }
    const params = {
      id: c.id,
      name: c.name,
      type: c.type,
      enabled: c.enabled ? 1 : 0,
      routing: JSON.stringify(c.routing),
      digest_sec: c.digestSec,
      settings: JSON.stringify(settings),
      secret: Object.keys(secrets).length ? box.seal(secrets, c.id) : null,
      now: clock.now(),
    };
    try {
      if (isNew) {
        db.prepare(
          `INSERT INTO notification_channels (id, name, type, enabled, routing, digest_sec, settings, secret, created_at, updated_at)
           VALUES (@id, @name, @type, @enabled, @routing, @digest_sec, @settings, @secret, @now, @now)`,
        ).run(params);
      } else {
        db.prepare(
          `UPDATE notification_channels SET name = @name, enabled = @enabled, routing = @routing, digest_sec = @digest_sec, settings = @settings,
             secret = @secret, updated_at = @now WHERE id = @id`,
        ).run(params);
      }
    } catch (err) {
      if (isUniqueViolation(err, 'notification_channels.name')) throw new ConflictError(`A channel named "${c.name}" already exists.`, [{ path: 'name', message: 'Name already in use' }]);
      throw err;
    }
    return toChannel(row(c.id));
  }

  return {
    list: (): Channel[] => db.prepare<[], Row>('SELECT * FROM notification_channels ORDER BY name COLLATE NOCASE').all().map(toChannel),
    get: (id: string): Channel => toChannel(row(id)),
    /** With secrets, for delivery. */
    resolve: (id: string): ResolvedChannel => resolveRow(row(id)),
    /** Every enabled channel, with secrets, for routing. */
    enabled: (): ResolvedChannel[] => db.prepare<[], Row>('SELECT * FROM notification_channels WHERE enabled = 1').all().map(resolveRow),

    create(input: ChannelCreateInput): Channel {
      const base = { id: crypto.randomUUID(), name: input.name, type: input.type, enabled: input.enabled, routing: input.routing, digestSec: input.digestSec };
      if (input.type === 'email') return save({ ...base, email: input.email }, true);
      if (input.type === 'webhook') return save({ ...base, webhook: input.webhook }, true);
      return save(base, true);
    },

    update(input: ChannelUpdateInput): Channel {
      const current = resolveRow(row(input.id));
      const next: ResolvedChannel = {
        ...current,
        name: input.name ?? current.name,
        enabled: input.enabled ?? current.enabled,
        routing: input.routing ?? current.routing,
        digestSec: input.digestSec ?? current.digestSec,
      };
      if (input.email) {
        if (current.type !== 'email') throw new ValidationError(`Channel "${current.name}" is a ${current.type} channel, not email`, [{ path: 'email', message: 'Wrong channel type' }]);
        const { password, ...given } = input.email;
        const merged: Record<string, unknown> = { ...current.email, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
        delete merged.password;
        const parsed = EmailSettingsInput.safeParse(merged);
        if (!parsed.success) throw invalid('email settings', parsed.error, 'email');
        const stored = current.email;
        // The password is only sent to the SMTP server it was entered for; with a user name it is
        // needed, without one it is just not kept.
        const kept = carrySecret(
          password === null ? undefined : password,
          password === null ? undefined : stored?.password,
          !!stored && sameSmtpDestination(stored, parsed.data),
          parsed.data.username ? { path: 'email.password', label: 'SMTP password', destination: 'SMTP server (host, port or TLS mode)' } : undefined,
        );
        next.email = { ...parsed.data, ...(kept ? { password: kept } : {}) };
      }
      if (input.webhook) {
        if (current.type !== 'webhook') throw new ValidationError(`Channel "${current.name}" is a ${current.type} channel, not a webhook`, [{ path: 'webhook', message: 'Wrong channel type' }]);
        const { secret, headers, ...given } = input.webhook;
        const merged: Record<string, unknown> = { ...current.webhook, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
        const stored = current.webhook;
        // Header values and the HMAC key are only sent to the URL they were entered for: another
        // URL keeps only what this update gives (both are optional, so nothing is refused).
        const same = !!stored && sameUrlDestination(stored.url, String(merged.url));
        merged.headers = carrySecret(headers, stored?.headers, same) ?? {};
        delete merged.secret;
        const keptSecret = carrySecret(secret === null ? undefined : secret, secret === null ? undefined : stored?.secret, same);
        if (keptSecret) merged.secret = keptSecret;
        const parsed = WebhookSettingsInput.safeParse(merged);
        if (!parsed.success) throw invalid('webhook settings', parsed.error, 'webhook');
        next.webhook = parsed.data;
      }
      return save(next, false);
    },

    delete(id: string): void {
      row(id);
      db.prepare('DELETE FROM notification_channels WHERE id = ?').run(id);
    },
  };
}

export type ChannelsRepo = ReturnType<typeof createChannelsRepo>;
