/**
 * `wardflux zabbix connect|mode|status|sync|hosts|problems|push`: the Zabbix connection from a
 * terminal. The server, credentials and mode are the ones saved in the data directory (Settings in
 * the app); `connect` saves them, reading the token or password from standard input (never from
 * the command line, where `ps` would show it).
 * `push` delivers at once and reports each device; what cannot be delivered stays queued in the
 * outbox for the next run of the app or `serve`.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { unwrap } from '../api/dispatcher.ts';
import { MonitoringMode } from '../api/settings.ts';
import { ZABBIX_SEVERITY_NAMES, type ZabbixStatus } from '../api/zabbix.ts';
import type { Engine } from '../engine.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { type CliIo, formatTable, printJson } from './output.ts';
import { stdinSecrets } from './secret-input.ts';

const AVAILABLE = ['unknown', 'available', 'unavailable'];
const cli = { transport: 'cli' } as const;

function age(sec: number | null): string {
  if (sec === null) return 'never';
  if (sec < 120) return `${sec} s ago`;
  if (sec < 7200) return `${Math.round(sec / 60)} min ago`;
  return `${Math.round(sec / 3600)} h ago`;
}

function printStatus(io: CliIo, s: ZabbixStatus, url: string, version: string | null): void {
  const lines = [
    `Mode:       ${s.mode}${s.mode === 'standalone' ? ' (the Zabbix mirror is off; set monitoringMode to zabbix or hybrid)' : ''}`,
    `Server:     ${url || '(none configured)'}${version ? ` (Zabbix ${version})` : ''}`,
    `Last sync:  ${age(s.ageSec)}${s.stale ? ' (STALE: the last attempt failed)' : ''}`,
    ...(s.error ? [`Error:      ${s.error}`] : []),
    `Hosts:      ${s.hosts} (${s.matched} matched to WARD FLUX devices, ${s.imported} Zabbix-only)`,
    `Problems:   ${s.problems} open`,
    `Pushes:     ${s.pendingPushes} waiting in the outbox`,
  ];
  io.out(`${lines.join('\n')}\n`);
}

async function status(engine: Engine, io: CliIo, json: boolean, refresh: boolean): Promise<void> {
  const s = await unwrap(engine.api.call(refresh ? 'zabbix.refresh' : 'zabbix.status', {}, cli));
  if (json) return printJson(io, s);
  const config = await unwrap(engine.api.call('zabbix.getConfig', {}, cli));
  printStatus(io, s, config.url, config.serverVersion);
}

async function hosts(engine: Engine, io: CliIo, opts: { json: boolean; search?: string }): Promise<void> {
  const res = await unwrap(engine.api.call('zabbix.hosts', opts.search ? { search: opts.search } : {}, cli));
  if (opts.json) return printJson(io, res);
  if (res.stale) io.err(`Zabbix unreachable: showing the hosts read ${age(res.ageSec)}${res.error ? ` (${res.error})` : ''}\n`);
  if (!res.items.length) return io.err('No hosts.\n');
  const main = (h: (typeof res.items)[number]) => h.interfaces.find((i) => i.main) ?? h.interfaces[0];
  io.out(
    formatTable(
      ['HOST', 'NAME', 'ADDRESS', 'AVAILABLE', 'GROUPS'],
      res.items.map((h) => {
        const i = main(h);
        return [h.host, h.name, i ? (i.useIp ? i.ip : i.dns) : '', AVAILABLE[i?.available ?? 0] ?? '?', h.groups.map((g) => g.name).join(', ')];
      }),
    ),
  );
}

async function problems(engine: Engine, io: CliIo, opts: { json: boolean; minSeverity: number }): Promise<void> {
  const res = await unwrap(engine.api.call('zabbix.problems', { minSeverity: opts.minSeverity }, cli));
  if (opts.json) return printJson(io, res);
  if (res.stale) io.err(`Zabbix unreachable: showing the problems read ${age(res.ageSec)}${res.error ? ` (${res.error})` : ''}\n`);
  if (!res.items.length) return io.err('No problems.\n');
  io.out(
    formatTable(
      ['SINCE', 'SEVERITY', 'HOST', 'PROBLEM', 'ACK', 'EVENT'],
      res.items.map((p) => [new Date(p.clock).toISOString(), ZABBIX_SEVERITY_NAMES[p.severity] ?? String(p.severity), p.hosts.map((h) => h.name).join(', '), p.name, p.acknowledged ? 'yes' : 'no', p.eventId]),
    ),
  );
}

/** Queues the devices (by name or id; --all for every WARD FLUX device), then delivers what it can now. */
async function push(engine: Engine, io: CliIo, opts: { refs: string[]; all: boolean; json: boolean }): Promise<void> {
  if (!opts.all && !opts.refs.length) throw new ValidationError('Name the devices to push (name or id), or use --all.');
  const { items } = await unwrap(engine.api.call('devices.list', { limit: 50_000 }, cli));
  const devices = opts.all
    ? items.filter((d) => d.source !== 'zabbix' && !d.builtin) // not the engine's own device
    : opts.refs.map((ref) => {
        const d = items.find((x) => x.id === ref) ?? items.find((x) => x.name.toLowerCase() === ref.toLowerCase());
        if (!d) throw new NotFoundError(`No device named or with id "${ref}". See "wardflux devices list".`);
        return d;
      });
  if (!devices.length) throw new NotFoundError('No WARD FLUX devices to push.');
  // Loaded with the engine already: no cost, and `wardflux --version` stays light.
  const { PUSH_TOPIC } = await import('../zabbix/zabbix-service.ts');
  const before = new Set(engine.areas.outbox.list({ topic: PUSH_TOPIC, limit: 100_000 }).map((r) => r.id));
  await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds: devices.map((d) => d.id) }, cli));
  await engine.areas.outbox.runDue();
  const mine = engine.areas.outbox.list({ topic: PUSH_TOPIC, limit: 100_000 }).filter((r) => !before.has(r.id));
  // Push entries are keyed `<deviceId>@<queued at>` (zabbix-service.ts).
  const byDevice = new Map(mine.map((r) => [r.idempotencyKey.split('@')[0], r]));
  const rows = devices.map((d) => {
    const r = byDevice.get(d.id);
    return { device: d.name, address: d.address, state: r?.state ?? 'unknown', error: r?.lastError ?? null };
  });
  if (opts.json) printJson(io, rows);
  else io.out(formatTable(['DEVICE', 'ADDRESS', 'STATE', 'ERROR'], rows.map((r) => [r.device, r.address, r.state === 'delivered' ? 'pushed' : r.state, r.error ?? ''])));
  const failed = rows.filter((r) => r.state !== 'delivered').length;
  if (failed) throw new AppError('unavailable', `${failed} of ${rows.length} not delivered: pending pushes are retried by the app or "wardflux serve" (Settings > Outbox)`);
}

