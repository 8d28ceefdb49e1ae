/**
 * Polls one template once against one device with the SNMP poller itself (snmp-executor.ts, the
 * same code the scheduler runs) and reports every item: its value with its unit, or why it has
 * none. The executor returns samples only; what it was answered is seen through a recording
 * session (every GET and walk answer by OID), so a missing value can be named: no such object,
 * timeout, wrong type (text where a number was expected). Counters need two readings: with rate
 * or delta items the poll runs twice, `rateGapMs` apart.
 */
import type { TestValue, TemplateTestResult } from '../api/template-import.ts';
import type { TableItem, Template, TemplateItem } from '../api/templates.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { SnmpClient } from '../snmp/client.ts';
import type { SnmpCredential } from '../snmp/credentials.ts';
import type { SnmpSession } from '../snmp/session.ts';
import type { VarBind } from '../snmp/varbind.ts';
import type { MonitoringItem } from './monitoring-items-repo.ts';
import type { SnmpItemPayload } from './monitoring.ts';
import type { PollResult, ScheduledItem } from './poll-executor.ts';
import { createSnmpExecutor } from './snmp-executor.ts';

export interface TemplateProbeOptions {
  client: Pick<SnmpClient, 'session'>;
  clock: Clock;
  logger: Logger;
  /** The poll's deadline. Default 30 s. */
  timeoutMs?: number;
  /** Wait between the two readings of a template with counters. Default 2000 ms. */
  rateGapMs?: number;
  /** Waits `ms` (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
}

const PROBE_DEVICE = 'template-test';

/** A session that remembers every varbind it was answered, by OID (GET) and under each walked root. */
function recording(session: SnmpSession, seen: Map<string, VarBind>, walked: Map<string, VarBind[]>): SnmpSession {
  return new Proxy(session, {
    get(target, prop, receiver) {
      if (prop === 'get') {
        return async (oids: string[], ...rest: unknown[]) => {
          const vbs = await (target.get as (...a: unknown[]) => Promise<VarBind[]>).call(target, oids, ...rest);
          vbs.forEach((vb, i) => seen.set((oids[i] ?? vb.oid).replace(/^\./, ''), vb));
          return vbs;
        };
      }
      if (prop === 'walk') {
        return async (root: string, ...rest: unknown[]) => {
          const vbs = await (target.walk as (...a: unknown[]) => Promise<VarBind[]>).call(target, root, ...rest);
          walked.set(root.replace(/^\./, ''), vbs);
          return vbs;
        };
      }
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function describeVarBind(vb: VarBind): string {
  if (vb.type === 'noSuchObject' || vb.type === 'noSuchInstance' || vb.type === 'endOfMibView') return `no such object (${vb.type})`;
  if (vb.type === 'Null') return 'no value (Null)';
  return `wrong type: ${vb.type} ${JSON.stringify(String(vb.value)).slice(0, 60)} is not a number`;
}

function textOf(vb: VarBind | undefined): string | undefined {
  if (!vb || vb.value === null || vb.value === undefined) return undefined;
  return String(vb.value).slice(0, 500);
}

/** A state item's name for a value (1 → up). */
const stateOf = (i: TemplateItem, value: number): { state?: string } => {
  const name = i.valueType === 'state' ? i.states?.[String(value)] : undefined;
  return name !== undefined ? { state: name } : {};
};

const isCounter = (i: TemplateItem) => i.transforms.some((t) => t.type === 'rate' || t.type === 'delta');

/** See the file comment. Never throws for device problems: they are in `status` and the reasons. */
export async function probeTemplate(template: Template, address: string, credentials: (SnmpCredential & { id: string })[], o: TemplateProbeOptions): Promise<TemplateTestResult> {
  const started = o.clock.now();
  const seen = new Map<string, VarBind>();
  const walked = new Map<string, VarBind[]>();
  const client: Pick<SnmpClient, 'session'> = { session: async (...args) => recording(await o.client.session(...args), seen, walked) };
  const remembered = new Map<string, string>();
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const executor = createSnmpExecutor({
    client,
    device: (id) => (id === PROBE_DEVICE ? { id, address, credentialIds: credentials.map((c) => c.id) } : undefined),
    credential: (id) => {
      const c = byId.get(id);
      if (!c) throw new Error(`credential ${id} is gone`);
      return c;
    },
    memory: { get: (id) => remembered.get(id), set: (id, c) => void remembered.set(id, c) },
    clock: o.clock,
    logger: o.logger,
    identity: false,
  });
  const items: ScheduledItem[] = [
    ...template.items.map((definition, i) => scheduled(i, { kind: 'scalar', definition, key: definition.key }, template)),
    ...template.tables.map((definition, i) => scheduled(1000 + i, { kind: 'table', definition, key: definition.key }, template)),
  ];
  const timeoutMs = o.timeoutMs ?? 30_000;
  const pollOnce = async (): Promise<PollResult> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const now = o.clock.now();
      return await executor.poll({ deviceId: PROBE_DEVICE, protocol: 'snmp', items, dueAt: now, startedAt: now, deadline: now + timeoutMs, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  };
  let result = await pollOnce();
  const counters = template.items.some(isCounter) || template.tables.some((t) => t.columns.some(isCounter));
  if (counters && result.status === 'ok') {
    await (o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(o.rateGapMs ?? 2000);
    result = await pollOnce();
  }
  const values: TestValue[] = [];
  const failed = result.status !== 'ok' ? (result.status === 'timeout' ? 'timeout: the device did not answer' : `not read: ${result.message ?? 'the poll failed'}`) : undefined;
  for (const item of template.items) values.push(scalarValue(item, result, seen, failed));
  for (const table of template.tables) values.push(...tableValues(table, result, walked, failed));
  for (const d of template.derived) {
    const s = result.samples.find((x) => x.name === d.key);
    values.push({ key: d.key, name: d.name, ...(d.unit ? { unit: d.unit } : {}), value: s?.value ?? null, ...(s ? {} : { reason: failed ?? 'not computed: an item it needs has no value' }) });
  }
  return {
    templateId: template.id,
    address,
    status: result.status,
    ...(result.message ? { message: result.message } : {}),
    durationMs: Math.max(0, Math.round(o.clock.now() - started)),
    values,
  };
}

function scheduled(n: number, row: { kind: 'scalar'; definition: TemplateItem; key: string } | { kind: 'table'; definition: TableItem; key: string }, template: Template): ScheduledItem {
  const item = { id: n, deviceId: PROBE_DEVICE, templateId: template.id, key: row.key, protocol: 'snmp', intervalSec: 60, enabled: true, kind: row.kind, definition: row.definition } as Extract<MonitoringItem, { kind: 'scalar' | 'table' }>;
  const payload: SnmpItemPayload = { item, derived: row.kind === 'scalar' ? template.derived : [] };
  return { id: `snmp:${n}`, deviceId: PROBE_DEVICE, protocol: 'snmp', intervalMs: 60_000, payload };
}

function scalarValue(item: TemplateItem, result: PollResult, seen: Map<string, VarBind>, failed: string | undefined): TestValue {
  const base = { key: item.key, name: item.name, ...(item.unit ? { unit: item.unit } : {}) };
  const sample = result.samples.find((s) => s.name === item.key);
  if (sample) return { ...base, value: sample.value, ...stateOf(item, sample.value) };
  const vb = seen.get(item.oid);
  const fb = item.fallback ? seen.get(item.fallback.oid) : undefined;
  const answered = vb && vb.type !== 'noSuchObject' && vb.type !== 'noSuchInstance' ? vb : (fb ?? vb);
  if (item.valueType === 'text') {
    const text = textOf(answered);
    if (text !== undefined && answered && !['noSuchObject', 'noSuchInstance', 'endOfMibView', 'Null'].includes(answered.type)) return { ...base, value: null, text };
  }
  if (!answered) return { ...base, value: null, reason: failed ?? 'not answered' };
  const textMap = item.transforms[0]?.type === 'textMap';
  if (textMap && answered.type === 'OctetString') return { ...base, value: null, reason: `text ${JSON.stringify(answered.value).slice(0, 60)} is not in the item's text map` };
  const why = describeVarBind(answered);
  if (why.startsWith('wrong type') && isCounter(item)) return { ...base, value: null, reason: why };
  if (isCounter(item) && !why.startsWith('no ')) return { ...base, value: null, reason: 'no rate: the counter did not move forward between the two readings (restart or wrap)' };
  return { ...base, value: null, reason: why };
}

function tableValues(table: TableItem, result: PollResult, walked: Map<string, VarBind[]>, failed: string | undefined): TestValue[] {
  const out: TestValue[] = [];
  const label = table.label;
  const rows = new Map<string, Map<string, number>>();
  for (const s of result.samples) {
    const row = s.labels[label];
    if (row === undefined || !table.columns.some((c) => c.key === s.name)) continue;
    const r = rows.get(row) ?? new Map<string, number>();
    r.set(s.name, s.value);
    rows.set(row, r);
  }
  const indexRows = walked.get(table.index.oid);
  if (rows.size === 0) {
    const reason = failed ?? (indexRows === undefined ? 'not walked' : indexRows.length === 0 ? `no rows: the agent has no ${table.index.mib} (${table.index.oid})` : 'no row passed the table filters');
    for (const c of table.columns) out.push({ key: c.key, name: c.name, table: table.key, ...(c.unit ? { unit: c.unit } : {}), value: null, reason });
    return out;
  }
  for (const [row, values] of rows) {
    for (const c of table.columns) {
      const v = values.get(c.key);
      if (v !== undefined) {
        out.push({ key: c.key, name: c.name, table: table.key, row, ...(c.unit ? { unit: c.unit } : {}), value: v, ...stateOf(c, v) });
        continue;
      }
      const column = walked.get(c.oid);
      const reason = c.valueType === 'text' ? 'a text column (not stored as a number)' : !column || column.length === 0 ? `no such object: the agent has no ${c.mib} column` : isCounter(c) ? 'no rate yet for this row' : 'no value in this row (missing or not a number)';
      out.push({ key: c.key, name: c.name, table: table.key, row, ...(c.unit ? { unit: c.unit } : {}), value: null, reason });
    }
  }
  return out;
}
