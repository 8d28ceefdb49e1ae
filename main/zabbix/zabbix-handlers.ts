/** The contract's `zabbix.*` procedures, spread into the engine's handler map. */
import type { Handlers } from '../api/dispatcher.ts';
import type { ZabbixArea } from './zabbix-service.ts';

type ZabbixHandlers = Pick<
  Handlers,
  | 'zabbix.getConfig'
  | 'zabbix.setConfig'
  | 'zabbix.testConnection'
  | 'zabbix.hosts'
  | 'zabbix.problems'
  | 'zabbix.acknowledge'
  | 'zabbix.history'
  | 'zabbix.pushDevices'
  | 'zabbix.status'
  | 'zabbix.refresh'
  | 'zabbix.deviceItems'
>;

export function createZabbixHandlers(d: { zabbix: ZabbixArea }): ZabbixHandlers {
  const z = d.zabbix;
  return {
    'zabbix.getConfig': () => z.getConfig(),
    'zabbix.setConfig': (input) => z.setConfig(input),
    'zabbix.testConnection': (input, ctx) => z.testConnection(input, ctx.signal),
    'zabbix.hosts': (input) => z.hosts(input),
    'zabbix.problems': (input) => z.problems(input),
    'zabbix.acknowledge': ({ eventId, message }) => z.acknowledge(eventId, message),
    'zabbix.history': (input) => z.history(input),
    'zabbix.pushDevices': ({ deviceIds }) => z.pushDevices(deviceIds),
    'zabbix.status': () => z.mirror.status(),
    'zabbix.refresh': () => z.mirror.refresh(),
    'zabbix.deviceItems': (input) => z.deviceItems(input),
  };
}
