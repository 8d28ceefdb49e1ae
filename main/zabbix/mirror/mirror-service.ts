/**
 * The Zabbix mirror (Zabbix and hybrid modes, with a configured server): every `intervalMs`, on
 * demand, when the mode changes and when the Zabbix configuration changes, it reads hosts and
 * problems (through the offline cache), applies a fresh read to devices (host-mirror.ts) and
 * alerts (problem-mirror.ts), records the outcome in zabbix_mirror_state and emits
 * `zabbix.status`. A failed or stale read changes nothing: the last known state stays, marked
 * stale. Leaving for standalone deletes the imported devices and resolves the mirrored alerts.
 * It only talks to the configured Zabbix server, so it runs whether or not the pollers do.
 */
import type { Settings } from '../../api/settings.ts';
import type { ZabbixHost, ZabbixProblem, ZabbixStatus } from '../../api/zabbix.ts';
import type { Clock } from '../../lib/clock.ts';
import type { EventBus } from '../../lib/event-bus.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Service } from '../../lib/service.ts';
import { systemTimers, type TimerHandle, type Timers } from '../../lib/async/timers.ts';
import type { Db } from '../../store/database.ts';
import type { SettingsRepo } from '../../store/settings-repo.ts';
import type { HostMirror } from './host-mirror.ts';
import type { ProblemMirror } from './problem-mirror.ts';

export const DEFAULT_MIRROR_INTERVAL_MS = 60_000;
/** The largest lists one sync reads (the contract's maximum for hosts; problems beyond are rare). */
export const HOST_LIMIT = 10_000;
export const PROBLEM_LIMIT = 10_000;

type MonitoringMode = Settings['monitoringMode'];

interface Fresh<T> {
  items: T[];
  stale: boolean;
  fetchedAt: number;
  error?: string;
}

export interface MirrorDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  settings: Pick<SettingsRepo, 'get'>;
  hosts: HostMirror;
  problems: Pick<ProblemMirror, 'sync' | 'closeAll' | 'openCount'>;
  zabbix: {
    /** Whether a URL and a credential are saved. */
    configured(): boolean;
    /** The API endpoint of the saved server (what cache entries and links are keyed by). */
    server(): string;
    readHosts(input: { limit: number; cachedOnly: boolean }): Promise<Fresh<ZabbixHost>>;
    readProblems(input: { minSeverity: number; limit: number; cachedOnly: boolean }): Promise<Fresh<ZabbixProblem>>;
    pendingPushes(): number;
  };
  /** How often the mirror reads the server (default 60 s). */
  intervalMs?: number;
  timers?: Timers;
}

interface StateRow {
  server: string | null;
  last_sync_at: number | null;
  last_attempt_at: number | null;
  error: string | null;
  hosts: number;
  matched: number;
  imported: number;
}

