/**
 * Maintenance windows: stored in SQLite, compiled once (cron matchers), asked "is this device in
 * maintenance at time T?" on every alert change. Notifications are suppressed inside a window;
 * alerts and their history are still recorded.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { MaintenanceCreateInput, MaintenanceUpdateInput, MaintenanceWindow, Scope } from '../api/alerts.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../store/database.ts';
import { compileCron, type CronMatcher, occurrenceContaining } from './cron.ts';
import { type DeviceDirectory, scopeMatches } from './scope.ts';

type Schedule = MaintenanceWindow['schedule'];

interface Row {
  id: string;
  name: string;
  enabled: number;
  scope: string;
  schedule: string;
  created_at: number;
  updated_at: number;
}

interface Compiled {
  id: string;
  enabled: boolean;
  scope: Scope;
  schedule: Schedule;
  matcher: CronMatcher | null;
}

/** Validates a schedule beyond its zod shape: the order of one-off times, the cron syntax and time zone. */
export function checkSchedule(schedule: Schedule): CronMatcher | null {
  if (schedule.kind === 'once') {
    if (schedule.endsAt <= schedule.startsAt) throw new ValidationError('A maintenance window must end after it starts', [{ path: 'schedule.endsAt', message: 'Must be after startsAt' }]);
    return null;
  }
  return compileCron(schedule.cron, schedule.timezone);
}

/** True when a compiled window is in force at `ms`. */
function inForce(w: Compiled, ms: number): boolean {
  if (!w.enabled) return false;
  if (w.schedule.kind === 'once') return ms >= w.schedule.startsAt && ms < w.schedule.endsAt;
  return w.matcher !== null && occurrenceContaining(w.matcher, w.schedule.durationMin, ms) !== null;
}

export function createMaintenance(db: Db, clock: Clock, devices: DeviceDirectory) {
  let compiled: Compiled[] | null = null;
  /** Recurring windows are searched minute by minute: cache the answer per window and minute. */
  const minuteCache = new Map<string, boolean>();

  function load(): Compiled[] {
    if (compiled) return compiled;
    compiled = db
      .prepare<[], Row>('SELECT * FROM maintenance_windows')
      .all()
      .map((r) => {
        const schedule = JSON.parse(r.schedule) as Schedule;
        let matcher: CronMatcher | null;
        try {
          matcher = checkSchedule(schedule);
        } catch {
          matcher = null; // stored before a stricter check: never in force rather than crash evaluation
        }
        return { id: r.id, enabled: r.enabled === 1, scope: JSON.parse(r.scope) as Scope, schedule, matcher };
      });
    minuteCache.clear();
    return compiled;
  }

  function active(w: Compiled, ms: number): boolean {
    if (w.schedule.kind === 'once') return inForce(w, ms);
    const key = `${w.id}@${Math.floor(ms / 60_000)}`;
    let v = minuteCache.get(key);
    if (v === undefined) {
      if (minuteCache.size > 10_000) minuteCache.clear();
      v = inForce(w, ms);
      minuteCache.set(key, v);
    }
    return v;
  }

  function toWindow(r: Row): MaintenanceWindow {
    const w = load().find((c) => c.id === r.id);
    return {
      id: r.id,
      name: r.name,
      enabled: r.enabled === 1,
      scope: JSON.parse(r.scope) as Scope,
      schedule: JSON.parse(r.schedule) as Schedule,
      active: w ? active(w, clock.now()) : false,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  function row(id: string): Row {
    const r = db.prepare<[string], Row>('SELECT * FROM maintenance_windows WHERE id = ?').get(id);
    if (!r) throw new NotFoundError(`No maintenance window with id ${id}; it may have been deleted.`);
    return r;
  }

  return {
    /** The id of a window covering this device (and series labels) at `ms`, or null. */
    covering(deviceId: string | null, labels: Readonly<Record<string, string>>, ms: number): string | null {
      for (const w of load()) {
        if (active(w, ms) && scopeMatches(w.scope, deviceId, labels, devices)) return w.id;
      }
      return null;
    },

    list(): MaintenanceWindow[] {
      return db.prepare<[], Row>('SELECT * FROM maintenance_windows ORDER BY name COLLATE NOCASE').all().map(toWindow);
    },

    create(input: z.output<typeof MaintenanceCreateInput>): MaintenanceWindow {
      checkSchedule(input.schedule);
      const id = crypto.randomUUID();
      const now = clock.now();
      db.prepare('INSERT INTO maintenance_windows (id, name, enabled, scope, schedule, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id,
        input.name,
        input.enabled ? 1 : 0,
        JSON.stringify(input.scope),
        JSON.stringify(input.schedule),
        now,
        now,
      );
      compiled = null;
      return toWindow(row(id));
    },

    update(input: z.output<typeof MaintenanceUpdateInput>): MaintenanceWindow {
      const r = row(input.id);
      const schedule = input.schedule ?? (JSON.parse(r.schedule) as Schedule);
      checkSchedule(schedule);
      db.prepare('UPDATE maintenance_windows SET name = ?, enabled = ?, scope = ?, schedule = ?, updated_at = ? WHERE id = ?').run(
        input.name ?? r.name,
        input.enabled === undefined ? r.enabled : input.enabled ? 1 : 0,
        input.scope ? JSON.stringify(input.scope) : r.scope,
        JSON.stringify(schedule),
        clock.now(),
        input.id,
      );
      compiled = null;
      return toWindow(row(input.id));
    },

    delete(id: string): void {
      row(id);
      db.prepare('DELETE FROM maintenance_windows WHERE id = ?').run(id);
      compiled = null;
    },
  };
}

export type Maintenance = ReturnType<typeof createMaintenance>;
