import { z } from 'zod';
import { alertsEvents } from './alerts.ts';
import { Id } from './common.ts';
import { Credential } from './credentials.ts';
import { Device } from './devices.ts';
import { diagnosticsEvents } from './diagnostics.ts';
import { discoveryEvents } from './discovery.ts';
import { metricsEvents } from './metrics.ts';
import { notificationsEvents } from './notifications.ts';
import { Settings } from './settings.ts';
import { reportsEvents } from './reports.ts';
import { zabbixEvents } from './zabbix.ts';

/** Live events the engine streams to subscribers (the `events` subscription). */
export const events = {
  'device.created': Device,
  'device.updated': Device,
  'device.deleted': z.object({ id: Id }),
  'credential.changed': z.object({ id: Id, action: z.enum(['created', 'updated', 'deleted']), credential: Credential.optional() }),
  'settings.changed': Settings,
  ...diagnosticsEvents,
  ...discoveryEvents,
  ...metricsEvents,
  ...alertsEvents,
  ...notificationsEvents,
  ...reportsEvents,
  ...zabbixEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
/** One event as it travels: its name and payload. */
export type EngineEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
export const eventNames = Object.keys(events) as EventName[];
