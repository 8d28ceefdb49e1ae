/**
 * A real Zabbix 6.0 stack for integration tests, from Debian's packages: its own PostgreSQL
 * cluster, zabbix_server, php-fpm and nginx serving the frontend and the JSON-RPC API. Every
 * daemon is started directly, bound to 127.0.0.1 on a free port (PostgreSQL and php-fpm also
 * on unix sockets in the state dir), and stopped by the PID it recorded.
 *
 * The stack lives in one fixed state dir (`/tmp/wardflux-zabbix`, or `WARD_ZABBIX_LAB_DIR`) with
 * a `state.json`, so test files of one run (and later runs) reuse a running instance; the lab
 * project's global teardown stops it at the end of the run unless it was started with `keep`
 * (`node test/lab/zabbix-lab.ts up`).
 *
 * The one file outside the state dir: Debian's frontend reads its config from the fixed path
 * /etc/zabbix/zabbix.conf.php. The harness writes it (with a marker line) so the setup wizard is
 * skipped, refuses to overwrite one it did not write, and removes its own on teardown.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { run } from './exec.ts';

/** Where the frontend reads its config (Debian patches CConfigFile::CONFIG_FILE_PATH to it). */
export const FRONTEND_CONFIG = '/etc/zabbix/zabbix.conf.php';
const MARKER = '// Written by the WARD FLUX Zabbix test harness (test/lab/zabbix-server.ts); removed on teardown.';
const SQL_DIR = '/usr/share/zabbix-server-pgsql';
const FRONTEND_ROOT = '/usr/share/zabbix';
const DB = { name: 'zabbix', user: 'zabbix', password: 'zabbix-lab' };

/** A running stack, as recorded in state.json. */
export interface ZabbixLab {
  /** Frontend base URL, e.g. http://127.0.0.1:40123/ */
  url: string;
  /** The JSON-RPC endpoint. */
  apiUrl: string;
  /** The frontend port (nginx). */
  httpPort: number;
  /** zabbix_server's trapper port (sender protocol). */
  trapperPort: number;
  pgPort: number;
  dir: string;
  /** Default super admin of a fresh Zabbix DB. */
  admin: { username: string; password: string };
  /** Zabbix version reported by apiinfo.version. */
  version: string;
  pids: { postgres: number; server: number; phpFpm: number; nginx?: number | undefined };
  /** Milliseconds the first start took (schema load included). */
  startMs: number;
  startedAt: number;
  /** Do not stop at the end of a test run (started by hand). */
  keep: boolean;
  /**
   * Test runs using it (the vitest main process's pid, from WARD_ZABBIX_RUN): a run's teardown
   * stops the stack only when no other live run still uses it.
   */
  users: number[];
}

/** The run id a vitest global setup puts in the environment of its workers. */
export const RUN_ENV = 'WARD_ZABBIX_RUN';

function currentRun(): number | undefined {
  const v = Number(process.env[RUN_ENV]);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

export function labDir(): string {
  return process.env.WARD_ZABBIX_LAB_DIR ?? '/tmp/wardflux-zabbix';
}

function stateFile(dir = labDir()): string {
  return path.join(dir, 'state.json');
}

export function readState(dir = labDir()): ZabbixLab | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(dir), 'utf8')) as ZabbixLab;
  } catch {
    return undefined;
  }
}

function writeState(state: ZabbixLab): void {
  const tmp = `${stateFile(state.dir)}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, stateFile(state.dir));
}

/**
 * A lock (a directory holding the owner's pid) around starting and stopping, so concurrent test
 * runs on one machine neither build two stacks nor stop one another's. A dead owner's lock is taken over.
 */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${labDir()}.lock`;
  const end = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readPid(path.join(lock, 'pid'));
      if (owner !== undefined && !pidAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > end) throw new Error(`zabbix lab: ${lock} held by pid ${owner} for 5 minutes`, { cause: err });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function pidAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined> | T | undefined, everyMs = 250): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`zabbix lab: timed out after ${deadlineMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.on('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const got = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(got));
    });
  });
}

/** A TCP port on 127.0.0.1 nobody listens on right now; `range` for daemons that limit it. */
export async function freePort(range?: [number, number]): Promise<number> {
  if (!range) {
    const port = await tryListen(0);
    if (port) return port;
  } else {
    for (let i = 0; i < 50; i++) {
      const port = await tryListen(range[0] + Math.floor(Math.random() * (range[1] - range[0])));
      if (port) return port;
    }
  }
  throw new Error('zabbix lab: no free TCP port on 127.0.0.1');
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function pgBin(tool: string): string {
  const versions = fs
    .readdirSync('/usr/lib/postgresql')
    .filter((v) => fs.existsSync(path.join('/usr/lib/postgresql', v, 'bin', tool)))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error(`zabbix lab: PostgreSQL's ${tool} not found under /usr/lib/postgresql (apt-get install postgresql)`);
  return path.join('/usr/lib/postgresql', versions[0]!, 'bin', tool);
}

