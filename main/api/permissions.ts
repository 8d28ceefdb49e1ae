/**
 * The permission of every procedure of the contract, declared once: the weakest role that may
 * call it and whether its calls are audited (main/api/roles.ts). `satisfies Record<ProcedureName,
 * Permission>` makes a procedure without an entry (or an entry without a procedure) a compile
 * error, so no procedure ships unguarded. The dispatcher enforces it for every transport.
 */
import type { ProcedureName } from './contract.ts';
import { ADMIN, ADMIN_READ, MANAGE, type Permission, READ, RUN, TECH_READ } from './roles.ts';

export const permissions = {
  health: READ,

  'devices.list': READ,
  'devices.get': READ,
  'devices.stats': READ,
  'devices.create': MANAGE,
  'devices.update': MANAGE,
  'devices.delete': MANAGE,

  'discovery.validateTargets': READ,
  'discovery.start': RUN,
  'discovery.cancel': RUN,
  'discovery.list': READ,
  'discovery.get': READ,
  'discovery.diff': READ,
  'discovery.addToMonitoring': MANAGE,
  'discovery.export': READ,

  // Metadata only (never a secret): technicians pick one for a scan.
  'credentials.list': TECH_READ,
  'credentials.create': ADMIN,
  'credentials.update': ADMIN,
  'credentials.delete': ADMIN,
  'credentials.test': RUN,

  'settings.get': READ,
  'settings.set': ADMIN,

  'diagnostics.start': RUN,
  'diagnostics.cancel': RUN,
  'diagnostics.icmpMethod': READ,

  'outbox.status': READ,
  'outbox.list': READ,
  'outbox.retry': MANAGE,

  'metrics.query': READ,
  'metrics.series': READ,
  'metrics.getRetention': READ,
  'metrics.setRetention': ADMIN,

  'alerts.listRules': READ,
  'alerts.createRule': MANAGE,
  'alerts.updateRule': MANAGE,
  'alerts.deleteRule': MANAGE,
  'alerts.metrics': READ,
  'alerts.list': READ,
  'alerts.get': READ,
  'alerts.acknowledge': RUN,
  'alerts.comment': RUN,
  'alerts.setParent': MANAGE,
  'alerts.listParents': READ,

  'maintenance.list': READ,
  'maintenance.create': MANAGE,
  'maintenance.update': MANAGE,
  'maintenance.delete': MANAGE,

  'notifications.listChannels': READ,
  'notifications.createChannel': MANAGE,
  'notifications.updateChannel': MANAGE,
  'notifications.deleteChannel': MANAGE,
  'notifications.test': MANAGE,

  'templates.list': READ,
  'templates.get': READ,
  'templates.create': MANAGE,
  'templates.update': MANAGE,
  'templates.delete': MANAGE,
  'templates.duplicate': MANAGE,
  'templates.apply': MANAGE,
  'templates.unapply': MANAGE,
  'templates.pick': READ,
  'templates.import': MANAGE,
  // Polls a device once: sends packets.
  'templates.test': RUN,

  'zabbix.getConfig': READ,
  'zabbix.setConfig': ADMIN,
  'zabbix.testConnection': ADMIN,
  'zabbix.hosts': READ,
  'zabbix.problems': READ,
  'zabbix.acknowledge': RUN,
  'zabbix.history': READ,
  'zabbix.status': READ,
  'zabbix.refresh': RUN,
  'zabbix.deviceItems': READ,
  'zabbix.pushDevices': MANAGE,

  'sync.getConfig': READ,
  'sync.setConfig': ADMIN,
  'sync.status': READ,
  'sync.testConnection': ADMIN,
  'sync.retryDead': ADMIN,

  'monitoring.health': READ,

  'reports.generate': RUN,
  'reports.list': READ,
  'reports.get': READ,
  'reports.preview': READ,
  'reports.download': READ,
  'reports.delete': MANAGE,

  'sites.list': READ,
  'sites.create': MANAGE,
  'sites.update': MANAGE,
  'sites.delete': MANAGE,
  'sites.assignDevices': MANAGE,

  'central.getTarget': READ,
  'central.setTarget': ADMIN,
  'central.enqueue': RUN,
  'central.sites': READ,
  'central.uploads': READ,
  'central.download': READ,

  'tokens.list': ADMIN_READ,
  'tokens.create': ADMIN,
  'tokens.revoke': ADMIN,

  'l2.neighbors': READ,
  'l2.fdb': READ,
  'l2.vlans': READ,
  'l2.arp': READ,
  'l2.snapshots': READ,
  'l2.scanSnapshots': READ,
  // Walks a switch's tables now: sends packets.
  'l2.refresh': RUN,
  'l2.whereis': READ,

  'topology.get': READ,
  'topology.export': READ,
  // Map layout: where nodes are drawn, shared by every user of this engine.
  'topology.savePositions': RUN,
  'topology.resetPositions': RUN,

  'session.whoami': READ,
  'users.list': ADMIN_READ,
  'users.create': ADMIN,
  'users.setRole': ADMIN,
  'users.setPassword': ADMIN,
  'users.remove': ADMIN,

  'audit.list': ADMIN_READ,
  'audit.export': ADMIN_READ,
  'audit.getRetention': ADMIN_READ,
  'audit.setRetention': ADMIN,
} as const satisfies Record<ProcedureName, Permission>;

export function permissionOf(name: ProcedureName): Permission {
  return permissions[name];
}
