/**
 * The alerts area, assembled: the alert engine (rules, evaluation, alert state, maintenance,
 * dependencies) and the notifier (channels, routing, digests, delivery through the outbox).
 */
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { Outbox, RetryPolicy } from '../outbox/index.ts';
import { createNotifier, type Notifier } from '../notifications/notifier.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';
import type { AlertDevices } from './device-directory.ts';
import { type AlertEngine, createAlertEngine } from './alert-engine.ts';
import { createExternalProblems, type ExternalProblems } from './external-problems.ts';

export interface AlertsOptions {
  db: Db;
  box: SecretBox;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  outbox: Outbox;
  /** The devices area's lookups (main/devices/). */
  devices: AlertDevices;
  /** Retry policy of the notify.* outbox topics. */
  retry?: Partial<RetryPolicy>;
  /** Absence/flap checks period (default 15 s). */
  tickMs?: number;
  /** The metrics the templates define (alert-engine.ts). */
  templateMetrics?: () => readonly { name: string; unit: string; description: string; states?: Record<string, string> | undefined }[];
  digestPollMs?: number;
  smtpTimeoutMs?: number;
}

export interface Alerts {
  engine: AlertEngine;
  notifier: Notifier;
  /** Problems raised elsewhere (Zabbix): their only way into the alerts table. */
  external: ExternalProblems;
  /** For the engine's services list: evaluation (fed by engine.ts through engine.ingest: samples, availability; a periodic tick) and digests. */
  services: Service[];
}

export function createAlerts(o: AlertsOptions): Alerts {
  const notifier = createNotifier({
    db: o.db,
    box: o.box,
    clock: o.clock,
    logger: o.logger,
    events: o.events,
    outbox: o.outbox,
    ...(o.retry ? { retry: o.retry } : {}),
    ...(o.digestPollMs !== undefined ? { digestPollMs: o.digestPollMs } : {}),
    ...(o.smtpTimeoutMs !== undefined ? { smtpTimeoutMs: o.smtpTimeoutMs } : {}),
  });
  const engine = createAlertEngine({
    db: o.db,
    clock: o.clock,
    logger: o.logger,
    events: o.events,
    notices: notifier,
    devices: o.devices,
    afterQueued: () => o.outbox.kick(),
    ...(o.tickMs !== undefined ? { tickMs: o.tickMs } : {}),
    ...(o.templateMetrics ? { templateMetrics: o.templateMetrics } : {}),
  });
  const external = createExternalProblems({ db: o.db, clock: o.clock, events: o.events, devices: engine.devices });
  return { engine, notifier, external, services: [engine.service, notifier.service] };
}

export type { AlertEngine } from './alert-engine.ts';
export type { Notifier } from '../notifications/notifier.ts';
