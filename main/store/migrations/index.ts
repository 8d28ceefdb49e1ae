import initial from './001-initial.ts';

/** Numbered schema migrations; the database's `user_version` is the number of the last one applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [{ version: 1, name: 'initial', sql: initial }];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
