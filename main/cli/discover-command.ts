/**
 * `wardflux discover TARGET... [-c COMMUNITY]... [--v3-user U ...] [--rate PPS] [--fixed-rate] [--ports LIST]
 * [--timeout MS] [--json|--csv]`: a sweep with an in-process engine on the data directory. The
 * job is stored like any other (the UI lists it); communities and v3 keys given here are used for
 * this run only and never stored. Progress goes to stderr: a bar on a terminal, plain lines when
 * piped. Ctrl-C cancels the sweep and prints what was found so far.
 */
import { type Command, InvalidArgumentError } from 'commander';
import type { DiscoveryHost, DiscoveryJob } from '../api/discovery.ts';
import type { EngineEvent } from '../api/events.ts';
import { ValidationError } from '../errors.ts';
import type { SnmpCredential } from '../snmp/credentials.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { resolveDataDir } from './data-dir.ts';
import { loggerOptionsFrom } from './log-options.ts';
import { formatTable, printJson } from './output.ts';
import { resolveSecret, SNMP_SECRET_ENV, type SecretSpec, secretHelp, type StdinSecrets, stdinHelp, stdinSecrets } from './secret-input.ts';

export interface DiscoverOptions {
  community: string[];
  communityStdin?: boolean;
  credential: string[];
  exclude: string[];
  v3User?: string;
  v3Level?: string;
  v3Auth?: string;
  v3AuthPass?: string;
  v3AuthPassStdin?: boolean;
  v3Priv?: string;
  v3PrivPass?: string;
  v3PrivPassStdin?: boolean;
  rate?: number;
  fixedRate?: boolean;
  ports?: number[];
  timeout?: number;
  retries?: number;
  methods?: string[];
  tcpAll?: boolean;
  dns: boolean;
  yes?: boolean;
  json?: boolean;
  csv?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number of at least 0');
  return n;
}

/** "22,80,8000-8010" → ports. */
export function parsePorts(value: string): number[] {
  const out: number[] = [];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new InvalidArgumentError(`"${part}" is not a port or a range of ports (22,80,8000-8010)`);
    const lo = Number(m[1]);
    const hi = Number(m[2] ?? m[1]);
    if (lo < 1 || hi > 65535 || hi < lo) throw new InvalidArgumentError(`"${part}": ports are 1-65535`);
    for (let p = lo; p <= hi; p++) out.push(p);
  }
  if (out.length === 0) throw new InvalidArgumentError('give at least one port');
  return [...new Set(out)];
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const COMMUNITY: SecretSpec = { what: 'communities', flag: '-c', stdinFlag: '--community-stdin', env: SNMP_SECRET_ENV.community };
const AUTH_PASS: SecretSpec = { what: 'SNMPv3 authentication passphrase', flag: '--v3-auth-pass', stdinFlag: '--v3-auth-pass-stdin', env: SNMP_SECRET_ENV.authPass };
const PRIV_PASS: SecretSpec = { what: 'SNMPv3 privacy passphrase', flag: '--v3-priv-pass', stdinFlag: '--v3-priv-pass-stdin', env: SNMP_SECRET_ENV.privPass };

const SECRETS_HELP = `
Secrets: -c, --v3-auth-pass and --v3-priv-pass are visible to every user of this machine (ps,
/proc) and stay in the shell history. Pipe them in instead, one per line: the v3 passphrases first
(--v3-auth-pass-stdin, --v3-priv-pass-stdin), then with --community-stdin every remaining line is
a community. Or set $${COMMUNITY.env} (used when no community is given otherwise),
$${AUTH_PASS.env}, $${PRIV_PASS.env}.
  printf '%s\\n' private "$CUSTOMER_COMMUNITY" | wardflux discover 10.1.2.0/24 --community-stdin`;

/**
 * The options with their secrets filled in from the flags, standard input (v3 passphrases first,
 * then the communities) or the environment (a community only when none is given otherwise; the
 * passphrases only with --v3-user).
 */
export async function withSecrets(o: DiscoverOptions, stdin: StdinSecrets, env: NodeJS.ProcessEnv = process.env): Promise<DiscoverOptions> {
  const out: DiscoverOptions = { ...o };
  if (o.v3User) {
    const authPass = await resolveSecret(AUTH_PASS, { value: o.v3AuthPass, stdin: o.v3AuthPassStdin }, stdin, env);
    const privPass = await resolveSecret(PRIV_PASS, { value: o.v3PrivPass, stdin: o.v3PrivPassStdin }, stdin, env);
    if (authPass !== undefined) out.v3AuthPass = authPass;
    if (privPass !== undefined) out.v3PrivPass = privPass;
  } else if (o.v3AuthPassStdin || o.v3PrivPassStdin) throw new ValidationError('--v3-* options need --v3-user');
  if (o.communityStdin) out.community = [...o.community, ...(await stdin.rest(COMMUNITY.what))];
  else if (!o.community.length && env[COMMUNITY.env]) out.community = [env[COMMUNITY.env]!];
  return out;
}