async function connect(engine: Engine, io: CliIo, url: string, o: { tokenStdin: boolean; user?: string; passwordStdin: boolean; check: boolean; json: boolean }): Promise<void> {
  if (o.tokenStdin === o.passwordStdin) throw new ValidationError('Use either --token-stdin, or --user NAME with --password-stdin.');
  if (o.passwordStdin && !o.user) throw new ValidationError('--password-stdin needs --user NAME.');
  // A secret piped in: `echo "$TOKEN" | wardflux zabbix connect URL --token-stdin`.
  const stdin = stdinSecrets(io);
  const input = o.tokenStdin
    ? { url, authMethod: 'token' as const, token: await stdin.next('API token') }
    : { url, authMethod: 'password' as const, username: o.user!, password: await stdin.next('password') };
  const tested = o.check ? await unwrap(engine.api.call('zabbix.testConnection', input, cli)) : null;
  const saved = await unwrap(engine.api.call('zabbix.setConfig', input, cli));
  if (o.json) return printJson(io, { ...saved, version: tested?.version ?? null });
  const who = saved.authMethod === 'token' ? 'API token' : `user ${saved.username}`;
  io.out(tested ? `Connected to Zabbix ${tested.version} at ${saved.url} (${who}); saved.` : `${saved.url} (${who}) saved without testing the connection.`);
}

