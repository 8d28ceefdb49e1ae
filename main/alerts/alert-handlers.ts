import type { Alert } from '../api/alerts.ts';
import type { Handlers } from '../api/dispatcher.ts';
import { ValidationError } from '../errors.ts';
import type { Alerts } from './index.ts';

/** Acknowledges a Zabbix-sourced alert in Zabbix, then locally (the problem mirror's acknowledge). */
export type ZabbixAck = (id: string, by: string, comment: string | undefined) => Promise<Alert>;

type AlertProcedures = Extract<keyof Handlers, `alerts.${string}` | `maintenance.${string}` | `notifications.${string}`>;

/** Handlers of the alerts, maintenance and notifications procedures. */
export function createAlertHandlers(d: { alerts: Alerts; zabbixAck?: ZabbixAck | undefined }): Pick<Handlers, AlertProcedures> {
  const { engine, notifier } = d.alerts;
  return {
    'alerts.listRules': () => engine.rules.list(),
    'alerts.createRule': (input) => engine.rules.create(input),
    'alerts.updateRule': (input) => engine.rules.update(input),
    'alerts.deleteRule': ({ id }) => {
      engine.rules.delete(id);
      return { id };
    },
    'alerts.metrics': () => engine.catalog.list(),
    'alerts.list': (input) => engine.list(input),
    'alerts.get': ({ id }) => engine.get(id),
    'alerts.acknowledge': ({ id, by, comment }) => {
      const { alert } = engine.get(id);
      if (alert.source !== 'zabbix') return engine.acknowledge(id, by, comment);
      if (!d.zabbixAck) throw new ValidationError('This alert is a Zabbix problem, and acknowledging it in Zabbix is not available here.');
      return d.zabbixAck(id, by, comment);
    },
    'alerts.comment': ({ id, by, comment }) => engine.comment(id, by, comment),
    'alerts.setParent': ({ deviceId, parentId }) => {
      engine.devices.setParent(deviceId, parentId);
      return { deviceId, parentId };
    },
    'alerts.listParents': () => engine.devices.listParents(),

    'maintenance.list': () => engine.maintenance.list(),
    'maintenance.create': (input) => engine.maintenance.create(input),
    'maintenance.update': (input) => engine.maintenance.update(input),
    'maintenance.delete': ({ id }) => {
      engine.maintenance.delete(id);
      return { id };
    },

    'notifications.listChannels': () => notifier.channels.list(),
    'notifications.createChannel': (input) => notifier.channels.create(input),
    'notifications.updateChannel': (input) => notifier.channels.update(input),
    'notifications.deleteChannel': ({ id }) => {
      notifier.channels.delete(id);
      return { id };
    },
    'notifications.test': ({ id }) => notifier.test(id),
  };
}
