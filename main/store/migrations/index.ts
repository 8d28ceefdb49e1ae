import initial from './001-initial.ts';
import metrics from './002-metrics.ts';
import templates from './003-templates.ts';
import outbox from './004-outbox.ts';
import zabbix from './005-zabbix.ts';
import alerts from './006-alerts.ts';

/** Numbered schema migrations; the database's `user_version` is the number of the last one applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'metrics', sql: metrics },
  { version: 3, name: 'templates', sql: templates },
  { version: 4, name: 'outbox', sql: outbox },
  { version: 5, name: 'zabbix', sql: zabbix },
  { version: 6, name: 'alerts', sql: alerts },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
