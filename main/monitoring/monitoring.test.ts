import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { memoryDb } from '../metrics/test-db.ts';
import type { Db } from '../store/database.ts';
import { loadBuiltinTemplates } from '../templates/builtin.ts';
import { createTemplatesRepo } from '../templates/templates-repo.ts';
import { createDevicesRepo } from '../devices/devices-repo.ts';
import { createMonitoring, type Monitoring, type SnmpItemPayload } from './monitoring.ts';
import type { PollJob } from './poll-executor.ts';
import { createManualTime } from '../lib/async/timers.ts';

let db: Db;
let monitoring: Monitoring | undefined;
afterEach(async () => {
  await monitoring?.service.stop();
  db.close();
});

describe('monitoring', () => {
  it('schedules template items per device with their definitions, and records poll health', async () => {
    db = memoryDb();
    const time = createManualTime(Date.UTC(2025, 0, 1));
    db.prepare("INSERT INTO devices (id, name, address, created_at, updated_at) VALUES ('d1', 'r1', '198.18.0.1', 0, 0), ('d2', 'r2', '198.18.0.2', 0, 0)").run();
    db.prepare("UPDATE devices SET enabled = 0 WHERE id = 'd2'").run();
    const templates = createTemplatesRepo(db, time, loadBuiltinTemplates());
    monitoring = createMonitoring({ db, clock: time, timers: time, logger: silentLogger(), devices: createDevicesRepo(db, time) });
    // As templates.apply does: the template with its includes (the if-mib part's interfaces) merged.
    monitoring.items.apply(templates.resolved('linux-net-snmp'), ['d1', 'd2'], 60);
    const jobs: PollJob[] = [];
    monitoring.registerExecutor({
      protocol: 'snmp',
      poll: async (job) => {
        jobs.push(job);
        return jobs.length === 2 ? { status: 'timeout' } : { status: 'ok' };
      },
    });
    monitoring.addItemSource(() => [{ id: 'icmp:d1', deviceId: 'd1', protocol: 'icmp', intervalMs: 30_000 }]);
    await monitoring.service.start();
    await time.advance(70_000);
    // d2 is disabled: only d1 is polled; the first job has every scalar and table item.
    expect(new Set(jobs.map((j) => j.deviceId))).toEqual(new Set(['d1']));
    const first = jobs[0] as PollJob;
    const payloads = first.items.map((i) => i.payload as SnmpItemPayload);
    expect(payloads.map((p) => p.item.key).sort()).toEqual(
      ['cpu_idle_pct', 'cpu_system_pct', 'cpu_user_pct', 'disks', 'interfaces', 'load_15min', 'load_1min', 'load_5min', 'memory_available_bytes', 'memory_total_bytes', 'swap_available_bytes', 'swap_total_bytes', 'uptime_sec'],
    );
    expect(payloads[0]?.derived.map((d) => d.key).sort()).toEqual(['cpu_util_pct', 'mem_used_pct']);
    const health = db.prepare("SELECT * FROM poll_health WHERE device_id = 'd1' AND protocol = 'snmp'").get();
    expect(health).toMatchObject({ last_status: 'timeout', ok_count: 1, timeout_count: 1, consecutive_failures: 1 });
    expect(monitoring.scheduler.health().find((h) => h.protocol === 'icmp')).toMatchObject({ devices: 1, hasExecutor: false });
  });

  it('reads one template on many devices with the definitions parsed once and shared, equal to what is stored', () => {
    db = memoryDb();
    const time = createManualTime(Date.UTC(2025, 0, 1));
    db.prepare("INSERT INTO devices (id, name, address, created_at, updated_at) VALUES ('d1', 'r1', '198.18.0.1', 0, 0), ('d2', 'r2', '198.18.0.2', 0, 0)").run();
    const generic = createTemplatesRepo(db, time, loadBuiltinTemplates()).resolved('generic-snmp');
    monitoring = createMonitoring({ db, clock: time, timers: time, logger: silentLogger(), devices: createDevicesRepo(db, time) });
    monitoring.items.apply(generic, ['d1', 'd2'], 60);
    const items = monitoring.items.active();
    const of = (deviceId: string) => new Map(items.filter((i) => i.deviceId === deviceId).map((i) => [i.key, i.definition]));
    const [d1, d2] = [of('d1'), of('d2')];
    expect([...d1.keys()].sort()).toEqual([...d2.keys()].sort());
    expect(d1.size).toBeGreaterThan(0);
    for (const [key, definition] of d1) {
      expect(d2.get(key)).toBe(definition);
      expect(monitoring.items.ofDevice('d2').find((i) => i.key === key)?.definition).toEqual(definition);
    }
  });
});