function phpFpmBin(): string {
  const found = fs.readdirSync('/usr/sbin').filter((f) => /^php-fpm\d+\.\d+$/.test(f)).sort();
  if (!found.length) throw new Error('zabbix lab: php-fpm not found in /usr/sbin (apt-get install php-fpm php-pgsql)');
  return path.join('/usr/sbin', found.at(-1)!);
}

function requireFile(file: string, pkg: string): void {
  if (!fs.existsSync(file)) throw new Error(`zabbix lab: ${file} is missing (apt-get install ${pkg})`);
}

/** Posts one JSON-RPC request to the lab's API (no auth); for the harness's own checks. */
export async function apiCall<T = unknown>(apiUrl: string, method: string, params: unknown, auth?: string): Promise<T> {
  const body: Record<string, unknown> = { jsonrpc: '2.0', method, params, id: 1 };
  if (auth) body.auth = auth;
  const res = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json-rpc' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const json = (await res.json()) as { result?: T; error?: { message: string; data: string } };
  if (json.error) throw new Error(`zabbix lab: ${method}: ${json.error.message} ${json.error.data}`);
  return json.result as T;
}

async function psql(pgPort: number, user: string, db: string, sql: string, input?: string): Promise<string> {
  const args = ['-h', '127.0.0.1', '-p', String(pgPort), '-U', user, '-d', db, '-q', '-v', 'ON_ERROR_STOP=1', '-X'];
  if (sql) args.push('-c', sql);
  else args.push('--single-transaction', '-f', '-');
  return run(pgBin('psql'), args, { input: input ?? '', timeoutMs: 300_000, env: { PGPASSWORD: user === DB.user ? DB.password : '' } });
}

