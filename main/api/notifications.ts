/**
 * Notification channels: email (SMTP), webhook (JSON POST, HMAC-signed) and desktop (shown by the
 * Electron shell). Secrets (SMTP password, webhook HMAC secret, webhook header values) go in and
 * never come out: outputs carry only whether they are set.
 */
import { z } from 'zod';
import { Severity } from './alerts.ts';
import { ipFamily } from '../net/address.ts';
import { isHostName } from '../net/host-name.ts';
import { Id, Name, Tag, Timestamp } from './common.ts';

/** An email address, with the offending value in the message. */
export const EmailAddress = z
  .string()
  .trim()
  .max(254, 'Email addresses are at most 254 characters')
  .superRefine((v, ctx) => {
    if (!z.email().safeParse(v).success) ctx.addIssue({ code: 'custom', message: `"${v.slice(0, 80)}" is not a valid email address (name@example.com)` });
  });

/** An http(s) URL; any other scheme is refused with the scheme named. */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2000, 'URLs are at most 2000 characters')
  .superRefine((v, ctx) => {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${v.slice(0, 80)}" is not a URL (for example https://hooks.example.com/wardflux)` });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `Webhook URLs must use http:// or https://, not ${url.protocol}//` });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Put credentials in a header (they are stored encrypted), not in the URL' });
    }
  });

const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Header names are letters, digits and - _ (no spaces)');
const HeaderValue = z.string().max(4000).regex(/^[^\r\n]*$/, 'Header values cannot contain line breaks');

export const SmtpSecurity = z.enum(['starttls', 'tls', 'none']);

/** The email fields without their defaults: an update's omitted field keeps its value, not the default. */
const emailFields = {
  host: z
    .string()
    .trim()
    .min(1, 'SMTP host is required')
    .max(254)
    .refine((h) => isHostName(h) || ipFamily(h) !== 0, 'SMTP host must be a host name or an IP address'),
  port: z.number().int().min(1).max(65_535),
  /** starttls: plain then upgraded (port 587, required); tls: TLS from the start (port 465); none: no encryption (lab use). */
  security: SmtpSecurity,
  username: z.string().max(256).optional(),
  /** Write-only. */
  password: z.string().max(1024).optional(),
  from: EmailAddress,
  to: z.array(EmailAddress).min(1, 'At least one recipient').max(50, 'At most 50 recipients'),
  /** Accept self-signed certificates (common on customer sites); default false. */
  allowSelfSigned: z.boolean(),
};

export const EmailSettingsInput = z.strictObject({
  ...emailFields,
  port: emailFields.port.default(587),
  security: emailFields.security.default('starttls'),
  allowSelfSigned: emailFields.allowSelfSigned.default(false),
});

const webhookFields = {
  url: WebhookUrl,
  /** Write-only: values may hold tokens. Content-Type and the X-WardFlux-* headers are set by WARD FLUX. */
  headers: z.record(HeaderName, HeaderValue),
  /** JSON with {{alert.*}} / {{event.*}} placeholders; default: the whole event as JSON. */
  bodyTemplate: z.string().max(20_000).optional(),
  /** Write-only HMAC-SHA256 key for X-WardFlux-Signature. */
  secret: z.string().min(16, 'Use an HMAC secret of at least 16 characters').max(512).optional(),
  timeoutSec: z.number().int().min(1).max(120),
};

export const WebhookSettingsInput = z.strictObject({
  ...webhookFields,
  headers: webhookFields.headers.default({}),
  timeoutSec: webhookFields.timeoutSec.default(10),
});

export const Routing = z.strictObject({
  /** Empty = every severity. */
  severities: z.array(Severity).max(5).default([]),
  /** Empty = every device; otherwise devices with at least one of these tags. */
  tags: z.array(Tag).max(32).default([]),
  events: z.array(z.enum(['firing', 'resolved', 'acknowledged'])).min(1, 'Pick at least one event to send').default(['firing', 'resolved']),
});
const DEFAULT_ROUTING = { severities: [], tags: [], events: ['firing', 'resolved'] as ('firing' | 'resolved' | 'acknowledged')[] };

const common = {
  name: Name,
  enabled: z.boolean().default(true),
  routing: Routing.default(DEFAULT_ROUTING),
  /** 0 = send each event at once; N = coalesce the events of N seconds into one message. */
  digestSec: z.number().int().min(0).max(3600).default(0),
};

export const ChannelCreateInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('email'), ...common, email: EmailSettingsInput }),
  z.strictObject({ type: z.literal('webhook'), ...common, webhook: WebhookSettingsInput }),
  z.strictObject({ type: z.literal('desktop'), ...common }),
]);
export type ChannelCreateInput = z.output<typeof ChannelCreateInput>;

/**
 * Fields to change; a field left out keeps its value (no defaults here). A secret left out keeps
 * its stored value while the destination stays the same (another SMTP host, port or TLS mode, or
 * another webhook URL, drops it: secrets/destination.ts); null clears it. Webhook headers given
 * replace them all.
 */
export const ChannelUpdateInput = z.strictObject({
  id: Id,
  name: Name.optional(),
  enabled: z.boolean().optional(),
  routing: Routing.optional(),
  digestSec: z.number().int().min(0).max(3600).optional(),
  email: z.strictObject(emailFields).partial().extend({ password: emailFields.password.unwrap().nullable().optional() }).optional(),
  webhook: z.strictObject(webhookFields).partial().extend({ secret: webhookFields.secret.unwrap().nullable().optional() }).optional(),
});
export type ChannelUpdateInput = z.output<typeof ChannelUpdateInput>;

export const Channel = z.object({
  id: Id,
  name: z.string(),
  type: z.enum(['email', 'webhook', 'desktop']),
  enabled: z.boolean(),
  routing: Routing,
  digestSec: z.number().int(),
  email: z
    .object({
      host: z.string(),
      port: z.number().int(),
      security: SmtpSecurity,
      username: z.string().optional(),
      hasPassword: z.boolean(),
      from: z.string(),
      to: z.array(z.string()),
      allowSelfSigned: z.boolean(),
    })
    .optional(),
  webhook: z.object({ url: z.string(), headerNames: z.array(z.string()), bodyTemplate: z.string().optional(), hasSecret: z.boolean(), timeoutSec: z.number().int() }).optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Channel = z.infer<typeof Channel>;

export const DesktopNotification = z.object({
  eventId: z.string(),
  alertId: z.string().nullable(),
  type: z.enum(['firing', 'resolved', 'acknowledged', 'digest', 'test']),
  severity: Severity,
  title: z.string(),
  body: z.string(),
});

export const notificationsProcedures = {
  'notifications.listChannels': { summary: 'Notification channels (secrets are never shown)', input: z.strictObject({}).default({}), output: z.array(Channel) },
  'notifications.createChannel': { summary: 'Add an email, webhook or desktop channel', input: ChannelCreateInput, output: Channel },
  'notifications.updateChannel': { summary: 'Change a channel; omitted fields are kept, omitted secrets only for the same server or URL', input: ChannelUpdateInput, output: Channel },
  'notifications.deleteChannel': { summary: 'Delete a channel (queued messages for it are dropped as dead)', input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  'notifications.test': {
    summary: 'Send a test notification through a channel now (not queued) and say what happened',
    input: z.strictObject({ id: Id }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
} as const;

export const notificationsEvents = {
  /** A notification for the desktop shell to show. */
  'notification.desktop': DesktopNotification,
} as const;