/** Credentials for this run only: the communities, then the v3 user. */
export async function adHocCredentials(o: DiscoverOptions): Promise<SnmpCredential[]> {
  const out: SnmpCredential[] = o.community.map((community) => ({ version: '2c', community }));
  if (!o.v3User) {
    if (o.v3AuthPass || o.v3PrivPass || o.v3Level) throw new ValidationError('--v3-* options need --v3-user');
    return out;
  }
  const { parseAuthProtocol, parsePrivProtocol, parseSecurityLevel } = await import('../snmp/credentials.ts');
  const level = o.v3Level ? parseSecurityLevel(o.v3Level) : o.v3PrivPass ? 'authPriv' : o.v3AuthPass ? 'authNoPriv' : 'noAuthNoPriv';
  const c: SnmpCredential = { version: '3', username: o.v3User, securityLevel: level };
  if (level !== 'noAuthNoPriv') {
    if (!o.v3AuthPass) throw new ValidationError(`SNMPv3 ${level} needs --v3-auth-pass`);
    c.authProtocol = o.v3Auth ? parseAuthProtocol(o.v3Auth) : 'sha';
    c.authKey = o.v3AuthPass;
  }
  if (level === 'authPriv') {
    if (!o.v3PrivPass) throw new ValidationError('SNMPv3 authPriv needs --v3-priv-pass');
    c.privProtocol = o.v3Priv ? parsePrivProtocol(o.v3Priv) : 'aes';
    c.privKey = o.v3PrivPass;
  }
  out.push(c);
  return out;
}

/** The table's last column: this computer, and why SNMP said nothing (the JSON and CSV carry both). */
export function hostNote(h: DiscoveryHost): string {
  const notes = [h.self ? 'this computer' : null, h.snmpStatus && h.snmpStatus.state !== 'answered' ? h.snmpStatus.message : null];
  return notes.filter(Boolean).join('; ');
}

function bar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

type Progress = Extract<EngineEvent, { name: 'discovery.progress' }>['payload'];

function progressLine(p: Progress): string {
  const eta = p.etaSec === null ? '' : ` ETA ${p.etaSec}s`;
  return `${p.phase} ${p.done}/${p.total} alive ${p.alive} classified ${p.classified} ${p.rate} pps${eta}`;
}

async function run(targets: string[], o: DiscoverOptions, ctx: CliContext): Promise<void> {
  const json = ctx.globals().json || o.json === true;
  if (json && o.csv) throw new ValidationError('Choose one of --json and --csv');
  const [{ DiscoveryJobInput }, { fieldIssues }] = await Promise.all([import('../api/discovery.ts'), import('../api/field-issues.ts')]);
  const parsed = DiscoveryJobInput.safeParse({
    targets,
    exclusions: o.exclude,
    ...(o.methods ? { methods: o.methods } : {}),
    ...(o.rate ? { ratePps: o.rate } : {}),
    adaptiveRate: o.fixedRate !== true,
    ...(o.ports ? { tcpPorts: o.ports } : {}),
    ...(o.timeout ? { timeoutMs: o.timeout } : {}),
    ...(o.retries !== undefined ? { retries: o.retries } : {}),
    tcpAllHosts: o.tcpAll === true,
    reverseDns: o.dns,
    confirmLarge: o.yes === true,
  });
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new ValidationError(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
  }
  const credentials = await adHocCredentials(await withSecrets(o, stdinSecrets(ctx.io)));
  const [{ createEngine }, { createLogger }, { resultsToCsv }] = await Promise.all([import('../engine.ts'), import('../lib/logger.ts'), import('../discovery/jobs/results-export.ts')]);
  const g = ctx.globals();
  // Exclusive: a scan is a job; a host running on this data dir would see it as nobody's. (The
  // engine's pinger goes as fast as any job may: the job paces itself.)
  const engine = await createEngine({ dataDir: resolveDataDir(g.dataDir), logger: createLogger(loggerOptionsFrom(g)), exclusive: true });
  const tty = process.stderr.isTTY === true;
  let onSigint: (() => void) | null = null;
  try {
    // Stored credentials named on the command line, by name or id.
    const stored = engine.api;
    const all = o.credential.length ? await stored.call('credentials.list', undefined) : null;
    const credentialIds = o.credential.map((ref) => {
      const items = all?.ok ? all.data : [];
      const hit = items.find((c) => c.id === ref || c.name.toLowerCase() === ref.toLowerCase());
      if (!hit) throw new ValidationError(`No stored SNMP credential "${ref}" (see the Credentials page, or use -c for a community)`);
      return hit.id;
    });
    let lastLine = 0;
    let jobId = '';
    const off = engine.events.subscribe(['discovery.progress'], (e) => {
      if (e.name !== 'discovery.progress' || e.payload.jobId !== jobId) return;
      const p = e.payload;
      if (tty) process.stderr.write(`\r\x1b[2K${bar(p.done, p.total)} ${progressLine(p)}`);
      else if (performance.now() - lastLine > 1000 || p.phase === 'done') {
        lastLine = performance.now();
        ctx.io.err(progressLine(p));
      }
    });
    const job: DiscoveryJob = await engine.areas.discovery.start({ ...parsed.data, credentialIds }, { credentials });
    jobId = job.id;
    if (!tty) ctx.io.err(`scanning ${job.total} addresses at ${parsed.data.ratePps} packets/s (job ${job.id})`);
    onSigint = () => engine.areas.discovery.cancel(jobId);
    process.once('SIGINT', onSigint);
    const finished = await engine.areas.discovery.wait(jobId);
    off();
    if (tty) process.stderr.write('\r\x1b[2K');
    const results: DiscoveryHost[] = [];
    for (let offset = 0; ; offset += 10_000) {
      const page = engine.areas.discovery.get({ jobId, limit: 10_000, offset });
      results.push(...page.results);
      if (results.length >= page.total || page.results.length === 0) break;
    }
    const seconds = finished.finishedAt !== null ? ((finished.finishedAt - finished.createdAt) / 1000).toFixed(1) : '?';
    ctx.io.err(`${finished.status}: ${finished.alive} alive of ${finished.total} addresses, ${finished.classified} classified, in ${seconds} s`);
    if (json) printJson(ctx.io, { job: finished, results });
    else if (o.csv) ctx.io.out(resultsToCsv(results, '\n'));
    else if (results.length) {
      ctx.io.out(formatTable(['ADDRESS', 'NAME', 'TYPE', 'VENDOR', 'MODEL', 'OS', 'FOUND BY', 'NOTE'], results.map((h) => [h.address, h.name, h.type, h.vendor ?? '', h.model ?? '', [h.os, h.osVersion].filter(Boolean).join(' '), h.foundBy.join(','), hostNote(h)])));
    }
    if (finished.status === 'failed') throw new Error(finished.error ?? 'the scan failed');
  } finally {
    if (onSigint) process.off('SIGINT', onSigint);
    await engine.stop();
    // The CLI never starts the engine's services, so stop() leaves the pinger's socket open.
    await engine.areas.icmp.stop();
  }
}

