/**
 * Routes alert events to channels and delivers them through the durable outbox.
 *
 * `dispatch` runs inside the alert change's transaction: for each enabled channel whose routing
 * takes the event it queues an outbox entry (topic notify.email / notify.webhook / notify.desktop,
 * idempotency key `<event id>:<channel id>`), or, for a channel with a digest period, a row in
 * notification_digest that `flushDigests` later turns into one outbox entry for all events of the
 * period. Delivery handlers registered with the outbox render and send; permanent failures (bad
 * address, 4xx, deleted channel) go dead at once, others are retried with backoff.
 */
import crypto from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import { type Outbox, type OutboxEntry, PermanentDeliveryError, type RetryPolicy } from '../outbox/index.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';
import type { Severity } from '../api/alerts.ts';
import { createChannelsRepo, type ResolvedChannel } from './channels-repo.ts';
import { durableTransaction } from './durable.ts';
import { EmailError, sendEmail } from './email.ts';
import { type AlertNotice, desktopContent, emailContent, sampleNotice, webhookBody } from './render.ts';
import { postWebhook, WebhookError } from './webhook.ts';

export const NOTIFY_TOPICS = { email: 'notify.email', webhook: 'notify.webhook', desktop: 'notify.desktop' } as const;

/** What an outbox entry of a notify topic carries: no secret, only the channel id and the notices. */
export interface DeliveryPayload {
  channelId: string;
  /** The event id (one notice) or the digest's id: the message's idempotency id for the peer. */
  deliveryId: string;
  notices: AlertNotice[];
}

export interface NotifierOptions {
  db: Db;
  box: SecretBox;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  outbox: Outbox;
  /** Retry policy of the notify topics (default: 12 attempts, 2 s doubling to 15 min). */
  retry?: Partial<RetryPolicy>;
  /** How often the digest flusher looks for due digests (default 1 s). */
  digestPollMs?: number;
  /** SMTP timeouts (default 20 s). */
  smtpTimeoutMs?: number;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, minor: 2, major: 3, critical: 4 };

/** True when a channel's routing takes this notice. */
export function routes(channel: Pick<ResolvedChannel, 'enabled' | 'routing'>, notice: AlertNotice): boolean {
  if (!channel.enabled) return false;
  if (notice.type === 'test') return true;
  const r = channel.routing;
  if (!r.events.includes(notice.type)) return false;
  if (r.severities.length && !r.severities.includes(notice.alert.severity)) return false;
  if (r.tags.length && !(notice.device?.tags ?? []).some((t) => r.tags.includes(t))) return false;
  return true;
}

