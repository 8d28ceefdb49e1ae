import fs from 'node:fs';
import type { Handlers } from './api/dispatcher.ts';
import type { Clock } from './lib/clock.ts';
import type { EventBus } from './lib/event-bus.ts';
import type { Logger } from './lib/logger.ts';
import type { OpenedDatabase } from './store/database.ts';
import type { CredentialsRepo } from './store/credentials-repo.ts';
import type { DevicesRepo } from './store/devices-repo.ts';
import type { SettingsRepo } from './store/settings-repo.ts';
import { VERSION } from './version.ts';

export interface HandlerDeps {
  database: OpenedDatabase;
  devices: DevicesRepo;
  credentials: CredentialsRepo;
  settings: SettingsRepo;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  startedAt: number;
}

/** The handler of every procedure of the contract. Each area adds its handlers here. */
export function createHandlers(d: HandlerDeps): Handlers {
  return {
    health: () => {
      let sizeBytes = 0;
      let status: 'ok' | 'error' = 'ok';
      try {
        d.database.db.prepare('SELECT 1').get();
        sizeBytes = fs.statSync(d.database.file).size;
      } catch {
        status = 'error';
      }
      return {
        status: status === 'ok' ? 'ok' : 'degraded',
        version: VERSION,
        uptimeSec: Math.round((d.clock.now() - d.startedAt) / 1000),
        database: { status, schemaVersion: d.database.schemaVersion, sizeBytes },
        devices: status === 'ok' ? d.devices.count() : 0,
      };
    },

    'devices.list': (input) => d.devices.list(input),
    'devices.get': ({ id }) => d.devices.get(id),
    'devices.create': (input) => {
      const device = d.devices.create(input);
      d.events.emit('device.created', device);
      return device;
    },
    'devices.update': (input) => {
      const device = d.devices.update(input);
      d.events.emit('device.updated', device);
      return device;
    },
    'devices.delete': ({ id }) => {
      d.devices.delete(id);
      d.events.emit('device.deleted', { id });
      return { id };
    },

    'credentials.list': () => d.credentials.list(),
    'credentials.create': (input) => {
      const credential = d.credentials.create(input);
      d.events.emit('credential.changed', { id: credential.id, action: 'created', credential });
      return credential;
    },
    'credentials.update': (input) => {
      const credential = d.credentials.update(input);
      d.events.emit('credential.changed', { id: credential.id, action: 'updated', credential });
      return credential;
    },
    'credentials.delete': ({ id }) => {
      d.credentials.delete(id);
      d.events.emit('credential.changed', { id, action: 'deleted' });
      return { id };
    },

    'settings.get': () => d.settings.get(),
    'settings.set': (patch) => {
      const settings = d.settings.set(patch);
      d.events.emit('settings.changed', settings);
      return settings;
    },
  };
}