export function createMirrorService(deps: MirrorDeps) {
  const { db, clock, events, settings, zabbix } = deps;
  const log = deps.logger.child({ area: 'zabbix-mirror' });
  const timers = deps.timers ?? systemTimers;
  const intervalMs = deps.intervalMs ?? DEFAULT_MIRROR_INTERVAL_MS;
  const readState = db.prepare<[], StateRow>('SELECT * FROM zabbix_mirror_state WHERE id = 1');
  const writeState = db.prepare(
    `INSERT INTO zabbix_mirror_state (id, server, last_sync_at, last_attempt_at, error, hosts, matched, imported)
     VALUES (1, @server, @lastSyncAt, @lastAttemptAt, @error, @hosts, @matched, @imported)
     ON CONFLICT (id) DO UPDATE SET server = excluded.server, last_sync_at = excluded.last_sync_at, last_attempt_at = excluded.last_attempt_at,
       error = excluded.error, hosts = excluded.hosts, matched = excluded.matched, imported = excluded.imported`,
  );
  const emptyState: StateRow = { server: null, last_sync_at: null, last_attempt_at: null, error: null, hosts: 0, matched: 0, imported: 0 };

  const mode = (): MonitoringMode => settings.get().monitoringMode;
  const active = (): boolean => mode() !== 'standalone' && zabbix.configured();

  function save(s: StateRow): void {
    writeState.run({ server: s.server, lastSyncAt: s.last_sync_at, lastAttemptAt: s.last_attempt_at, error: s.error, hosts: s.hosts, matched: s.matched, imported: s.imported });
  }

  function status(): ZabbixStatus {
    const isActive = active();
    // The last successful sync may be of a previous server: it is what devices and alerts show until the new one answers.
    const s = readState.get() ?? emptyState;
    const lastSyncAt = s.last_sync_at;
    return {
      mode: mode(),
      configured: zabbix.configured(),
      active: isActive,
      stale: isActive && s.error !== null,
      lastSyncAt,
      ageSec: lastSyncAt === null ? null : Math.max(0, Math.floor((clock.now() - lastSyncAt) / 1000)),
      lastAttemptAt: s.last_attempt_at,
      error: isActive ? s.error : null,
      // Out of the modes that mirror, nothing is mirrored.
      hosts: isActive ? s.hosts : 0,
      matched: isActive ? s.matched : 0,
      imported: isActive ? s.imported : 0,
      problems: deps.problems.openCount(),
      pendingPushes: zabbix.pendingPushes(),
      intervalSec: Math.max(1, Math.round(intervalMs / 1000)),
    };
  }

  /** Out of Zabbix and hybrid modes: imported devices go, mirrored alerts resolve. True when something changed. */
  function leave(why: string): boolean {
    const open = deps.problems.openCount();
    // Alerts first: deleting a device has the alert engine close its alerts as "Device deleted" instead.
    if (open) deps.problems.closeAll(why);
    const removed = deps.hosts.removeImported(why);
    return removed > 0 || open > 0;
  }

  async function attempt(): Promise<void> {
    if (mode() === 'standalone') {
      if (leave('Zabbix mode off')) events.emit('zabbix.status', status());
      return;
    }
    if (!zabbix.configured()) return;
    const server = zabbix.server();
    const state: StateRow = { ...(readState.get() ?? emptyState) };
    state.last_attempt_at = clock.now();
    try {
      const hosts = await zabbix.readHosts({ limit: HOST_LIMIT, cachedOnly: false });
      const problems = hosts.stale ? undefined : await zabbix.readProblems({ minSeverity: 0, limit: PROBLEM_LIMIT, cachedOnly: false });
      if (hosts.stale || !problems || problems.stale) {
        // Offline: the cache is what the last fresh sync applied; nothing to change.
        state.error = hosts.error ?? problems?.error ?? 'The Zabbix server could not be reached.';
      } else if (mode() === 'standalone' || zabbix.server() !== server) {
        // The mode or the server changed while reading: this read is not applied (the next attempt follows).
        return;
      } else {
        // Another server's mirror is forgotten only once the new one answered (until then it is the last known state).
        if (state.server !== null && state.server !== server) {
          log.info({ from: state.server, to: server }, 'zabbix server changed: forgetting the previous mirror');
          deps.problems.closeAll('Zabbix server changed');
          deps.hosts.forgetOtherServers(server);
        }
        // A read that hit its limit may miss hosts and problems that still exist: nothing is deleted or resolved for being absent.
        const complete = { hosts: hosts.items.length < HOST_LIMIT, problems: problems.items.length < PROBLEM_LIMIT };
        if (!complete.hosts || !complete.problems) log.warn({ hosts: hosts.items.length, problems: problems.items.length }, 'zabbix read hit its limit: absent hosts and problems are kept');
        const applied = deps.hosts.apply(server, hosts.items, problems.items, hosts.fetchedAt, { complete: complete.hosts });
        deps.problems.sync(problems.items, (hostId) => applied.hostDevice.get(hostId), { complete: complete.problems });
        Object.assign(state, { server, last_sync_at: hosts.fetchedAt, error: null, hosts: applied.hosts, matched: applied.matched, imported: applied.imported });
      }
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err);
    }
    if (state.error) log.warn({ error: state.error }, 'zabbix mirror: sync failed; keeping the last known state');
    save(state);
    events.emit('zabbix.status', status());
  }

  // Single flight: a request during a run gets one more run after it (never two in parallel).
  let running: Promise<void> | undefined;
  let queued: Promise<ZabbixStatus> | undefined;
  function refresh(): Promise<ZabbixStatus> {
    if (!running) {
      running = attempt().finally(() => {
        running = undefined;
      });
      return running.then(status);
    }
    // After the run whatever its outcome: a failed run must not leave a rejected `queued` behind for every later request.
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return refresh();
      });
    return queued;
  }

  /** A refresh in the background: errors are in the status, never thrown. */
  function refreshSoon(why: string): void {
    refresh().catch((err: unknown) => log.error({ err, why }, 'zabbix mirror refresh failed'));
  }

  let timer: TimerHandle | undefined;
  let lastMode: MonitoringMode | undefined;
  let started = false;

  function schedule(): void {
    timer = timers.setTimeout(() => {
      if (!started) return;
      if (active()) refreshSoon('interval');
      schedule();
    }, intervalMs);
  }

  const service: Service = {
    name: 'zabbix-mirror',
    start() {
      started = true;
      lastMode = mode();
      // Catches up on a mode changed while the engine was not running (leftovers of Zabbix mode included).
      refreshSoon('start');
      schedule();
    },
    async stop() {
      started = false;
      if (timer) timers.clearTimeout(timer);
      timer = undefined;
      // A request queued behind the current run starts one more: wait for both.
      await running?.catch(() => undefined);
      await queued?.catch(() => undefined);
    },
  };

  return {
    service,
    status,
    /** Reads hosts and problems now (or right after the run in progress); resolves with the status. */
    refresh,
    /** Settings were saved (wired in engine.ts from settings.set): a new monitoring mode syncs at once. */
    modeChanged(): void {
      if (!started) return;
      const now = mode();
      if (now === lastMode) return;
      log.info({ from: lastMode, to: now }, 'monitoring mode changed');
      lastMode = now;
      refreshSoon('mode changed');
    },
    /** The server or credentials changed: sync again when mirroring. */
    configChanged(): void {
      if (started && active()) refreshSoon('config changed');
    },
  };
}

export type MirrorService = ReturnType<typeof createMirrorService>;
