/**
 * Acknowledging a mirrored Zabbix problem: exactly its event is acknowledged in Zabbix
 * (event.acknowledge with the comment as message), then the local alert. While Zabbix cannot be
 * reached the acknowledgement is queued in the durable outbox (topic `zabbix.ack`, in the same
 * transaction as the local change) and the alert is marked acknowledged with a comment saying so;
 * the queue delivers it when the server answers again.
 */
import type { Alert } from '../../api/alerts.ts';
import type { ExternalProblems } from '../../alerts/external-problems.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { type Outbox, PermanentDeliveryError } from '../../outbox/index.ts';
import type { ZabbixClient } from '../api/client.ts';
import { sameServer } from '../config-repo.ts';
import { isOffline, ZabbixApiError } from '../api/errors.ts';
import { acknowledgeEvent } from '../api/reads.ts';

export const ACK_TOPIC = 'zabbix.ack';

export interface AckPayload {
  alertId: string;
  eventId: string;
  message: string;
  /** The API the problem came from: event ids mean nothing on another server. */
  server: string;
}

/**
 * One queued acknowledgement per event, local acknowledgement and server: an event acknowledged
 * again later (after an unacknowledge in Zabbix) is queued again, not dropped as a replay of the
 * first one. Ends with `@<server>` (retryQueued).
 */
export const ackKey = (eventId: string, at: number, server: string): string => `${eventId}/${at}@${server}`;

export interface ZabbixAckDeps {
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  client: () => ZabbixClient;
  /** The alerts area's entry point for external problems (writes and publishes the local side). */
  external: ExternalProblems;
}

export function createZabbixAck(deps: ZabbixAckDeps) {
  const { clock, log, outbox, external } = deps;

  async function sendToZabbix(eventId: string, message: string): Promise<void> {
    const ids = await acknowledgeEvent(deps.client(), eventId, message);
    if (!ids.includes(eventId)) throw new NotFoundError(`Zabbix did not acknowledge event ${eventId}.`);
  }

  /** Adds a system comment to an alert and publishes it (the outcome of a queued delivery). */
  function note(alertId: string, comment: string): void {
    if (!external.exists(alertId)) return;
    external.batch((w) => w.note(alertId, { at: clock.now(), actor: 'system', comment }));
  }

  outbox.registerHandler<AckPayload>(
    ACK_TOPIC,
    async ({ payload }) => {
      const current = deps.client().apiUrl;
      // Never acknowledged on another server (the config changed meanwhile); it waits for its own.
      if (!sameServer(current, payload.server)) throw new Error(`Zabbix is configured at ${current} now, not at ${payload.server} where this problem was raised; the acknowledgement waits for that server.`);
      try {
        await sendToZabbix(payload.eventId, payload.message);
      } catch (err) {
        // Unreachable, timed out, or a credential to fix: retried. What Zabbix rejected (the event is gone, no permission) cannot succeed later.
        const rejected = err instanceof ZabbixApiError || err instanceof NotFoundError || (err instanceof ValidationError && !isOffline(err));
        if (rejected) {
          note(payload.alertId, `Zabbix refused the queued acknowledgement: ${(err as Error).message}`);
          throw new PermanentDeliveryError((err as Error).message);
        }
        throw err;
      }
      log.info({ alertId: payload.alertId, eventId: payload.eventId }, 'queued acknowledgement delivered to zabbix');
      note(payload.alertId, 'The queued acknowledgement was delivered to Zabbix.');
    },
    { maxAttempts: 50, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000, concurrency: 1 },
  );

  return {
    async acknowledge(alertId: string, by: string, comment: string | undefined): Promise<Alert> {
      const checkOpen = () => {
        const row = external.row(alertId);
        if (row.source !== 'zabbix' || row.zabbix_event_id === null) throw new ValidationError(`Alert ${alertId} is not a Zabbix problem; acknowledge it through the alert engine.`);
        external.assertAcknowledgeable(row);
        return row;
      };
      const row = checkOpen();
      const eventId = row.zabbix_event_id as string;
      const server = (JSON.parse(row.labels) as Record<string, string>).zabbixServer ?? deps.client().apiUrl;
      const message = comment ?? `Acknowledged by ${by} in WARD FLUX`;
      const current = deps.client().apiUrl;
      /** Why it is queued instead of sent (null: sent). */
      let queued: string | null = null;
      if (!sameServer(current, server)) {
        queued = `Zabbix is configured at ${current} now, not at ${server} where this problem was raised: the acknowledgement is queued for that server.`;
      } else {
        try {
          // Zabbix accepts acknowledging an event someone acknowledged there already (the message is added).
          await sendToZabbix(eventId, message);
        } catch (err) {
          if (!isOffline(err)) throw err;
          queued = 'Zabbix is unreachable: the acknowledgement is queued and will be sent to Zabbix when the server is back.';
        }
      }
      external.batch((w) => {
        // Checked again: a sync or another user may have changed it while Zabbix answered.
        checkOpen();
        const at = clock.now();
        w.acknowledge(alertId, { at, actor: by, comment: comment ?? null });
        if (queued) {
          // The same transaction as the local change: a crash loses neither.
          outbox.enqueue(ACK_TOPIC, ackKey(eventId, at, server), { alertId, eventId, message, server } satisfies AckPayload);
          w.note(alertId, { at, actor: 'system', comment: queued });
        }
      });
      if (queued) {
        log.info({ alertId, eventId, why: queued }, 'zabbix acknowledgement queued');
        outbox.kick();
      }
      return external.toAlert(external.row(alertId));
    },

    /** Makes the acknowledgements queued for this server that wait for a retry due now (it answered) and wakes the outbox. */
    retryQueued(server: string): void {
      const waiting = outbox
        .list({ topic: ACK_TOPIC, state: 'pending', limit: 10_000 })
        .filter((r) => r.idempotencyKey.endsWith(`@${server}`) && r.attempts > 0 && r.nextAttemptAt > clock.now());
      if (!waiting.length) return;
      for (const r of waiting) outbox.retry(r.id);
      outbox.kick();
    },
  };
}