/** The credentials a run may try: communities and an SNMPv3 user for this run only, or stored ones (`discover`, `templates poll`). */
export function addCredentialFlags(cmd: Command): Command {
  return cmd
    .option('-c, --community <community>', secretHelp('SNMP v2c community to try, for this run only (repeatable)', COMMUNITY), collect, [])
    .option(COMMUNITY.stdinFlag, 'read communities from standard input, one per line (after any v3 passphrases read from it)')
    .option('--credential <name|id>', 'stored SNMP credential to try (repeatable)', collect, [])
    .option('--v3-user <name>', 'SNMPv3 user to try, for this run only')
    .option('--v3-level <level>', 'SNMPv3 level: noAuthNoPriv, authNoPriv, authPriv')
    .option('--v3-auth <proto>', 'SNMPv3 authentication: MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512 (default SHA)')
    .option('--v3-auth-pass <pass>', secretHelp('SNMPv3 authentication passphrase', AUTH_PASS))
    .option(AUTH_PASS.stdinFlag, stdinHelp(AUTH_PASS))
    .option('--v3-priv <proto>', 'SNMPv3 privacy: DES, AES, AES-256 (default AES)')
    .option('--v3-priv-pass <pass>', secretHelp('SNMPv3 privacy passphrase', PRIV_PASS))
    .option(PRIV_PASS.stdinFlag, stdinHelp(PRIV_PASS));
}

/** Registers `wardflux discover`. */
export const registerDiscoverCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  addCredentialFlags(
    program
      .command('discover')
      .description('sweep networks: find live hosts (ICMP, TCP, ARP), read SNMP, classify them')
      .argument('<target...>', 'CIDRs (10.1.2.0/24), ranges (10.1.2.10-50), addresses, host names'),
  )
    .option('-x, --exclude <target>', 'never probe these (repeatable)', collect, [])
    .option('--rate <pps>', 'packets per second, all methods together (default 500); answers may raise it up to 20x, loss halves it', positiveInt)
    .option('--fixed-rate', 'keep --rate fixed: answers do not raise it')
    .option('--ports <list>', 'TCP ports to probe (22,80,443,8000-8010)', parsePorts)
    .option('--timeout <ms>', 'wait per probe, milliseconds (default 1000)', positiveInt)
    .option('--retries <n>', 'extra attempts per silent probe (default 1)', nonNegativeInt)
    .option('--methods <list>', 'icmp,tcp,arp,snmp (default all)', list)
    .option('--tcp-all', 'TCP-probe every address, not only those silent to ping')
    .option('--no-dns', 'skip reverse DNS')
    .option('-y, --yes', 'allow more than 65,536 addresses')
    .option('--json', 'the job and every result as JSON')
    .option('--csv', 'results as CSV')
    .addHelpText('after', SECRETS_HELP)
    .action((targets: string[], o: DiscoverOptions) => run(targets, o, ctx));
};
