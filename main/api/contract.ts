/**
 * The whole surface of the engine, defined once: every procedure's zod input and output, and the
 * live events. The three transports (Electron IPC, the headless host's WebSocket and HTTP API,
 * in-process calls) are derived from this object. Imports nothing but zod and types, so preload/
 * may import it at runtime and renderer/ may import its types.
 */
import type { z } from 'zod';
import { alertsProcedures } from './alerts.ts';
import { credentialsProcedures } from './credentials.ts';
import { devicesProcedures } from './devices.ts';
import { discoveryProcedures } from './discovery.ts';
import { diagnosticsProcedures } from './diagnostics.ts';
import { healthProcedures } from './health.ts';
import { outboxProcedures } from './outbox.ts';
import { metricsProcedures } from './metrics.ts';
import { monitoringProcedures } from './monitoring.ts';
import { notificationsProcedures } from './notifications.ts';
import { settingsProcedures } from './settings.ts';
import { syncProcedures } from './sync.ts';
import { templatesProcedures } from './templates.ts';
import { templateImportProcedures } from './template-import.ts';
import { zabbixProcedures } from './zabbix.ts';
import { reportsProcedures } from './reports.ts';
import { centralProcedures } from './central.ts';
import { tokensProcedures } from './tokens.ts';
import { l2Procedures } from './l2.ts';
import { usersProcedures } from './users.ts';
import { auditProcedures } from './audit.ts';
import { topologyProcedures } from './topology.ts';

export interface ProcedureDef {
  summary: string;
  input: z.ZodType;
  output: z.ZodType;
}

export const contract = {
  ...healthProcedures,
  ...devicesProcedures,
  ...discoveryProcedures,
  ...credentialsProcedures,
  ...settingsProcedures,
  ...diagnosticsProcedures,
  ...outboxProcedures,
  ...metricsProcedures,
  ...alertsProcedures,
  ...notificationsProcedures,
  ...templatesProcedures,
  ...templateImportProcedures,
  ...zabbixProcedures,
  ...syncProcedures,
  ...monitoringProcedures,
  ...reportsProcedures,
  ...centralProcedures,
  ...tokensProcedures,
  ...l2Procedures,
  ...topologyProcedures,
  ...usersProcedures,
  ...auditProcedures,
} as const satisfies Record<string, ProcedureDef>;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
/** What a caller may send (defaults not yet applied). */
export type InputOf<P extends ProcedureName> = z.input<Contract[P]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedInputOf<P extends ProcedureName> = z.output<Contract[P]['input']>;
export type OutputOf<P extends ProcedureName> = z.output<Contract[P]['output']>;

export const procedureNames = Object.keys(contract) as ProcedureName[];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export { eventNames, events, type EngineEvent, type EventName, type EventPayload } from './events.ts';
export type { ErrorBody, ErrorCode, FieldIssue, Result } from './result.ts';
