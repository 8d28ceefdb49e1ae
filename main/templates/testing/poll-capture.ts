/**
 * Test helper: polls a built-in template (includes merged) against a captured walk of a real
 * device (.snmprec under test/fixtures/templates/) served by the fake agent on 127.0.0.1, through
 * the engine's SNMP client and poller, as monitoring does: every scalar and table item of the
 * template in one job, derived items with them. `poll()` may be called again after `advance()`
 * changed counters and moved the clock, for rates and what is derived from them.
 */
import path from 'node:path';
import type { Template } from '../../api/templates.ts';
import { silentLogger } from '../../lib/logger.ts';
import type { MonitoringItem } from '../../monitoring/monitoring-items-repo.ts';
import type { SnmpItemPayload } from '../../monitoring/monitoring.ts';
import type { PollJob, PollResult, PollSample, ScheduledItem } from '../../monitoring/poll-executor.ts';
import { createSnmpExecutor } from '../../monitoring/snmp-executor.ts';
import { createSnmpClient } from '../../snmp/client.ts';
import { encInt, readTlv } from '../../snmp/testing/ber.ts';
import { startFakeAgent } from '../../snmp/testing/fake-agent.ts';
import { loadSnmprecFile } from '../../snmp/testing/snmprec-text.ts';
import { loadBuiltinTemplates } from '../builtin.ts';
import { resolveTemplate } from '../resolve.ts';

export const TEMPLATE_FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/templates');

const builtins = loadBuiltinTemplates();

/** A built-in template with its includes merged. */
export function resolvedBuiltin(id: string): Template {
  const t = builtins.find((b) => b.id === id);
  if (!t) throw new Error(`no built-in template ${id}`);
  const parts = resolveTemplate(id, (x) => builtins.find((b) => b.id === x));
  return { ...t, ...parts, builtIn: true, createdAt: null, updatedAt: null };
}

function scheduledItems(t: Template): ScheduledItem[] {
  const rows: (MonitoringItem & { kind: 'scalar' | 'table' })[] = [
    ...t.items.map((definition, i) => ({ id: i + 1, deviceId: 'dev', templateId: t.id, key: definition.key, protocol: 'snmp' as const, intervalSec: 60, enabled: true, kind: 'scalar' as const, definition })),
    ...t.tables.map((definition, i) => ({ id: 1000 + i, deviceId: 'dev', templateId: t.id, key: definition.key, protocol: 'snmp' as const, intervalSec: 60, enabled: true, kind: 'table' as const, definition })),
  ];
  // Scalar derived items ride with the first item (monitoring.ts hands them to the job the same way).
  return rows.map((item, i) => ({ id: `snmp:${item.id}`, deviceId: 'dev', protocol: 'snmp', intervalMs: 60_000, payload: { item, derived: i === 0 ? t.derived : [] } satisfies SnmpItemPayload }));
}

/** An unsigned integer value of the served MIB. */
export function unsignedOf(mib: Map<string, Buffer>, oid: string): bigint {
  const v = mib.get(oid);
  if (!v) throw new Error(`${oid} is not served`);
  return readTlv(v, 0).body.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

export interface CapturePoller {
  template: Template;
  mib: Map<string, Buffer>;
  poll(): Promise<PollResult>;
  /** Moves the clock (and sysUpTime) by `ms`; `add` counters: OID → increase (same BER type kept). */
  advance(ms: number, add?: Record<string, bigint>): void;
  close(): Promise<void>;
}

/** `extra`: OIDs served beside the recording's (rows a test adds: the agent lists its OIDs when it starts). */
export async function pollCapture(templateId: string, fixture: string, extra: ReadonlyMap<string, Buffer> = new Map()): Promise<CapturePoller> {
  const template = resolvedBuiltin(templateId);
  const mib = loadSnmprecFile(path.join(TEMPLATE_FIXTURES, `${fixture}.snmprec`));
  for (const [oid, value] of extra) mib.set(oid, value);
  const agent = await startFakeAgent(mib, 'public');
  const client = createSnmpClient({ defaults: { timeoutMs: 2000, retries: 0 } });
  let now = 1_700_000_000_000;
  const exec = createSnmpExecutor({
    client,
    device: (id) => (id === 'dev' ? { id, address: `127.0.0.1:${agent.port}`, credentialIds: ['c'] } : undefined),
    credential: () => ({ id: 'c', version: '2c', community: 'public' }),
    memory: { get: () => undefined, set: () => undefined },
    clock: { now: () => now },
    logger: silentLogger(),
    identity: false,
  });
  const items = scheduledItems(template);
  const bump = (oid: string, by: bigint) => {
    const v = mib.get(oid);
    if (!v) throw new Error(`${oid} is not served`);
    const tag = v[0] as number;
    const next = unsignedOf(mib, oid) + by;
    // Counter32 (0x41) and TimeTicks (0x43) wrap at 2^32, as an agent's would.
    mib.set(oid, encInt(tag, tag === 0x41 || tag === 0x43 ? next % 2n ** 32n : next));
  };
  return {
    template,
    mib,
    poll: () => {
      const job: PollJob = { deviceId: 'dev', protocol: 'snmp', items, dueAt: now, startedAt: now, deadline: now + 30_000, signal: new AbortController().signal };
      return exec.poll(job);
    },
    advance(ms, add = {}) {
      now += ms;
      if (mib.has('1.3.6.1.2.1.1.3.0')) bump('1.3.6.1.2.1.1.3.0', BigInt(Math.round(ms / 10)));
      for (const [oid, by] of Object.entries(add)) bump(oid, by);
    },
    async close() {
      await client.close();
      await agent.close();
    },
  };
}

/** The samples of one metric, by the value of one label (the row's name). */
export function byLabel(samples: readonly PollSample[], name: string, label: string): Record<string, number> {
  return Object.fromEntries(samples.filter((s) => s.name === name).map((s) => [s.labels[label] ?? '', s.value]));
}

/** Metric names that have at least one sample. */
export function sampledNames(samples: readonly PollSample[]): Set<string> {
  return new Set(samples.map((s) => s.name));
}
