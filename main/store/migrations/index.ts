import type Database from 'better-sqlite3';
import initial from './001-initial.ts';
import metrics from './002-metrics.ts';
import templates from './003-templates.ts';
import outbox from './004-outbox.ts';
import zabbix from './005-zabbix.ts';
import alerts from './006-alerts.ts';
import discovery from './007-discovery.ts';
import sync from './008-sync.ts';
import monitoringState from './009-monitoring-state.ts';
import reports from './010-reports.ts';
import deviceIdentity from './011-device-identity.ts';
import zabbixMirror from './012-zabbix-mirror.ts';
import discoveryOwner from './013-discovery-owner.ts';
import defaultLossLatencyRules from './014-default-loss-latency-rules.ts';
import deviceInventory from './015-device-inventory.ts';
import compactSamples, { convertSamples } from './016-compact-samples.ts';
import l2 from './017-l2.ts';
import usersAudit from './018-users-audit.ts';
import mapPositions from './019-map-positions.ts';
import l2Scans from './020-l2-scans.ts';

/** Numbered schema migrations; the database's `user_version` is the number of the last one applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data conversion run after `sql`, in the same transaction. */
  run?: (db: Database.Database) => void;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'metrics', sql: metrics },
  { version: 3, name: 'templates', sql: templates },
  { version: 4, name: 'outbox', sql: outbox },
  { version: 5, name: 'zabbix', sql: zabbix },
  { version: 6, name: 'alerts', sql: alerts },
  { version: 7, name: 'discovery', sql: discovery },
  { version: 8, name: 'sync', sql: sync },
  { version: 9, name: 'monitoring-state', sql: monitoringState },
  { version: 10, name: 'reports', sql: reports },
  { version: 11, name: 'device-identity', sql: deviceIdentity },
  { version: 12, name: 'zabbix-mirror', sql: zabbixMirror },
  { version: 13, name: 'discovery-owner', sql: discoveryOwner },
  { version: 14, name: 'default-loss-latency-rules', sql: defaultLossLatencyRules },
  { version: 15, name: 'device-inventory', sql: deviceInventory },
  { version: 16, name: 'compact-samples', sql: compactSamples, run: convertSamples },
  { version: 17, name: 'l2', sql: l2 },
  { version: 18, name: 'users-audit', sql: usersAudit },
  { version: 19, name: 'map-positions', sql: mapPositions },
  { version: 20, name: 'l2-scans', sql: l2Scans },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