async function startPostgres(dir: string, pgPort: number): Promise<number> {
  const data = path.join(dir, 'pg');
  const sock = path.join(dir, 'pgsock');
  fs.mkdirSync(data, { mode: 0o700 });
  fs.mkdirSync(sock);
  await run('chown', ['postgres:postgres', data, sock]);
  await run('runuser', ['-u', 'postgres', '--', pgBin('initdb'), '-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale=C'], {
    timeoutMs: 120_000,
  });
  // The superuser connects over TCP for setup: trust postgres from 127.0.0.1 only, zabbix by password.
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    ['local all all trust', 'host all postgres 127.0.0.1/32 trust', `host ${DB.name} ${DB.user} 127.0.0.1/32 scram-sha-256`, ''].join('\n'),
  );
  // Durability off: a throwaway test database, loaded and rebuilt in seconds.
  const opts = `-c listen_addresses=127.0.0.1 -p ${pgPort} -k ${sock} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  await run('runuser', ['-u', 'postgres', '--', pgBin('pg_ctl'), '-D', data, '-l', path.join(sock, 'postgres.log'), '-o', opts, '-w', '-t', '60', 'start'], {
    timeoutMs: 90_000,
  });
  const pid = readPid(path.join(data, 'postmaster.pid'));
  if (!pid) throw new Error('zabbix lab: PostgreSQL started but wrote no postmaster.pid');
  return pid;
}

async function loadDatabase(pgPort: number): Promise<void> {
  await psql(pgPort, 'postgres', 'postgres', `CREATE ROLE ${DB.user} LOGIN PASSWORD '${DB.password}'`);
  await psql(pgPort, 'postgres', 'postgres', `CREATE DATABASE ${DB.name} OWNER ${DB.user} ENCODING 'UTF8' TEMPLATE template0`);
  // In this order: the schema, then images, then data (data refers to images).
  for (const part of ['schema', 'images', 'data']) {
    const file = path.join(SQL_DIR, `${part}.sql.gz`);
    requireFile(file, 'zabbix-server-pgsql');
    await psql(pgPort, DB.user, DB.name, '', zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  }
}

async function startServer(dir: string, pgPort: number, trapperPort: number): Promise<number> {
  const sdir = path.join(dir, 'server');
  fs.mkdirSync(sdir);
  await run('chown', ['zabbix:zabbix', sdir]);
  const conf = path.join(sdir, 'zabbix_server.conf');
  fs.writeFileSync(
    conf,
    [
      `ListenIP=127.0.0.1`,
      `ListenPort=${trapperPort}`,
      `SourceIP=127.0.0.1`,
      `PidFile=${path.join(sdir, 'zabbix_server.pid')}`,
      `LogFile=${path.join(sdir, 'zabbix_server.log')}`,
      `SocketDir=${sdir}`,
      `DBHost=127.0.0.1`,
      `DBPort=${pgPort}`,
      `DBName=${DB.name}`,
      `DBUser=${DB.user}`,
      `DBPassword=${DB.password}`,
      // New hosts and items must reach the server's configuration cache within seconds, not a minute.
      `CacheUpdateFrequency=2`,
      `StartPollers=1`,
      `StartPollersUnreachable=1`,
      `StartTrappers=2`,
      `StartPingers=0`,
      `StartDiscoverers=0`,
      `StartHTTPPollers=0`,
      `StartTimers=1`,
      `StartEscalators=1`,
      `StartAlerters=1`,
      `HousekeepingFrequency=0`,
      `Timeout=4`,
      `AllowUnsupportedDBVersions=1`,
      `FpingLocation=/usr/bin/fping`,
      '',
    ].join('\n'),
  );
  await run('/usr/sbin/zabbix_server', ['-c', conf], { timeoutMs: 30_000 });
  const pid = await waitFor('zabbix_server pid file', 30_000, () => readPid(path.join(sdir, 'zabbix_server.pid')));
  // Ready when the trapper accepts connections.
  await waitFor(`zabbix_server trapper on 127.0.0.1:${trapperPort}`, 60_000, () => tcpOpen(trapperPort).then((ok) => (ok ? true : undefined)));
  return pid;
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

function writeFrontendConfig(pgPort: number, trapperPort: number): void {
  if (fs.existsSync(FRONTEND_CONFIG) && !fs.readFileSync(FRONTEND_CONFIG, 'utf8').includes(MARKER)) {
    throw new Error(`zabbix lab: ${FRONTEND_CONFIG} exists and was not written by this harness; refusing to overwrite it`);
  }
  fs.mkdirSync(path.dirname(FRONTEND_CONFIG), { recursive: true });
  fs.writeFileSync(
    FRONTEND_CONFIG,
    `<?php