async function setMode(engine: Engine, io: CliIo, mode: string, json: boolean): Promise<void> {
  const parsed = MonitoringMode.safeParse(mode);
  if (!parsed.success) throw new ValidationError(`Unknown mode "${mode}": use one of ${MonitoringMode.options.join(', ')}`);
  const settings = await unwrap(engine.api.call('settings.set', { monitoringMode: parsed.data }, cli));
  if (json) return printJson(io, { monitoringMode: settings.monitoringMode });
  io.out(`Monitoring mode: ${settings.monitoringMode}`);
}

function severity(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 5) throw new InvalidArgumentError('a severity from 0 (not classified) to 5 (disaster)');
  return n;
}

export const registerZabbixCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  const json = () => ctx.globals().json;
  const zabbix = program.command('zabbix').description('the Zabbix server configured in Settings: status, sync, hosts, problems, push devices');
  zabbix
    .command('connect')
    .description('save the Zabbix server and credential after testing them (the secret is read from standard input)')
    .argument('<url>', 'frontend URL, e.g. https://zabbix.example.com/zabbix')
    .option('--token-stdin', 'read an API token from standard input', false)
    .option('-u, --user <name>', 'user name (with --password-stdin)')
    .option('--password-stdin', 'read the password from standard input', false)
    .option('--no-check', 'save without connecting first (e.g. set up offline, sync later)')
    .action((url: string, o: { tokenStdin: boolean; user?: string; passwordStdin: boolean; check: boolean }) => ctx.withEngine((e) => connect(e, ctx.io, url, { ...o, json: json() })));
  zabbix
    .command('mode')
    .description('set the monitoring mode: standalone (WARD FLUX only), zabbix (read everything from Zabbix) or hybrid (both, merged)')
    .argument('<mode>', 'standalone | zabbix | hybrid')
    .action((mode: string) => ctx.withEngine((e) => setMode(e, ctx.io, mode, json())));
  zabbix
    .command('status')
    .description('mode, server, last sync (stale or not) and counts')
    .action(() => ctx.withEngine((e) => status(e, ctx.io, json(), false)));
  zabbix
    .command('sync')
    .description('read hosts and problems from Zabbix now (Zabbix and hybrid modes) and show the status')
    // Exclusive: a mirror refresh is the host's background work; one engine does it per data dir.
    .action(() => ctx.withEngine((e) => status(e, ctx.io, json(), true), { exclusive: true }));
  zabbix
    .command('hosts')
    .description('hosts in Zabbix (the last known ones when it is unreachable)')
    .option('-s, --search <text>', 'host or visible name contains')
    .action((o: { search?: string }) => ctx.withEngine((e) => hosts(e, ctx.io, { json: json(), ...o })));
  zabbix
    .command('problems')
    .description('current problems in Zabbix (the last known ones when it is unreachable)')
    .option('--min-severity <0-5>', 'only problems at or above this severity', severity, 0)
    .action((o: { minSeverity: number }) => ctx.withEngine((e) => problems(e, ctx.io, { json: json(), minSeverity: o.minSeverity })));
  zabbix
    .command('push')
    .description('create or update devices as Zabbix hosts (SNMP interface, host group, template, site tag); exit code 1 if any is not delivered')
    .argument('[device...]', 'device names or ids')
    .option('--all', 'every WARD FLUX device', false)
    // Exclusive: it delivers the outbox, which a running host delivers too (twice, side by side).
    .action((refs: string[], o: { all: boolean }) => ctx.withEngine((e) => push(e, ctx.io, { refs, all: o.all, json: json() }), { exclusive: true }));
};