export function createNotifier(o: NotifierOptions) {
  const { db, clock, logger, events, outbox } = o;
  const channels = createChannelsRepo(db, o.box, clock);
  const insertDigest = db.prepare('INSERT INTO notification_digest (channel_id, event_id, payload, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const dueDigests = db.prepare<[number], { channel_id: string }>(
    `SELECT d.channel_id FROM notification_digest d JOIN notification_channels c ON c.id = d.channel_id
     GROUP BY d.channel_id HAVING min(d.created_at) + max(c.digest_sec) * 1000 <= ?`,
  );
  const digestRows = db.prepare<[string], { id: number; event_id: string; payload: string }>('SELECT id, event_id, payload FROM notification_digest WHERE channel_id = ? ORDER BY id');
  const deleteDigest = db.prepare<[string, number]>('DELETE FROM notification_digest WHERE channel_id = ? AND id <= ?');

  async function send(channel: ResolvedChannel, notices: AlertNotice[], deliveryId: string): Promise<string> {
    if (channel.type === 'email' && channel.email) {
      await sendEmail(channel.email, emailContent(notices), { messageId: deliveryId, eventId: deliveryId }, o.smtpTimeoutMs);
      return `Sent to ${channel.email.to.join(', ')} through ${channel.email.host}:${channel.email.port}`;
    }
    if (channel.type === 'webhook' && channel.webhook) {
      const { status } = await postWebhook(channel.webhook, webhookBody(notices, channel.webhook.bodyTemplate), deliveryId);
      return `${new URL(channel.webhook.url).host} answered HTTP ${status}`;
    }
    const worst = notices.reduce<Severity>((s, n) => (RANK[n.alert.severity] > RANK[s] ? n.alert.severity : s), 'info');
    const first = notices[0];
    events.emit('notification.desktop', {
      eventId: deliveryId,
      alertId: notices.length === 1 && first ? first.alert.id : null,
      type: notices.length === 1 && first ? first.type : 'digest',
      severity: worst,
      ...desktopContent(notices),
    });
    return 'Shown on the desktop';
  }

  async function deliver(entry: OutboxEntry<DeliveryPayload>): Promise<void> {
    const { channelId, deliveryId, notices } = entry.payload;
    let channel: ResolvedChannel;
    try {
      channel = channels.resolve(channelId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw new PermanentDeliveryError(`Channel ${channelId} was deleted; not sent`);
      throw err;
    }
    if (!channel.enabled) throw new PermanentDeliveryError(`Channel "${channel.name}" is disabled; not sent`);
    try {
      await send(channel, notices, deliveryId);
    } catch (err) {
      if ((err instanceof EmailError || err instanceof WebhookError) && err.permanent) throw new PermanentDeliveryError(err.message);
      throw err;
    }
  }

  for (const topic of Object.values(NOTIFY_TOPICS)) outbox.registerHandler<DeliveryPayload>(topic, deliver, { concurrency: 4, ...o.retry });

  /** Moves every due digest into one outbox entry per channel. Returns how many entries were queued. */
  function flushDigests(): number {
    let queued = 0;
    for (const { channel_id: channelId } of dueDigests.all(clock.now())) {
      durableTransaction(db, () => {
        const rows = digestRows.all(channelId);
        const last = rows.at(-1);
        const first = rows[0];
        if (!first || !last) return;
        const type = (db.prepare<[string], { type: ResolvedChannel['type'] }>('SELECT type FROM notification_channels WHERE id = ?').get(channelId)?.type ?? 'desktop') as ResolvedChannel['type'];
        const deliveryId = crypto.randomUUID();
        const payload: DeliveryPayload = { channelId, deliveryId, notices: rows.map((r) => JSON.parse(r.payload) as AlertNotice) };
        if (outbox.enqueue(NOTIFY_TOPICS[type], `digest:${first.event_id}:${channelId}`, payload)) queued++;
        deleteDigest.run(channelId, last.id);
      });
    }
    if (queued) outbox.kick();
    return queued;
  }

  let timer: NodeJS.Timeout | undefined;
  const service: Service = {
    name: 'notification-digests',
    start() {
      const poll = () => {
        try {
          flushDigests();
        } catch (err) {
          logger.error({ err }, 'digest flush failed; will retry');
        }
        timer = setTimeout(poll, o.digestPollMs ?? 1000);
        timer.unref();
      };
      poll();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };

  return {
    channels,
    service,
    flushDigests,

    /**
     * Queues `notice` for every channel that takes it. Call inside the transaction of the alert
     * change. Returns the number of channels it was queued for.
     */
    dispatch(notice: AlertNotice): number {
      let n = 0;
      for (const channel of channels.enabled()) {
        if (!routes(channel, notice)) continue;
        if (channel.digestSec > 0) {
          insertDigest.run(channel.id, notice.eventId, JSON.stringify(notice), clock.now());
        } else {
          outbox.enqueue(NOTIFY_TOPICS[channel.type], `${notice.eventId}:${channel.id}`, { channelId: channel.id, deliveryId: notice.eventId, notices: [notice] } satisfies DeliveryPayload);
        }
        n++;
      }
      return n;
    },

    /** Sends a test message through a channel now, bypassing the outbox and routing; says what happened. */
    async test(channelId: string): Promise<{ ok: boolean; message: string }> {
      const channel = channels.resolve(channelId);
      const eventId = crypto.randomUUID();
      try {
        return { ok: true, message: await send(channel, [sampleNotice(clock.now(), eventId)], eventId) };
      } catch (err) {
        const message = err instanceof EmailError || err instanceof WebhookError ? err.message : `Sending failed: ${(err as Error).message}`;
        logger.info({ channel: channel.id, type: channel.type, error: message }, 'test notification failed');
        return { ok: false, message };
      }
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