${MARKER}
$DB['TYPE'] = 'POSTGRESQL';
$DB['SERVER'] = '127.0.0.1';
$DB['PORT'] = '${pgPort}';
$DB['DATABASE'] = '${DB.name}';
$DB['USER'] = '${DB.user}';
$DB['PASSWORD'] = '${DB.password}';
$DB['SCHEMA'] = '';
$DB['ENCRYPTION'] = false;
$DB['KEY_FILE'] = '';
$DB['CERT_FILE'] = '';
$DB['CA_FILE'] = '';
$DB['VERIFY_HOST'] = false;
$DB['CIPHER_LIST'] = '';
$DB['VAULT_URL'] = '';
$DB['VAULT_DB_PATH'] = '';
$DB['VAULT_TOKEN'] = '';
$DB['DOUBLE_IEEE754'] = true;
$ZBX_SERVER = '127.0.0.1';
$ZBX_SERVER_PORT = '${trapperPort}';
$ZBX_SERVER_NAME = 'wardflux-lab';
$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
`,
    { mode: 0o644 },
  );
}

async function startPhpFpm(dir: string): Promise<number> {
  const conf = path.join(dir, 'php-fpm.conf');
  fs.writeFileSync(
    conf,
    [
      '[global]',
      `pid = ${path.join(dir, 'php-fpm.pid')}`,
      `error_log = ${path.join(dir, 'php-fpm.log')}`,
      'daemonize = yes',
      '[zabbix]',
      'user = www-data',
      'group = www-data',
      `listen = ${path.join(dir, 'php-fpm.sock')}`,
      'listen.owner = www-data',
      'listen.group = www-data',
      'listen.mode = 0660',
      'pm = static',
      'pm.max_children = 4',
      'catch_workers_output = yes',
      'php_admin_value[date.timezone] = UTC',
      'php_admin_value[memory_limit] = 256M',
      'php_admin_value[post_max_size] = 16M',
      'php_admin_value[max_execution_time] = 300',
      'php_admin_value[max_input_time] = 300',
      '',
    ].join('\n'),
  );
  await run(phpFpmBin(), ['--fpm-config', conf], { timeoutMs: 30_000 });
  return waitFor('php-fpm pid file', 15_000, () => readPid(path.join(dir, 'php-fpm.pid')));
}

/** Starts nginx for the lab in `dir` on `httpPort`; returns its master PID. */
async function startNginx(dir: string, httpPort: number): Promise<number> {
  const conf = path.join(dir, 'nginx.conf');
  const tmp = path.join(dir, 'nginx-tmp');
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(
    conf,
    `user www-data;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'nginx-error.log')} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${tmp}/body;
  fastcgi_temp_path ${tmp}/fastcgi;
  proxy_temp_path ${tmp}/proxy;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  server {
    listen 127.0.0.1:${httpPort};
    root ${FRONTEND_ROOT};
    index index.php;
    client_max_body_size 16m;
    location ~ \\.php$ {
      try_files $uri =404;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_read_timeout 120s;
      fastcgi_pass unix:${path.join(dir, 'php-fpm.sock')};
    }
  }
}
`,
  );
  fs.rmSync(path.join(dir, 'nginx.pid'), { force: true });
  await run('/usr/sbin/nginx', ['-e', path.join(dir, 'nginx-error.log'), '-p', dir, '-c', conf], { timeoutMs: 15_000 });
  const pid = await waitFor('nginx pid file', 15_000, () => readPid(path.join(dir, 'nginx.pid')));
  await waitFor(`nginx on 127.0.0.1:${httpPort}`, 15_000, () => tcpOpen(httpPort).then((ok) => (ok ? true : undefined)));
  return pid;
}

/** Sends `signal` to `pid` and waits (with a deadline) until it is gone; SIGKILL after that. */
async function stopPid(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM', deadlineMs = 20_000): Promise<void> {
  if (!pid || !pidAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const end = Date.now() + deadlineMs;
  while (pidAlive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function allAlive(s: ZabbixLab): boolean {
  return pidAlive(s.pids.postgres) && pidAlive(s.pids.server) && pidAlive(s.pids.phpFpm) && pidAlive(s.pids.nginx);
}

/**
 * Returns the running lab stack, starting it when there is none (1-2 minutes the first time).
 * Idempotent: a healthy recorded instance is reused; a broken one is torn down and rebuilt.
 */
export function ensureZabbixLab(options: { keep?: boolean } = {}): Promise<ZabbixLab> {
  return withLock(() => ensureLocked(options));
}

async function ensureLocked(options: { keep?: boolean }): Promise<ZabbixLab> {
  const dir = labDir();
  const run = currentRun();
  const existing = readState(dir);
  if (existing && allAlive(existing)) {
    try {
      await apiCall(existing.apiUrl, 'apiinfo.version', {});
      const users = [...new Set([...(existing.users ?? []), ...(run ? [run] : [])])];
      const updated = { ...existing, keep: existing.keep || !!options.keep, users };
      writeState(updated);
      return updated;
    } catch {
      /* not answering: rebuild */
    }
  }
  await stopLocked({ force: true });

  for (const [file, pkg] of [
    ['/usr/sbin/zabbix_server', 'zabbix-server-pgsql'],
    [path.join(FRONTEND_ROOT, 'api_jsonrpc.php'), 'zabbix-frontend-php'],
    ['/usr/sbin/nginx', 'nginx'],
  ] as const) {
    requireFile(file, pkg);
  }
  const t0 = Date.now();
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  // zabbix_server accepts ListenPort 1024-32767 only.
  const [pgPort, trapperPort, httpPort] = [await freePort(), await freePort([20000, 32767]), await freePort()];
  const state: ZabbixLab = {
    url: `http://127.0.0.1:${httpPort}/`,
    apiUrl: `http://127.0.0.1:${httpPort}/api_jsonrpc.php`,
    httpPort,
    trapperPort,
    pgPort,
    dir,
    admin: { username: 'Admin', password: 'zabbix' },
    version: '',
    pids: { postgres: 0, server: 0, phpFpm: 0 },
    startMs: 0,
    startedAt: t0,
    // Started outside a test run (the CLI): kept until stopped by hand.
    keep: options.keep ?? run === undefined,
    users: run ? [run] : [],
  };
  try {
    state.pids.postgres = await startPostgres(dir, pgPort);
    writeState(state);
    await loadDatabase(pgPort);
    state.pids.server = await startServer(dir, pgPort, trapperPort);
    writeState(state);
    writeFrontendConfig(pgPort, trapperPort);
    state.pids.phpFpm = await startPhpFpm(dir);
    writeState(state);
    state.pids.nginx = await startNginx(dir, httpPort);
    writeState(state);
    state.version = await waitFor('the Zabbix API', 60_000, () => apiCall<string>(state.apiUrl, 'apiinfo.version', {}));
    state.startMs = Date.now() - t0;
    writeState(state);
    return state;
  } catch (err) {
    const logs = ['pgsock/postgres.log', 'server/zabbix_server.log', 'php-fpm.log', 'nginx-error.log']
      .map((f) => path.join(dir, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => `--- ${f}\n${fs.readFileSync(f, 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');
    await stopLocked({ force: true });
    throw new Error(`${(err as Error).message}\n${logs}`, { cause: err });
  }
}

/** Stops the frontend's web server only (the API becomes unreachable; the rest keeps running). */
export async function stopFrontend(lab: ZabbixLab): Promise<void> {
  await stopPid(lab.pids.nginx, 'SIGTERM');
  lab.pids.nginx = undefined;
  writeState(lab);
}

/** Starts the frontend's web server again on the same port. */
export async function startFrontend(lab: ZabbixLab): Promise<void> {
  if (pidAlive(lab.pids.nginx)) return;
  lab.pids.nginx = await startNginx(lab.dir, lab.httpPort);
  writeState(lab);
}

/**
 * Stops every daemon of the lab by its recorded PID, removes the frontend config it wrote and the
 * state dir. Without `force`, a lab started with `keep` is left running.
 */
export function stopZabbixLab(options: { force?: boolean; run?: number } = {}): Promise<void> {
  return withLock(() => stopLocked(options));
}

async function stopLocked(options: { force?: boolean; run?: number }): Promise<void> {
  const dir = labDir();
  const s = readState(dir);
  if (s && !options.force) {
    // Only the last live run using it stops it; a kept stack is never stopped by a run.
    const users = (s.users ?? []).filter((u) => u !== options.run && pidAlive(u));
    if (s.keep || users.length) {
      writeState({ ...s, users });
      return;
    }
  }
  if (s) {
    await stopPid(s.pids.nginx, 'SIGQUIT');
    await stopPid(s.pids.phpFpm, 'SIGQUIT');
    await stopPid(s.pids.server, 'SIGTERM', 30_000);
    // SIGINT is PostgreSQL's fast shutdown.
    await stopPid(s.pids.postgres, 'SIGINT', 30_000);
  } else if (fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))) {
    // A start that died before writing state: the PIDs are in the daemons' own pid files.
    await stopPid(readPid(path.join(dir, 'nginx.pid')), 'SIGQUIT');
    await stopPid(readPid(path.join(dir, 'php-fpm.pid')), 'SIGQUIT');
    await stopPid(readPid(path.join(dir, 'server', 'zabbix_server.pid')));
    await stopPid(readPid(path.join(dir, 'pg', 'postmaster.pid')), 'SIGINT', 30_000);
  }
  if (fs.existsSync(FRONTEND_CONFIG) && fs.readFileSync(FRONTEND_CONFIG, 'utf8').includes(MARKER)) fs.rmSync(FRONTEND_CONFIG);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Reports whether the daemons of a recorded lab are alive (for the CLI). */
export async function zabbixLabStatus(): Promise<string> {
  const s = readState();
  if (!s) return 'no Zabbix lab recorded';
  const alive = Object.entries(s.pids).map(([k, pid]) => `${k}=${pid ?? '-'}${pidAlive(pid) ? '' : '(dead)'}`);
  const api = await apiCall<string>(s.apiUrl, 'apiinfo.version', {}).catch((e: unknown) => `down (${String(e)})`);
  return `${s.url} api ${api}; ${alive.join(' ')}; first start took ${s.startMs} ms`;
}
